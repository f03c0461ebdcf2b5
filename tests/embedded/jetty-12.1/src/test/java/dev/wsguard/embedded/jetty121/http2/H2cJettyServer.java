package dev.wsguard.embedded.jetty121.http2;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import jakarta.servlet.DispatcherType;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.websocket.servlet.WebSocketUpgradeFilter;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Embedded Jetty 12 ee10 speaking only cleartext HTTP/2 with prior knowledge (h2c), so every exchange that
 * succeeds was HTTP/2 on the wire. The context is built like {@code JettyEe10Container}'s (whose connector is
 * fixed to HTTP/1.1): the app setup's servlets and endpoints, the deployment's first filter (wsguard), Jakarta
 * WebSocket enabled with {@code JakartaWebSocketServletContainerInitializer.configure} (so Jetty prepends its
 * WebSocketUpgradeFilter ahead of wsguard at startup, as on every embedded Jetty of the suite).
 */
final class H2cJettyServer implements RunningServer {

    private final Server server;
    private final Path work;

    private H2cJettyServer(Server server, Path work) {
        this.server = server;
        this.work = work;
    }

    /** Where Jetty's own WebSocket upgrade filter runs relative to wsguard. */
    enum UpgradeFilter {
        /** Jetty's default: prepended at startup, ahead of every application filter. */
        PREPENDED_BY_JETTY,
        /**
         * Declared after wsguard, as a web.xml that names Jetty's filter does: Jetty keeps the declared position,
         * and wsguard sees the upgrades Jetty accepts too.
         */
        DECLARED_AFTER_WSGUARD
    }

    static H2cJettyServer start(Deployment deployment) throws Exception {
        return start(deployment, UpgradeFilter.PREPENDED_BY_JETTY);
    }

    static H2cJettyServer start(Deployment deployment, UpgradeFilter order) throws Exception {
        Path work = WorkDirs.create("jetty-h2c");
        Server server = new Server();
        // h2c only (no HTTP/1.1 factory): a client that tried HTTP/1.1 would fail instead of passing unnoticed.
        ServerConnector connector = new ServerConnector(server, new HTTP2CServerConnectionFactory(new HttpConfiguration()));
        connector.setHost(Loopback.HOST);
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        try {
            ServletContextHandler context = JettyEe10Container.context(deployment, work, c -> {
                if (order == UpgradeFilter.DECLARED_AFTER_WSGUARD) {
                    // Jetty looks its filter up by this name before prepending one of its own (ensureFilter).
                    FilterHolder upgrade = new FilterHolder(new WebSocketUpgradeFilter());
                    upgrade.setName(WebSocketUpgradeFilter.class.getName());
                    upgrade.setAsyncSupported(true);
                    c.addFilter(upgrade, "/*", EnumSet.of(DispatcherType.REQUEST));
                }
            });
            server.setHandler(context);
            server.start();
            if (!context.isAvailable()) {
                throw new IllegalStateException("Jetty context " + AppSetup.CONTEXT_PATH + " is not available after start");
            }
            return new H2cJettyServer(server, work);
        } catch (Exception | Error e) {
            JettyEe10Container.stopQuietly(server);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    /** The filter names in the order the context runs them (after start, with Jetty's upgrade filter). */
    List<String> filterOrder() {
        ServletContextHandler context = (ServletContextHandler) server.getHandler();
        return List.of(context.getServletHandler().getFilterMappings()).stream()
                .map(m -> m.getFilterName()).toList();
    }

    @Override
    public int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public void close() {
        JettyEe10Container.stopQuietly(server);
        WorkDirs.deleteQuietly(work);
    }
}
