package dev.wsguard.sample.demo;

import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.startup.EndpointScanInitializer;
import jakarta.servlet.DispatcherType;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketConfiguration;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * Runs the demo on embedded Jetty 12 (ee10) the way a real deployment would, with three contexts:
 * <ul>
 *   <li>{@code /demo}: the sample WAR as it is ({@code wsguard.mode=log} from its web.xml);</li>
 *   <li>{@code /demo-enforce}: the same WAR again, with a Jetty override descriptor that sets the
 *       context-param {@code wsguard.mode=enforce};</li>
 *   <li>ROOT: a small context of this launcher with the wsguard filter, which redirects {@code /} to
 *       {@code /demo/} and answers 404 for anything else, so a handshake that forgets the context
 *       path is diagnosed there (WSG02, "Closest endpoint: /demo/echo in context /demo").</li>
 * </ul>
 * Each WAR copy is a {@link WebAppContext} with annotation scanning, Jakarta WebSocket support and
 * its own class loader, taking the filter from its {@code WEB-INF/lib}.
 *
 * <p>From the repository root: {@code mvn -Pdemo -DskipTests -pl sample-webapp -am package}. System
 * properties: {@code port} (default 8080, 0 picks a free one), {@code wsguard.demo.war} (the
 * exploded WAR; the Maven profile sets it). It runs until Ctrl-C; {@code DemoCommandIT} runs that command and checks it.
 */
public final class DemoServer implements AutoCloseable {

    public static final String WAR_PROPERTY = "wsguard.demo.war";
    public static final String PORT_PROPERTY = "port";

    /** The WAR as built: mode {@code log} from its web.xml. */
    public static final String LOG_CONTEXT = "/demo";
    /** The same WAR with the override descriptor {@value #ENFORCE_OVERRIDE}: mode {@code enforce}. */
    public static final String ENFORCE_CONTEXT = "/demo-enforce";
    static final String ENFORCE_OVERRIDE = "enforce-override-web.xml";

    /** Loopback only: the demo answers misrouted requests on purpose and is no server for a network. */
    public static final String HOST = "127.0.0.1";
    static final int DEFAULT_PORT = 8080;

    /** Bounds how long Ctrl-C or close() waits for open connections before Jetty closes them. */
    private static final long STOP_TIMEOUT_MILLIS = 2000;

    /** Where war:war writes the exploded WAR, seen from the module and from the repository root (IDE runs). */
    private static final String[] DEFAULT_WAR_LOCATIONS = {
        "target/wsguard-sample-webapp-1.0.0-SNAPSHOT",
        "sample-webapp/target/wsguard-sample-webapp-1.0.0-SNAPSHOT",
    };

    private final Server server;
    private final ServerConnector connector;
    private final Path war;

    private DemoServer(Server server, ServerConnector connector, Path war) {
        this.server = server;
        this.connector = connector;
        this.war = war;
    }

