package dev.wsguard.embedded.jetty120;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ContainerSuite;

/** The scenario suite on Jetty 12.0: everything it checks, and every answer it expects, is in container-suite. */
class Jetty120SuiteTest extends ContainerSuite {

    Jetty120SuiteTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
