package dev.wsguard.embedded.undertow;

import dev.wsguard.suite.contracts.RealClientContract;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class Undertow23RealClientTest extends RealClientContract {

    Undertow23RealClientTest() {
        super(ContainerKind.UNDERTOW_2_3);
    }
}
