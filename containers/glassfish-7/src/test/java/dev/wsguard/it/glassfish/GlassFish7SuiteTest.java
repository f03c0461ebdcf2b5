package dev.wsguard.it.glassfish;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/**
 * The scenario suite on GlassFish 7 with the sample WAR: everything it checks, and every answer it expects,
 * is in scenario-suite (the rows the sample's setup cannot run say so there).
 */
class GlassFish7SuiteTest extends ContainerSuite {

    GlassFish7SuiteTest() {
        super(ContainerKind.GLASSFISH_7);
    }
}
