package dev.wsguard.embedded.glassfish;

import dev.wsguard.suite.contracts.FaultsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The downstream faults on GlassFish 7: every fault, and what this container gives for each, is in container-suite. */
class GlassFish7FaultsTest extends FaultsContract {

    GlassFish7FaultsTest() {
        super(ContainerKind.GLASSFISH_7);
    }
}
