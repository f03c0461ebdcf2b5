package dev.wsguard.testkit.tools;

import dev.wsguard.testkit.server.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real HAProxy in front of a backend, with a throw-away configuration in a temporary directory: {@code mode http},
 * one frontend on 127.0.0.1, one backend server, running in the foreground ({@code -db}) as a child process,
 * stopped by its PID. Its log goes to its stderr, kept in the directory for failure messages. {@link Config} holds
 * the configurations users write.
 */
public final class HaproxyProxy implements ReverseProxy {

    /** What nearly every HAProxy config in front of an application has: the client's address for the backend. */
    private static final String FORWARD_FOR = "option forwardfor\n";

    /** How HAProxy is told to proxy: the lines the backend section has besides its one server. */
    public enum Config {
        /** The usual config: HAProxy forwards WebSocket upgrades by itself in mode http, nothing more to write. */
        DEFAULT(FORWARD_FOR),
        /**
         * The usual config plus a rule that deletes Connection, as copied from recipes that turn keep-alive off or
         * "clean" hop-by-hop headers: Upgrade still reaches the backend, but without the {@code Connection: Upgrade}
         * that makes it an upgrade request (RFC 9110 section 7.8), so no backend switches protocols (Jetty 12.1 and
         * Tomcat 11 answer 400). {@code option httpclose}, often blamed, strips nothing: HAProxy 2.6 still forwards
         * the client's Connection and Upgrade of a handshake.
         */
        STRIPPING(FORWARD_FOR + """
                http-request del-header Connection
                """),
        /**
         * The same mistake as a rule that sets {@code Connection: close} (to end every connection after one
         * request): Upgrade arrives with {@code Connection: close} instead, again no upgrade for the backend (400).
         */
        CONNECTION_CLOSE(FORWARD_FOR + """
                http-request set-header Connection close
                """);

        private final String lines;

        Config(String lines) {
            this.lines = lines;
        }

        /** The lines this config has in the backend section besides its {@code server} line, as written, trimmed. */
        public String configLines() {
            return lines.strip();
        }
    }

    /** HAProxy's stderr, where its log goes: the only file it writes. */
    private static final String LOG = ProxyProcess.OUTPUT;

    private final ProxyProcess process;

    private HaproxyProxy(ProxyProcess process) {
        this.process = process;
    }

    /**
     * The haproxy binary ({@code WSGUARD_HAPROXY}, else the usual places); skips the calling test loudly (or fails it
     * under {@code WSGUARD_REQUIRE_ALL=1}) where there is none.
     */
    public static Path binary() {
        return ExternalTool.require("haproxy", "WSGUARD_HAPROXY", "Debian: apt-get install haproxy",
                "/usr/sbin/haproxy", "/usr/bin/haproxy", "/usr/local/sbin/haproxy");
    }

    /** Starts HAProxy proxying 127.0.0.1:backendPort; skips (or fails in CI) where HAProxy is missing. */
    public static HaproxyProxy start(Config config, int backendPort) throws IOException, InterruptedException {
        Path haproxy = binary();
        return new HaproxyProxy(ProxyProcess.start("haproxy", LOG, (dir, port) -> {
            Path conf = dir.resolve("haproxy.cfg");
            Files.writeString(conf, configuration(config, port, backendPort), StandardCharsets.UTF_8);
            return List.of(haproxy.toString(), "-db", "-f", conf.toString());
        }));
    }

    /**
     * The HAProxy configuration: no file of the system's, no pidfile, no stats socket; one thread. The timeouts bound
     * every wait of a test: connect, each side of a request, and an upgraded connection's tunnel.
     */
    static String configuration(Config config, int port, int backendPort) {
        return """
                global
                    nbthread 1
                    maxconn 64
                    log stderr format raw local0 info
                defaults
                    mode http
                    log global
                    option httplog
                    timeout connect 5s
                    timeout client 10s
                    timeout server 10s
                    timeout tunnel 10s
                frontend proxy
                    bind %1$s:%2$d
                    default_backend app
                backend app
                %4$s
                    server app %1$s:%3$d
                """.formatted(Loopback.HOST, port, backendPort, config.lines.strip().indent(4).stripTrailing());
    }

    @Override
    public int port() {
        return process.port();
    }

    /** HAProxy's log (one line per request, with how it ended) and any warning it gave, for failure messages. */
    @Override
    public String errorLog() {
        return process.read(LOG);
    }

    /** Stops HAProxy by its PID: TERM first, then KILL; bounded. */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }
}
