package dev.wsguard.embedded.tomcat11;

import dev.wsguard.suite.contracts.HostileRequestsContract;
import dev.wsguard.testkit.server.ContainerKind;

/** The hostile requests on Tomcat 11: every attack, and what this container answers to each, is in container-suite. */
class Tomcat11HostileRequestsTest extends HostileRequestsContract {

    Tomcat11HostileRequestsTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
