package dev.wsguard.embedded.tomcat101;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.TyrusServletContract;
import dev.wsguard.testkit.war.WarContainer;

/** Tyrus's servlet integration on Tomcat 10.1 (WSG13): the combinations and their outcomes are in container-suite. */
class Tomcat101TyrusServletTest extends TyrusServletContract {

    Tomcat101TyrusServletTest() {
        super(ContainerKind.TOMCAT_10_1, WarContainer.TOMCAT);
    }
}
