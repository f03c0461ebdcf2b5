package dev.wsguard.testkit.server;

import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.DefaultServlet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Jetty;

/**
 * Embedded Jetty 12 (12.0 or 12.1, whichever the module has), ee10 environment: a
 * {@link ServletContextHandler} with Jakarta WebSocket support enabled the way embedded code does it
 * ({@code JakartaWebSocketServletContainerInitializer.configure}), which makes Jetty prepend its own
 * WebSocketUpgradeFilter to the application's filters at startup. A fresh server per deployment.
 */
public final class JettyEe10Container implements ContainerUnderTest {

    @Override
    public String version() {
        return Jetty.VERSION;
    }

    /** A Jetty server with one loopback connector on port 0 and no graceful drain on stop. */
    public static Server newServer() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(Loopback.HOST);
        connector.setPort(0);
        server.addConnector(connector);
        // Clients close their sockets before the server stops; do not wait for graceful drains.
        server.setStopTimeout(0);
        return server;
    }

    /** The port a started {@link #newServer()} listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Stops and destroys a server, best effort. */
    public static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Stopping is best effort; the port is ephemeral and the JVM ends after the run.
        }
        try {
            server.destroy();
        } catch (RuntimeException ignored) {
            // As above.
        }
    }

    @Override
    public RunningServer start(Deployment deployment) throws Exception {
        Path work = WorkDirs.create("jetty");
        Server server = newServer();
        try {
            apply(deployment.settings(), server);
            ServletContextHandler context = context(deployment, work, c -> { });
            server.setHandler(context);
            server.start();
            if (!context.isAvailable()) {
                throw new IllegalStateException("Jetty context " + AppSetup.CONTEXT_PATH + " is not available after start");
            }
            return new Running(server, port(server), work);
        } catch (Exception | Error e) {
            stopQuietly(server);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    /** The connector's part of the settings: the request-head limit and the URI compliance mode. */
    private static void apply(ContainerSettings settings, Server server) {
        HttpConfiguration http = ((ServerConnector) server.getConnectors()[0])
                .getConnectionFactory(HttpConnectionFactory.class).getHttpConfiguration();
        if (settings.requestHeadLimit() > 0) {
            http.setRequestHeaderSize(settings.requestHeadLimit());
        }
        if (settings.lenientUris()) {
            http.setUriCompliance(UriCompliance.UNSAFE);
        }
    }

    /**
     * The deployment as a Jetty ee10 context at {@link AppSetup#CONTEXT_PATH}: the first of the deployment's filters
     * (wsguard, or whatever is first), then {@code afterFirstFilter}'s own additions, the deployment's other filters,
     * the app's filters, servlets, the default servlet where the setup has it, and Jetty's Jakarta WebSocket with the
     * setup's endpoints where it has WebSocket support. With lenient URIs, ambiguous ones are decoded for servlets
     * too (the connector's part is {@link #start}'s).
     */
    public static ServletContextHandler context(Deployment deployment, Path work,
                                                Consumer<ServletContextHandler> afterFirstFilter) throws IOException {
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath(AppSetup.CONTEXT_PATH);
        AppSetup app = deployment.app();
        Path docroot = Files.createDirectories(work.resolve("docroot"));
        app.writeResourceBase(docroot);
        context.setBaseResourceAsPath(docroot);
        context.setTempDirectory(Files.createDirectories(work.resolve("tmp")).toFile());
        List<FilterSpec> filters = deployment.allFilters();
        int afterIndex = deployment.filters().isEmpty() ? 0 : 1;
        for (int i = 0; i <= filters.size(); i++) {
            if (i == afterIndex) {
                afterFirstFilter.accept(context);
            }
            if (i < filters.size()) {
                addFilter(context, filters.get(i));
            }
        }
        for (ServletSpec servlet : deployment.allServlets()) {
            ServletHolder holder = new ServletHolder(servlet.name(), servlet.servlet().get());
            holder.setAsyncSupported(true);
            context.addServlet(holder, servlet.mapping());
        }
        if (deployment.settings().lenientUris()) {
            context.getServletHandler().setDecodeAmbiguousURIs(true);
        }
        if (app.containerDefaultServlet()) {
            ServletHolder holder = new ServletHolder("default", DefaultServlet.class);
            holder.setInitParameter("dirAllowed", "false");
            context.addServlet(holder, "/");
        }
        if (app.webSocketSupport()) {
            List<Class<?>> endpoints = app.endpointClasses();
            JakartaWebSocketServletContainerInitializer.configure(context, (servletContext, container) -> {
                for (Class<?> endpoint : endpoints) {
                    container.addEndpoint(endpoint);
                }
            });
        }
        return context;
    }

    /** Registers a filter as every adapter of the suite does: REQUEST, async supported, in declaration order. */
    public static void addFilter(ServletContextHandler context, FilterSpec spec) {
        FilterHolder holder = new FilterHolder(spec.loadClass());
        holder.setName(spec.name());
        holder.setAsyncSupported(true);
        holder.setInitParameters(spec.initParams());
        context.addFilter(holder, spec.urlPattern(), EnumSet.of(DispatcherType.REQUEST));
    }

    private record Running(Server server, int port, Path work) implements RunningServer {

        @Override
        public void close() {
            stopQuietly(server);
            WorkDirs.deleteQuietly(work);
        }
    }
}
