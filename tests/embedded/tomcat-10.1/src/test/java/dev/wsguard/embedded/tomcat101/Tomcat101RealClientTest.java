package dev.wsguard.embedded.tomcat101;

import dev.wsguard.suite.contracts.RealClientSuite;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class Tomcat101RealClientTest extends RealClientSuite {

    Tomcat101RealClientTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
