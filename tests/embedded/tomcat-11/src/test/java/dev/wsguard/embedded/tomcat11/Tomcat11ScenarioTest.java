package dev.wsguard.embedded.tomcat11;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ScenarioContract;

/** The scenario suite on Tomcat 11: everything it checks, and every answer it expects, is in container-suite. */
class Tomcat11ScenarioTest extends ScenarioContract {

    Tomcat11ScenarioTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
