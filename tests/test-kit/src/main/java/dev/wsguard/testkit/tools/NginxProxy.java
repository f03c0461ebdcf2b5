package dev.wsguard.testkit.tools;

import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.WorkDirs;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * A real nginx in front of a backend, with a throw-away configuration in a temporary directory:
 * listening on 127.0.0.1, running in the foreground as a child process (one process, no
 * daemon), stopped by its PID. {@link Config} holds the two configurations users write.
 */
public final class NginxProxy implements AutoCloseable {

    /** The forwarding headers most tutorials add; their values are wsguard's evidence of a proxy. */
    private static final String FORWARDING = """
                    proxy_set_header Host $host;
                    proxy_set_header X-Real-IP $remote_addr;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_read_timeout 30s;
            """;

    /** What nginx's documentation adds to proxy WebSockets: Upgrade and Connection forwarded explicitly. */
    private static final String WEBSOCKET_HEADERS = """
                    proxy_set_header Upgrade $http_upgrade;
                    proxy_set_header Connection $connection_upgrade;
            """;

    /** nginx speaks HTTP/1.0 to its backends unless told this. */
    private static final String HTTP_1_1 = """
                    proxy_http_version 1.1;
            """;

    /** How nginx is told to proxy. */
    public enum Config {
        /**
         * proxy_pass alone, nginx's defaults for the rest: it forwards the handshake as HTTP/1.0 with
         * {@code Connection: close}, without Upgrade.
         */
        DEFAULT(""),
        /**
         * The barest config that reaches the backend over HTTP/1.1: proxy_pass and proxy_http_version 1.1, nothing
         * else, so nginx's own {@code Connection: close} is the only trace of the proxy.
         */
        BARE(HTTP_1_1),
        /** What most people write first: BARE plus the usual forwarding headers, and no Upgrade or Connection. */
        NAIVE(HTTP_1_1 + FORWARDING),
        /** Half a fix, often seen: Upgrade forwarded, Connection left to nginx's default ("close"). */
        UPGRADE_ONLY(HTTP_1_1 + FORWARDING + """
                    proxy_set_header Upgrade $http_upgrade;
                """),
        /** nginx's documented WebSocket proxying: forward Upgrade and Connection explicitly. */
        WEBSOCKET(HTTP_1_1 + FORWARDING + WEBSOCKET_HEADERS),
        /**
         * WEBSOCKET under {@code location /ws/} with a URI after proxy_pass, {@code /app/ws/}, which replaces the
         * location's prefix: a client's {@code /ws/echo} reaches the backend as {@code /app/ws/echo}, a path mapping
         * that misses the webapp's {@code /app/echo}.
         */
        WEBSOCKET_MAPPED("/ws/", "/app/ws/", HTTP_1_1 + FORWARDING + WEBSOCKET_HEADERS),
        /**
         * DEFAULT with the fix wsguard's WSG03 gives for it pasted in, as it reads (one line, Connection "upgrade"
         * rather than the map): what a user ends with after one round trip.
         */
        DEFAULT_WITH_WSG03_FIX("""
                    proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection "upgrade";
                """);

        private final String location;
        private final String upstreamUri;
        private final String extraLines;

        Config(String extraLines) {
            this("/", "", extraLines);
        }

        Config(String location, String upstreamUri, String extraLines) {
            this.location = location;
            this.upstreamUri = upstreamUri;
            this.extraLines = extraLines;
        }

        /** The directives this config adds to the proxying location after proxy_pass, as written, trimmed. */
        public String locationLines() {
            return extraLines.strip();
        }
    }

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final int PORT_ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path dir;

    private NginxProxy(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * The nginx binary ({@code WSGUARD_NGINX}, else the usual places); skips the calling test loudly (or fails it
     * under {@code WSGUARD_REQUIRE_ALL=1}) where there is none. A test that records its cases calls this first, so
     * that it can record the skip and its reason.
     */
    public static Path binary() {
        return ExternalTool.require("nginx", "WSGUARD_NGINX", "Debian: apt-get install nginx-light",
                "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx");
    }

    /** Starts nginx proxying 127.0.0.1:backendPort; skips (or fails in CI) where nginx is missing. */
    public static NginxProxy start(Config config, int backendPort) throws IOException, InterruptedException {
        Path nginx = binary();
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            Path dir = WorkDirs.create("nginx");
            int port = freePort();
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, configuration(config, port, backendPort, dir), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            NginxProxy proxy = new NginxProxy(p, port, dir);
            if (proxy.awaitListening()) {
                return proxy;
            }
            proxy.close();
            last = new IOException("nginx did not listen on 127.0.0.1:" + port + ": " + proxy.errorLog());
        }
        throw last;
    }

    /** The nginx configuration: every path inside {@code dir}, nothing of the system's. */
    static String configuration(Config config, int port, int backendPort, Path dir) {
        String d = dir.toString();
        return """
                daemon off;
                master_process off;
                worker_processes 1;
                pid %1$s/nginx.pid;
                error_log %1$s/error.log info;
                events { worker_connections 64; }
                http {
                    access_log %1$s/access.log;
                    client_body_temp_path %1$s/client_body;
                    proxy_temp_path %1$s/proxy;
                    fastcgi_temp_path %1$s/fastcgi;
                    uwsgi_temp_path %1$s/uwsgi;
                    scgi_temp_path %1$s/scgi;
                    map $http_upgrade $connection_upgrade {
                        default upgrade;
                        ''      close;
                    }
                    server {
                        listen %4$s:%2$d;
                        location %6$s {
                            proxy_pass http://%4$s:%3$d%7$s;
                %5$s        }
                    }
                }
                """.formatted(d, port, backendPort, Loopback.HOST, config.extraLines, config.location,
                config.upstreamUri);
    }

    public int port() {
        return port;
    }

    /** nginx's own error log, for failure messages. */
    public String errorLog() {
        try {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "(no error.log)";
        } catch (IOException e) {
            return "(unreadable error.log: " + e + ")";
        }
    }

    private boolean awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline && process.isAlive()) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(Loopback.HOST, port), 200);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(50);
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName(Loopback.HOST))) {
            return s.getLocalPort();
        }
    }

    /** Stops nginx by its PID: TERM first, then KILL; bounded. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
        WorkDirs.deleteQuietly(dir);
    }
}
