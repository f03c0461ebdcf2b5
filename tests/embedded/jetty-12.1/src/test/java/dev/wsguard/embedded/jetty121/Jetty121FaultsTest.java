package dev.wsguard.embedded.jetty121;

import dev.wsguard.suite.contracts.FaultsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The downstream faults on Jetty 12.1: every fault, and what this container gives for each, is in container-suite. */
class Jetty121FaultsTest extends FaultsContract {

    Jetty121FaultsTest() {
        super(ContainerKind.JETTY_12_1);
    }
}
