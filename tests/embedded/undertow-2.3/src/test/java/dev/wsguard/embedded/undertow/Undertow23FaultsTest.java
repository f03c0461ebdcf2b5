package dev.wsguard.embedded.undertow;

import dev.wsguard.suite.contracts.FaultsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The downstream faults on Undertow 2.3: every fault, and what this container gives for each, is in container-suite. */
class Undertow23FaultsTest extends FaultsContract {

    Undertow23FaultsTest() {
        super(ContainerKind.UNDERTOW_2_3);
    }
}
