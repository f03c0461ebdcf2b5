package dev.wsguard.embedded.jetty120;

import dev.wsguard.suite.contracts.HostileRequestsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The hostile requests on Jetty 12.0: every attack, and what this container answers to each, is in container-suite. */
class Jetty120HostileRequestsTest extends HostileRequestsContract {

    Jetty120HostileRequestsTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
