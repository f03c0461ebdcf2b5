package dev.wsguard.it.jetty120;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.TyrusServletSuite;
import dev.wsguard.it.wars.WarContainer;

/** Tyrus's servlet integration on Jetty 12.0 (WSG13): the combinations and their outcomes are in scenario-suite. */
class Jetty120TyrusServletTest extends TyrusServletSuite {

    Jetty120TyrusServletTest() {
        super(ContainerKind.JETTY_12_0, WarContainer.JETTY_EE10);
    }
}
