package dev.wsguard.embedded.jetty120;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ScenarioContract;

/** The scenario suite on Jetty 12.0: everything it checks, and every answer it expects, is in container-suite. */
class Jetty120ScenarioTest extends ScenarioContract {

    Jetty120ScenarioTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
