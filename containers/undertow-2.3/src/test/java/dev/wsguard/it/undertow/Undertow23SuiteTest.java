package dev.wsguard.it.undertow;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/** The scenario suite on Undertow 2.3: everything it checks, and every answer it expects, is in scenario-suite. */
class Undertow23SuiteTest extends ContainerSuite {

    Undertow23SuiteTest() {
        super(ContainerKind.UNDERTOW_2_3);
    }
}
