package dev.wsguard.embedded.jetty121;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.TyrusServletContract;
import dev.wsguard.testkit.war.WarContainer;

/** Tyrus's servlet integration on Jetty 12.1 (WSG13): the combinations and their outcomes are in container-suite. */
class Jetty121TyrusServletTest extends TyrusServletContract {

    Jetty121TyrusServletTest() {
        super(ContainerKind.JETTY_12_1, WarContainer.JETTY_EE10);
    }
}
