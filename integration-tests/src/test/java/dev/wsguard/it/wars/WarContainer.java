package dev.wsguard.it.wars;

import dev.wsguard.it.containers.RunningServer;
import java.util.List;

/** The containers that deploy real WARs, with or without their Jakarta WebSocket support. */
public enum WarContainer {

    JETTY_12_1_EE10("jetty-12.1-ee10", JettyWarDeployer.class),
    TOMCAT_11("tomcat-11", TomcatWarDeployer.class);

    /** Whether the container's Jakarta WebSocket support is initialised for the WARs. */
    public enum WebSocket {
        ON, OFF
    }

    private final String label;
    private final Class<?> deployer;

    WarContainer(String label, Class<?> deployer) {
        this.label = label;
        this.deployer = deployer;
    }

    /** Starts a fresh server on 127.0.0.1, port 0, with these WARs; throws if one does not come up. */
    public RunningServer start(WebSocket webSocket, WebApp... apps) throws Exception {
        boolean on = webSocket == WebSocket.ON;
        return this == JETTY_12_1_EE10 ? JettyWarDeployer.start(on, List.of(apps))
                : TomcatWarDeployer.start(on, List.of(apps));
    }

    /** The deployer class, by name, for {@link IsolatedServers}. */
    String deployerClassName() {
        return deployer.getName();
    }

    @Override
    public String toString() {
        return label;
    }
}
