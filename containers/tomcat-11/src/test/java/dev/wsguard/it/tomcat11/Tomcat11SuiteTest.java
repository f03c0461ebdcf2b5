package dev.wsguard.it.tomcat11;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/** The scenario suite on Tomcat 11: everything it checks, and every answer it expects, is in scenario-suite. */
class Tomcat11SuiteTest extends ContainerSuite {

    Tomcat11SuiteTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
