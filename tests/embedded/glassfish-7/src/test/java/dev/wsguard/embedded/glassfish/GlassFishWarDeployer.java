package dev.wsguard.embedded.glassfish;

import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDeployer;
import dev.wsguard.testkit.war.WebApp;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import org.glassfish.embeddable.Deployer;
import org.glassfish.embeddable.GlassFishException;
import org.glassfish.internal.api.Globals;

/**
 * Deploys the startup checks' WARs on one embedded GlassFish ({@link GlassFishContainer#deployWar}), booted with the
 * first and stopped at {@link #close()}. Each WAR gets a context path of its own ({@code /app-3}), as the suite's
 * shared deployments do: requests written for {@code /app} go to {@link RunningServer#contextPath()}; a root WAR
 * stays at {@code /}. Closing the server undeploys its WARs, as stopping Jetty or Tomcat ends theirs (wsguard knows
 * the endpoints of every context in the JVM). WebSocket support cannot be switched off for a WAR here, nor GlassFish
 * started without some of its own jars (it is one jar): the checks' data says so.
 */
public final class GlassFishWarDeployer implements WarDeployer {

    private final GlassFishContainer glassfish = new GlassFishContainer();
    private final AtomicInteger deployments = new AtomicInteger();

    @Override
    public RunningServer start(WebSocket webSocket, WebApp... apps) throws Exception {
        if (webSocket == WebSocket.OFF) {
            throw new UnsupportedOperationException("GlassFish hands Tyrus every endpoint of a WAR");
        }
        int port = 0;
        String appPath = null;
        List<String> paths = new ArrayList<>();
        for (WebApp app : apps) {
            String path = app.contextPath().equals("/") ? "/"
                    : app.contextPath() + "-" + deployments.incrementAndGet();
            port = glassfish.deployWar(app.dir(), path);
            paths.add(path);
            if (appPath == null && !path.equals("/")) {
                appPath = path;
            }
        }
        return new Deployed(port, appPath == null ? "" : appPath, paths);
    }

    @Override
    public void close() {
        glassfish.close();
    }

    @Override
    public String toString() {
        return "GlassFish " + glassfish.version();
    }

    /** WARs deployed on the shared GlassFish; closing undeploys them (by the names deployWar gives them). */
    private record Deployed(int port, String contextPath, List<String> paths) implements RunningServer {

        @Override
        public void close() {
            // GlassFish's own deployer service; a harness that cannot reach it must not pass unnoticed.
            Deployer deployer = Objects.requireNonNull(Globals.getDefaultHabitat().getService(Deployer.class),
                    "GlassFish's Deployer service");
            for (String path : paths) {
                try {
                    deployer.undeploy("wsguard-it-extra" + path.replace('/', '-'));
                } catch (GlassFishException ignored) {
                    // Best effort, as every server's close: GlassFish stops with the deployer.
                }
            }
        }
    }
}
