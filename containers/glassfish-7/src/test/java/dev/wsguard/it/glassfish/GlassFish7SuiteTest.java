package dev.wsguard.it.glassfish;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.suite.ContainerSuite;

/**
 * The scenario suite on GlassFish 7, the sample WAR deployed for the setups it has and the catalogue's own WARs
 * for the rest: everything it checks, and every answer it expects, is in scenario-suite.
 */
class GlassFish7SuiteTest extends ContainerSuite {

    GlassFish7SuiteTest() {
        super(ContainerKind.GLASSFISH_7);
    }
}
