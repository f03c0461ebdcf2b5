package dev.wsguard.embedded.tomcat101;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ScenarioContract;

/** The scenario suite on Tomcat 10.1: everything it checks, and every answer it expects, is in container-suite. */
class Tomcat101ScenarioTest extends ScenarioContract {

    Tomcat101ScenarioTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
