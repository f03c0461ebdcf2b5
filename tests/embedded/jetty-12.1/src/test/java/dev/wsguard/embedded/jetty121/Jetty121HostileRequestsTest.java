package dev.wsguard.embedded.jetty121;

import dev.wsguard.suite.contracts.HostileRequestsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The hostile requests on Jetty 12.1: every attack, and what this container answers to each, is in container-suite. */
class Jetty121HostileRequestsTest extends HostileRequestsContract {

    Jetty121HostileRequestsTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
