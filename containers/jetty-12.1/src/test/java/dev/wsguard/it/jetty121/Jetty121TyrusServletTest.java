package dev.wsguard.it.jetty121;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.TyrusServletSuite;
import dev.wsguard.it.wars.WarContainer;

/** Tyrus's servlet integration on Jetty 12.1 (WSG13): the combinations and their outcomes are in scenario-suite. */
class Jetty121TyrusServletTest extends TyrusServletSuite {

    Jetty121TyrusServletTest() {
        super(ContainerKind.JETTY_12_1, WarContainer.JETTY_EE10);
    }
}
