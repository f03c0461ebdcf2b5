package dev.wsguard.sample.boot;

import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The Spring Boot demo: an ordinary Boot application with WebSockets ({@link RawWebSockets}, {@link StompChat}), a
 * single-page app's fallback ({@link SpaFallback}) and Spring Security's form login ({@link SecurityConfig}), which
 * gets wsguard from {@code wsguard-spring-boot-starter} alone, and a page at {@code /} that opens right and wrong
 * WebSockets from the browser and shows wsguard's line for each ({@link DiagnosisFeed}).
 *
 * <p>From the repository root: {@code mvn -Pdemo -DskipTests -pl spring-boot-sample -am package}. System property
 * {@code port} (default {@value #DEFAULT_PORT}; 0 picks a free one). It listens on 127.0.0.1 only and runs until
 * Ctrl-C, when Boot's shutdown hook closes the application. {@code BootDemoCommandIT} runs that command and checks it.
 */
@SpringBootApplication
public class BootDemo {

    public static final String PORT_PROPERTY = "port";
    /** Loopback only: the demo answers misrouted requests on purpose and is no server for a network. */
    public static final String HOST = "127.0.0.1";
    /** The servlet demo takes 8080, so both can run side by side. */
    public static final int DEFAULT_PORT = 8081;

    /**
     * Starts the application on 127.0.0.1:{@code port} (0: any free port); {@code args} are Boot's command-line
     * arguments ({@code --wsguard.mode=enforce}). The address and port are default properties: anything the
     * application's own configuration says wins, as in any Boot application.
     */
    public static ConfigurableApplicationContext start(int port, String... args) {
        SpringApplication application = new SpringApplication(BootDemo.class);
        // Named, not guessed from the stack: a test or exec:java calls this from a class of its own.
        application.setMainApplicationClass(BootDemo.class);
        application.setDefaultProperties(Map.of("server.address", HOST, "server.port", Integer.toString(port)));
        return application.run(args);
    }

    /** The port the embedded server listens on. */
    public static int port(ConfigurableApplicationContext context) {
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    public static void main(String[] args) {
        int port = parsePort(System.getProperty(PORT_PROPERTY, Integer.toString(DEFAULT_PORT)));
        ConfigurableApplicationContext context;
        try {
            context = start(port, args);
        } catch (RuntimeException e) {
            // Boot has printed its report ("Web server failed to start. Port 8081 was already in use."); add how
            // this launcher picks another one.
            if (causedBy(e, PortInUseException.class)) {
                System.err.println("wsguard Spring Boot demo: cannot listen on " + HOST + ":" + port + ". Pick another port with -D"
                        + PORT_PROPERTY + "=NNNN (0 = any free port).");
            }
            throw e;
        }
        printBanner(port(context), System.out);
        // main ends here; Tomcat's non-daemon thread keeps the JVM (and exec:java) running until Ctrl-C.
    }

    static void printBanner(int port, PrintStream out) {
        String base = "http://" + HOST + ":" + port;
        String upgrade = "curl -si --max-time 5 -H 'Connection: Upgrade' -H 'Upgrade: websocket'"
                + " -H 'Sec-WebSocket-Version: 13' -H 'Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==' ";
        out.println();
        out.println("wsguard Spring Boot demo: " + base + "/");
        out.println("  Open it in a browser and press \"Run all\"; each failed handshake leaves a WSG line in this console.");
        out.println("  /secure/** needs a login: user " + SecurityConfig.DEMO_USER + ", password " + SecurityConfig.DEMO_PASSWORD
                + ", at " + base + "/login");
        out.println("  Or paste one of these:");
        out.println("    # a typo: the single-page app's fallback answers 200 -> WSG01, naming /echo");
        out.println("    " + upgrade + base + "/ecco");
        out.println("    # a plain WebSocket client at the SockJS endpoint: Spring's SockJS service answers 400 -> WSG08");
        out.println("    " + upgrade + base + "/ws");
        out.println("    # not signed in: Spring Security redirects the handshake to /login -> WSG07");
        out.println("    " + upgrade + base + "/secure/ws");
        out.println("  Ctrl-C stops the server.");
        out.println();
        out.flush();
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

    private static boolean causedBy(Throwable e, Class<? extends Throwable> type) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (type.isInstance(t)) {
                return true;
            }
        }
        return false;
    }
}
