package dev.wsguard.embedded.tomcat11;

import dev.wsguard.suite.contracts.WarStartupContract;
import dev.wsguard.testkit.server.ContainerKind;

/** wsguard's startup checks on real WARs here: the checks, and what this container does, are in container-suite. */
class Tomcat11WarStartupTest extends WarStartupContract {

    Tomcat11WarStartupTest() {
        super(ContainerKind.TOMCAT_11);
    }
}
