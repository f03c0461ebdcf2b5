package dev.wsguard.embedded.glassfish;

import dev.wsguard.suite.contracts.HostileRequestsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The hostile requests on GlassFish 7: every attack, and what this container answers to each, is in container-suite. */
class GlassFish7HostileRequestsTest extends HostileRequestsContract {

    GlassFish7HostileRequestsTest() {
        super(ContainerKind.GLASSFISH_7);
    }
}
