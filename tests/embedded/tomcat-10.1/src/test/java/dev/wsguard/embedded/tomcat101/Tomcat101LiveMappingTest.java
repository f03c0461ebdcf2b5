package dev.wsguard.embedded.tomcat101;

import dev.wsguard.containers.ContainerEndpoints;
import dev.wsguard.suite.contracts.TomcatLiveMappingContract;

/** wsguard's per-path lookup against this Tomcat's real ServerContainer: the cases are in container-suite. */
class Tomcat101LiveMappingTest extends TomcatLiveMappingContract {

    @Override
    protected String findMapping(Object serverContainer, String path) {
        return ContainerEndpoints.findMapping(serverContainer, null, path);
    }
}
