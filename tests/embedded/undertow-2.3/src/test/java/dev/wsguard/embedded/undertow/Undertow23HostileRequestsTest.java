package dev.wsguard.embedded.undertow;

import dev.wsguard.suite.contracts.HostileRequestsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The hostile requests on Undertow 2.3: every attack, and what this container answers to each, is in container-suite. */
class Undertow23HostileRequestsTest extends HostileRequestsContract {

    Undertow23HostileRequestsTest() {
        super(ContainerKind.UNDERTOW_2_3);
    }
}
