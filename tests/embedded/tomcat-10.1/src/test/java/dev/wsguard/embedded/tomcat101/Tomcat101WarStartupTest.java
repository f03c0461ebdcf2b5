package dev.wsguard.embedded.tomcat101;

import dev.wsguard.suite.contracts.WarStartupContract;
import dev.wsguard.testkit.server.ContainerKind;

/** wsguard's startup checks on real WARs here: the checks, and what this container does, are in container-suite. */
class Tomcat101WarStartupTest extends WarStartupContract {

    Tomcat101WarStartupTest() {
        super(ContainerKind.TOMCAT_10_1);
    }
}
