package dev.wsguard.embedded.tomcat11;

import dev.wsguard.suite.contracts.FaultsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The downstream faults on Tomcat 11: every fault, and what this container gives for each, is in container-suite. */
class Tomcat11FaultsTest extends FaultsContract {

    Tomcat11FaultsTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
