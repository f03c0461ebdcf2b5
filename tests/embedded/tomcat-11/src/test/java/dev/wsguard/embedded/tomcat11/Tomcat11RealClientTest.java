package dev.wsguard.embedded.tomcat11;

import dev.wsguard.suite.contracts.RealClientContract;
import dev.wsguard.testkit.server.ContainerKind;

/** Real WebSocket clients against this container: the cases, and what each reports, are in container-suite. */
class Tomcat11RealClientTest extends RealClientContract {

    Tomcat11RealClientTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
