package dev.wsguard.embedded.glassfish;

import dev.wsguard.suite.contracts.WarStartupContract;
import dev.wsguard.testkit.server.ContainerKind;

/** wsguard's startup checks on real WARs here: the checks, and what this container does, are in container-suite. */
class GlassFish7WarStartupTest extends WarStartupContract {

    GlassFish7WarStartupTest() {
        super(ContainerKind.GLASSFISH_7);
    }
}
