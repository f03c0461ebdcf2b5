package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.TomcatContainer;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;

/**
 * The containers that deploy real WARs, with or without their Jakarta WebSocket support: Jetty 12 ee10 and
 * Tomcat, in whichever version the module has on its class path ({@link #version()} says which).
 */
public enum WarContainer implements WarDeployer {

    JETTY_EE10("jetty", JettyWarDeployer.class),
    TOMCAT("tomcat", TomcatWarDeployer.class);

    /** Whether the container's Jakarta WebSocket support is initialised for the WARs. */
    public enum WebSocket {
        ON, OFF
    }

    private final String family;
    private final Class<?> deployer;

    WarContainer(String family, Class<?> deployer) {
        this.family = family;
        this.deployer = deployer;
    }

    /** Starts a fresh server on 127.0.0.1, port 0, with these WARs; throws if one does not come up. */
    @Override
    public RunningServer start(WebSocket webSocket, WebApp... apps) throws Exception {
        boolean on = webSocket == WebSocket.ON;
        return this == JETTY_EE10 ? JettyWarDeployer.start(on, List.of(apps))
                : TomcatWarDeployer.start(on, List.of(apps));
    }

    /** A fresh server in an isolated class loader ({@link IsolatedServers#start}). */
    @Override
    public RunningServer startWithout(Predicate<Path> excluded, WebSocket webSocket, WebApp... apps) throws Exception {
        return IsolatedServers.start(this, webSocket, excluded, apps);
    }

    /** The version of the container on the class path ({@code 12.0.30}, {@code 11.0.27}). */
    public String version() {
        return this == JETTY_EE10 ? new JettyEe10Container().version() : new TomcatContainer().version();
    }

    /** The deployer class, by name, for {@link IsolatedServers}. */
    String deployerClassName() {
        return deployer.getName();
    }

    /** {@code jetty-12.0.30}, {@code tomcat-11.0.27}. */
    @Override
    public String toString() {
        return family + "-" + version();
    }
}
