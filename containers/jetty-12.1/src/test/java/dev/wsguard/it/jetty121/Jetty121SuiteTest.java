package dev.wsguard.it.jetty121;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/** The scenario suite on Jetty 12.1: everything it checks, and every answer it expects, is in scenario-suite. */
class Jetty121SuiteTest extends ContainerSuite {

    Jetty121SuiteTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
