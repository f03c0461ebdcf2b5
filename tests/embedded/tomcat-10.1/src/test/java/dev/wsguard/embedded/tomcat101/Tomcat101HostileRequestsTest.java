package dev.wsguard.embedded.tomcat101;

import dev.wsguard.suite.contracts.HostileRequestsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The hostile requests on Tomcat 10.1: every attack, and what this container answers to each, is in container-suite. */
class Tomcat101HostileRequestsTest extends HostileRequestsContract {

    Tomcat101HostileRequestsTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
