package dev.wsguard.embedded.tomcat101;

import dev.wsguard.containers.ContainerEndpoints;
import dev.wsguard.suite.contracts.TomcatLiveMappingSuite;

/** wsguard's per-path lookup against this Tomcat's real ServerContainer: the cases are in container-suite. */
class Tomcat101LiveMappingTest extends TomcatLiveMappingSuite {

    @Override
    protected String findMapping(Object serverContainer, String path) {
        return ContainerEndpoints.findMapping(serverContainer, null, path);
    }
}
