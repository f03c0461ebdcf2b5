package dev.wsguard.embedded.jetty121;

import dev.wsguard.suite.contracts.WarStartupContract;
import dev.wsguard.testkit.server.ContainerKind;

/** wsguard's startup checks on real WARs here: the checks, and what this container does, are in container-suite. */
class Jetty121WarStartupTest extends WarStartupContract {

    Jetty121WarStartupTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
