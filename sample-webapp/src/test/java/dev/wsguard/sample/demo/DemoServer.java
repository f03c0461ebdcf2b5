package dev.wsguard.sample.demo;

import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ClassMatcher;

/**
 * Runs the sample WAR on embedded Jetty 12 (ee10) the way a real deployment would: a
 * {@link WebAppContext} with annotation scanning and Jakarta WebSocket support, its own class loader,
 * and the wsguard filter taken from the WAR's {@code WEB-INF/lib}.
 *
 * <p>From the repository root: {@code mvn -Pdemo -DskipTests -pl sample-webapp -am package}. System
 * properties: {@code port} (default 8080, 0 picks a free one), {@code context} (default {@code /}),
 * {@code wsguard.demo.selfcheck=true} (check the running demo, then stop; fails when a check fails),
 * {@code wsguard.demo.war} (the exploded WAR; the Maven profile sets it).
 */
public final class DemoServer implements AutoCloseable {

    public static final String WAR_PROPERTY = "wsguard.demo.war";
    public static final String PORT_PROPERTY = "port";
    public static final String CONTEXT_PROPERTY = "context";
    public static final String SELF_CHECK_PROPERTY = "wsguard.demo.selfcheck";

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

    /** The key from RFC 6455 section 1.3; any valid base64 16-byte nonce would do. */
    static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    private final Server server;
    private final ServerConnector connector;
    private final String contextPath;

    private DemoServer(Server server, ServerConnector connector, String contextPath) {
        this.server = server;
        this.connector = connector;
        this.contextPath = contextPath;
    }

    /**
     * Deploys {@code war} (a .war file or an exploded WAR directory) at {@code contextPath} and starts
     * listening on 127.0.0.1:{@code port}. Fails, with the server stopped, if the webapp does not start.
     */
    public static DemoServer start(Path war, int port, String contextPath) throws Exception {
        if (!Files.exists(war)) {
            throw new IllegalArgumentException("No WAR at " + war.toAbsolutePath()
                    + ": build it first (mvn -pl sample-webapp -am package), or set -D" + WAR_PROPERTY + "=PATH");
        }
        String normalizedContext = normalizeContextPath(contextPath);

        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort(port);
        server.addConnector(connector);

        WebAppContext webapp = new WebAppContext();
        webapp.setContextPath(normalizedContext.isEmpty() ? "/" : normalizedContext);
        webapp.setWar(war.toAbsolutePath().toString());
        // Scanning finds the @ServerEndpoint; the WebSocket configuration installs the Jakarta container.
        // Both would be picked up from the classpath anyway; naming them keeps the demo independent of that.
        webapp.addConfiguration(new AnnotationConfiguration(), new JakartaWebSocketConfiguration());
        // This launcher's classpath holds the filter and the sample classes too (Maven's test classpath).
        // Hidden from the webapp, so it loads them only from its own WEB-INF, as in a real container: one
        // copy, and a WAR that lacks the filter jar fails here as it would there.
        webapp.addHiddenClassMatcher(new ClassMatcher("dev.wsguard."));
        webapp.setParentLoaderPriority(false);
        // A filter that fails init (a bad init-param, say) must stop the demo, not leave a half-dead context.
        webapp.setThrowUnavailableOnStartupException(true);
        server.setHandler(webapp);

        server.setStopTimeout(STOP_TIMEOUT_MILLIS);
        server.setStopAtShutdown(true);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            throw e;
        }
        return new DemoServer(server, connector, normalizedContext);
    }

    /** The port actually bound, which differs from the requested one when that was 0. */
    public int port() {
        return connector.getLocalPort();
    }

    /** Context path as the servlet API reports it: empty for the root context, else "/name". */
    public String contextPath() {
        return contextPath;
    }

    /** {@code http://127.0.0.1:port} followed by the context path and {@code path}. */
    public URI httpUri(String path) {
        return URI.create("http://" + HOST + ":" + port() + contextPath + path);
    }

    public URI wsUri(String path) {
        return URI.create("ws://" + HOST + ":" + port() + contextPath + path);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }

    void join() throws InterruptedException {
        server.join();
    }

    static String normalizeContextPath(String contextPath) {
        String trimmed = contextPath == null ? "" : contextPath.trim();
        while (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        if (trimmed.isEmpty()) {
            return "";
        }
        return trimmed.startsWith("/") ? trimmed : "/" + trimmed;
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            System.err.println("wsguard demo: stopping after a failed start also failed: " + e);
        }
    }

    static void printBanner(DemoServer demo, PrintStream out) {
        String echo = demo.httpUri("/echo").toString();
        String ecco = demo.httpUri("/ecco").toString();
        String handshake = "-H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: " + SAMPLE_KEY + "'";
        String upgrade = "-H 'Connection: Upgrade' -H 'Upgrade: websocket' " + handshake;
        out.println();
        out.println("wsguard demo: " + demo.httpUri("/"));
        out.println("  Open it in a browser and press the buttons; each failed WebSocket leaves a WSG line in this console.");
        out.println("  Or paste one of these:");
        out.println("    # valid upgrade to a wrong path (typo): the catch-all servlet answers 200 -> WSG01");
        out.println("    curl -si " + upgrade + " " + ecco);
        out.println("    # handshake whose Upgrade/Connection headers a proxy stripped -> WSG03");
        out.println("    curl -si " + handshake + " " + echo);
        out.println("    # valid upgrade with a trailing slash -> WSG01, closest endpoint /echo");
        out.println("    curl -si " + upgrade + " " + echo + "/");
        out.println("  Ctrl-C stops the server.");
        out.println();
        out.flush();
    }

    public static void main(String[] args) throws Exception {
        Path war = locateWar(System.getProperty(WAR_PROPERTY));
        int port = parsePort(System.getProperty(PORT_PROPERTY, Integer.toString(DEFAULT_PORT)));
        String context = System.getProperty(CONTEXT_PROPERTY, "/");
        boolean selfCheck = Boolean.getBoolean(SELF_CHECK_PROPERTY);

        WsguardLog log = WsguardLog.install();
        DemoServer demo;
        try {
            demo = start(war, port, context);
        } catch (IOException e) {
            log.close();
            if (e instanceof BindException || e.getCause() instanceof BindException) {
                throw new IllegalStateException("wsguard demo: cannot listen on " + HOST + ":" + port
                        + ", another program uses it. Pick another port with -D" + PORT_PROPERTY + "=NNNN (0 = any free port).", e);
            }
            throw e;
        }
        printBanner(demo, System.out);

        if (selfCheck) {
            SelfCheck.Result result;
            try {
                result = SelfCheck.run(demo, log, System.out);
            } finally {
                demo.close();
                log.close();
            }
            if (!result.passed()) {
                // An exception, not System.exit: under exec:java it fails the Maven build, under plain java it exits 1.
                throw new IllegalStateException("wsguard demo self-check failed: " + result.failures());
            }
            return;
        }
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
