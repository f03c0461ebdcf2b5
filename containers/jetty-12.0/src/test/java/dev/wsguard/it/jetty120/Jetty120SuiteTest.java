package dev.wsguard.it.jetty120;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/** The scenario suite on Jetty 12.0: everything it checks, and every answer it expects, is in scenario-suite. */
class Jetty120SuiteTest extends ContainerSuite {

    Jetty120SuiteTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
