package dev.wsguard.embedded.tomcat101;

import dev.wsguard.suite.contracts.RealClientContract;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class Tomcat101RealClientTest extends RealClientContract {

    Tomcat101RealClientTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
