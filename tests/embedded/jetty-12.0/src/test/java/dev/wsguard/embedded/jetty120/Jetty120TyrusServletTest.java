package dev.wsguard.embedded.jetty120;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.TyrusServletContract;
import dev.wsguard.testkit.war.WarContainer;

/** Tyrus's servlet integration on Jetty 12.0 (WSG13): the combinations and their outcomes are in container-suite. */
class Jetty120TyrusServletTest extends TyrusServletContract {

    Jetty120TyrusServletTest() {
        super(ContainerKind.JETTY_12_0, WarContainer.JETTY_EE10);
    }
}
