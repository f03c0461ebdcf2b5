package dev.wsguard.it.tomcat11;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.TyrusServletSuite;
import dev.wsguard.it.wars.WarContainer;

/** Tyrus's servlet integration on Tomcat 11 (WSG13): the combinations and their outcomes are in scenario-suite. */
class Tomcat11TyrusServletTest extends TyrusServletSuite {

    Tomcat11TyrusServletTest() {
        super(ContainerKind.TOMCAT_11, WarContainer.TOMCAT);
    }
}
