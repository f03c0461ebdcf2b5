package dev.wsguard.embedded.jetty120;

import dev.wsguard.suite.contracts.FaultsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The downstream faults on Jetty 12.0: every fault, and what this container gives for each, is in container-suite. */
class Jetty120FaultsTest extends FaultsContract {

    Jetty120FaultsTest() {
        super(ContainerKind.JETTY_12_0);
    }
}
