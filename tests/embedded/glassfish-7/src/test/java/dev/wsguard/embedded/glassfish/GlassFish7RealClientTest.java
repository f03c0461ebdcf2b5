package dev.wsguard.embedded.glassfish;

import dev.wsguard.suite.contracts.RealClientContract;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class GlassFish7RealClientTest extends RealClientContract {

    GlassFish7RealClientTest() {
        super(ContainerKind.GLASSFISH_7);
    }
}
