package dev.wsguard.embedded.jetty121;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ScenarioContract;

/** The scenario suite on Jetty 12.1: everything it checks, and every answer it expects, is in container-suite. */
class Jetty121ScenarioTest extends ScenarioContract {

    Jetty121ScenarioTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
