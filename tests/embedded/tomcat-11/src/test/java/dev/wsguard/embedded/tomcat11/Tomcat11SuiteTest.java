package dev.wsguard.embedded.tomcat11;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ContainerSuite;

/** The scenario suite on Tomcat 11: everything it checks, and every answer it expects, is in container-suite. */
class Tomcat11SuiteTest extends ContainerSuite {

    Tomcat11SuiteTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
