package dev.wsguard.embedded.tomcat101;

import dev.wsguard.suite.contracts.FaultsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The downstream faults on Tomcat 10.1: every fault, and what this container gives for each, is in container-suite. */
class Tomcat101FaultsTest extends FaultsContract {

    Tomcat101FaultsTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
