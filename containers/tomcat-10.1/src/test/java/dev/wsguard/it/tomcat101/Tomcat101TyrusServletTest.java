package dev.wsguard.it.tomcat101;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.TyrusServletSuite;
import dev.wsguard.it.wars.WarContainer;

/** Tyrus's servlet integration on Tomcat 10.1 (WSG13): the combinations and their outcomes are in scenario-suite. */
class Tomcat101TyrusServletTest extends TyrusServletSuite {

    Tomcat101TyrusServletTest() {
        super(ContainerKind.TOMCAT_10_1, WarContainer.TOMCAT);
    }
}
