package dev.wsguard.embedded.jetty121;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ContainerSuite;

/** The scenario suite on Jetty 12.1: everything it checks, and every answer it expects, is in container-suite. */
class Jetty121SuiteTest extends ContainerSuite {

    Jetty121SuiteTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