    /**
     * Deploys {@code war} (a .war file or an exploded WAR directory) at {@link #LOG_CONTEXT} and
     * {@link #ENFORCE_CONTEXT}, adds the ROOT context, and starts listening on 127.0.0.1:{@code port}.
     * Fails, with the server stopped, if any context does not start.
     */
    public static DemoServer start(Path war, int port) throws Exception {
        if (!Files.exists(war)) {
            throw new IllegalArgumentException("No WAR at " + war.toAbsolutePath()
                    + ": build it first (mvn -pl sample-webapp -am package), or set -D" + WAR_PROPERTY + "=PATH");
        }
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext enforcing = sampleWebapp(war, ENFORCE_CONTEXT);
        enforcing.addOverrideDescriptor(enforceOverrideDescriptor());
        server.setHandler(new ContextHandlerCollection(rootContext(), sampleWebapp(war, LOG_CONTEXT), enforcing));

        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw e;
        }
        return new DemoServer(server, connector, war);
    }

    private static WebAppContext sampleWebapp(Path war, String contextPath) {
        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(contextPath);
        webapp.setWar(war.toAbsolutePath().toString());
        // Scanning finds the @ServerEndpoints; the WebSocket configuration installs the Jakarta container.
        // Both would be picked up from the classpath anyway; naming them keeps the demo independent of that.
        webapp.addConfiguration(new AnnotationConfiguration(), new JakartaWebSocketConfiguration());
        // This launcher's classpath holds the filter and the sample classes too (Maven's test classpath).
        // Hidden from the webapp, so it loads them only from its own WEB-INF, as in a real container: one
        // copy per webapp, and a WAR that lacks the filter jar fails here as it would there.
        webapp.addHiddenClassMatcher(new ClassMatcher("dev.wsguard."));
        webapp.setParentLoaderPriority(false);
        // A filter that fails init (a bad parameter, say) must stop the demo, not leave a half-dead context.
        webapp.setThrowUnavailableOnStartupException(true);
        return webapp;
    }

    /**
     * The server's ROOT, as a real server has one: wsguard guards it too (here from the launcher's
     * class path, as a container-wide installation would), so a handshake that lacks the context
     * path gets its diagnosis. WebSocket support is on, as in every context of a Jetty with the
     * ee10-websocket-jakarta module, and wsguard's initializer runs, so ROOT knows it has no
     * endpoints of its own and looks for the path in the other contexts.
     */
    private static ServletContextHandler rootContext() {
        ServletContextHandler root = new ServletContextHandler("/");
        JakartaWebSocketServletContainerInitializer.configure(root, null);
        root.addServletContainerInitializer(new EndpointScanInitializer());
        FilterHolder wsguard = new FilterHolder(WebSocketGuardFilter.class);
        wsguard.setName("wsguard");
        wsguard.setAsyncSupported(true);
        // The demo page repeats its scenarios; see the sample's web.xml.
        wsguard.setInitParameter("log-window", "1");
        root.addFilter(wsguard, "/*", EnumSet.of(DispatcherType.REQUEST));
        root.addServlet(new ServletHolder("root", new RootContextServlet(LOG_CONTEXT)), "/");
        return root;
    }

    private static String enforceOverrideDescriptor() {
        URL descriptor = DemoServer.class.getResource(ENFORCE_OVERRIDE);
        if (descriptor == null) {
            throw new IllegalStateException("missing test resource " + ENFORCE_OVERRIDE + " next to " + DemoServer.class.getName());
        }
        return descriptor.toExternalForm();
    }

    /** The WAR deployed at both sample contexts: a .war file or an exploded directory. */
    public Path war() {
        return war;
    }

    /** The port actually bound, which differs from the requested one when that was 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** {@code http://127.0.0.1:port} followed by {@code path}, which starts with the context path, if any. */
    public URI httpUri(String path) {
        return URI.create("http://" + HOST + ":" + port() + path);
    }

    public URI wsUri(String path) {
        return URI.create("ws://" + HOST + ":" + port() + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    void join() throws InterruptedException {
        server.join();
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("wsguard demo: stopping after a failed start also failed: " + e);
        }
    }

    static void printBanner(DemoServer demo, PrintStream out) {
        String handshake = "-H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: " + RawRequest.SAMPLE_KEY + "'";
        String upgrade = "curl -si --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket' " + handshake + " ";
        out.println();
        out.println("wsguard demo: " + demo.httpUri("/"));
        out.println("  log mode:     " + demo.httpUri(LOG_CONTEXT + "/"));
        out.println("  enforce mode: " + demo.httpUri(ENFORCE_CONTEXT + "/"));
        out.println("  Open it in a browser and press \"Run all scenarios\"; each failed handshake leaves a WSG line in this console.");
        out.println("  Or paste one of these:");
        out.println("    # valid upgrade to a wrong path (typo): the catch-all servlet answers 200 -> WSG01");
        out.println("    " + upgrade + demo.httpUri(LOG_CONTEXT + "/ecco"));
        out.println("    # the same in enforce mode: wsguard answers 400 instead -> WSG01");
        out.println("    " + upgrade + demo.httpUri(ENFORCE_CONTEXT + "/ecco"));
        out.println("    # the context path forgotten: ROOT answers 404 -> WSG02, naming the context that has /echo");
        out.println("    " + upgrade + demo.httpUri("/echo"));
        out.println("    # handshake whose Upgrade/Connection headers a proxy stripped -> WSG03");
        out.println("    curl -si --max-time 5 " + handshake + " " + demo.httpUri(LOG_CONTEXT + "/echo"));
        out.println("  Ctrl-C stops the server.");
        out.println();
        out.flush();
    }

    public static void main(String[] args) throws Exception {
        Path war = locateWar(System.getProperty(WAR_PROPERTY));
        int port = parsePort(System.getProperty(PORT_PROPERTY, Integer.toString(DEFAULT_PORT)));

        DemoConsole console = DemoConsole.install();
        DemoServer demo;
        try {
            demo = start(war, port);
        } catch (IOException e) {
            console.close();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalStateException("wsguard demo: cannot listen on " + HOST + ":" + port
                        + ", another program uses it. Pick another port with -D" + PORT_PROPERTY + "=NNNN (0 = any free port).", e);
            }
            throw e;
        }
        printBanner(demo, System.out);
        // Until Ctrl-C: the JVM's shutdown hook (setStopAtShutdown) stops Jetty, which ends the join.
        demo.join();
    }

    static Path locateWar(String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        for (String candidate : DEFAULT_WAR_LOCATIONS) {
            Path path = Path.of(candidate);
            if (Files.isDirectory(path)) {
                return path;
            }
        }
        return Path.of(DEFAULT_WAR_LOCATIONS[0]);
    }

    static int parsePort(String value) {
        try {
            int port = Integer.parseInt(value.trim());
            if (port >= 0 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the allowed range
        }
        throw new IllegalArgumentException("-D" + PORT_PROPERTY + "=" + value + " is not a port: use 0 to 65535 (0 = any free port)");
    }
}
