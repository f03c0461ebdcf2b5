package dev.wsguard.embedded.undertow;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.contracts.ScenarioContract;

/** The scenario suite on Undertow 2.3: everything it checks, and every answer it expects, is in container-suite. */
class Undertow23ScenarioTest extends ScenarioContract {

    Undertow23ScenarioTest() {
        super(ContainerKind.UNDERTOW_2_3);
    }
}
