package dev.wsguard.embedded.jetty120;

import dev.wsguard.suite.contracts.RealClientContract;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class Jetty120RealClientTest extends RealClientContract {

    Jetty120RealClientTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
