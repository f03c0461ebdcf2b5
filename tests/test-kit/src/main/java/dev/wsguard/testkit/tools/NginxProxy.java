package dev.wsguard.testkit.tools;

import dev.wsguard.testkit.server.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A real nginx in front of a backend, with a throw-away configuration in a temporary directory:
 * listening on 127.0.0.1, running in the foreground as a child process (one process, no
 * daemon), stopped by its PID. {@link Config} holds the two configurations users write.
 */
public final class NginxProxy implements ReverseProxy {

    private static final String ERROR_LOG = "error.log";

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

    private final ProxyProcess process;

    private NginxProxy(ProxyProcess process) {
        this.process = process;
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
        return new NginxProxy(ProxyProcess.start("nginx", ERROR_LOG, (dir, port) -> {
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, configuration(config, port, backendPort, dir), StandardCharsets.UTF_8);
            return List.of(nginx.toString(), "-p", dir.toString(), "-c", conf.toString());
        }));
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

    @Override
    public int port() {
        return process.port();
    }

    /** nginx's own error log, for failure messages. */
    @Override
    public String errorLog() {
        return process.read(ERROR_LOG);
    }

    /** Stops nginx by its PID: TERM first, then KILL; bounded. */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }
}
