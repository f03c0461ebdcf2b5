package dev.wsguard.embedded.tomcat11;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.TyrusServletContract;
import dev.wsguard.testkit.war.WarContainer;

/** Tyrus's servlet integration on Tomcat 11 (WSG13): the combinations and their outcomes are in container-suite. */
class Tomcat11TyrusServletTest extends TyrusServletContract {

    Tomcat11TyrusServletTest() {
        super(ContainerKind.TOMCAT_11, WarContainer.TOMCAT);
    }
}
