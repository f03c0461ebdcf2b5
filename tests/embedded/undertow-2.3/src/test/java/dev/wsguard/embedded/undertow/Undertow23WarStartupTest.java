package dev.wsguard.embedded.undertow;

import dev.wsguard.suite.contracts.WarStartupContract;
import dev.wsguard.testkit.server.ContainerKind;

/** wsguard's startup checks on real WARs here: the checks, and what this container does, are in container-suite. */
class Undertow23WarStartupTest extends WarStartupContract {

    Undertow23WarStartupTest() {
        super(ContainerKind.UNDERTOW_2_3);
    }
}
