package dev.wsguard.it.tomcat101;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/** The scenario suite on Tomcat 10.1: everything it checks, and every answer it expects, is in scenario-suite. */
class Tomcat101SuiteTest extends ContainerSuite {

    Tomcat101SuiteTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
