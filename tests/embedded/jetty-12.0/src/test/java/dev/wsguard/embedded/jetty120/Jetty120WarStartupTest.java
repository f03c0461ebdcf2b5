package dev.wsguard.embedded.jetty120;

import dev.wsguard.suite.contracts.WarStartupContract;
import dev.wsguard.testkit.server.ContainerKind;

/** wsguard's startup checks on real WARs here: the checks, and what this container does, are in container-suite. */
class Jetty120WarStartupTest extends WarStartupContract {

    Jetty120WarStartupTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
