package dev.wsguard.embedded.jetty121;

import dev.wsguard.suite.contracts.RealClientContract;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class Jetty121RealClientTest extends RealClientContract {

    Jetty121RealClientTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
