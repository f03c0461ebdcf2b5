package dev.wsguard.testkit.tools;

import dev.wsguard.testkit.server.Loopback;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real Apache httpd 2.4 in front of a backend, with a throw-away configuration in a temporary directory and
 * nothing of the system's ({@code /etc/apache2} is never read): listening on 127.0.0.1, a normal event-MPM server
 * with one child process, kept in the foreground as a child of the JVM, stopped by its PID. {@link Config} holds the
 * configurations users write.
 */
public final class ApacheHttpdProxy implements ReverseProxy {

    /** In {@link Config#locationLines()}: the backend's {@code host:port}, known only once it is started. */
    public static final String BACKEND = "{backend}";

    private static final String ERROR_LOG = "error.log";

    /** Where distributions keep Apache's loadable modules (a build from source has them beside bin/). */
    private static final List<String> MODULE_DIRS = List.of("/usr/lib/apache2/modules", "/usr/lib64/httpd/modules",
            "/usr/lib/httpd/modules");

    /** The modules every config needs: an MPM, access control (which mod_proxy consults) and HTTP proxying. */
    private static final List<String> BASE_MODULES = List.of("mpm_event", "authz_core", "proxy", "proxy_http");

    /** How httpd is told to proxy. */
    public enum Config {
        /**
         * What users write first, ProxyPass alone: mod_proxy_http forwards the handshake over HTTP/1.1 without Upgrade
         * (a hop-by-hop header, never forwarded unless asked), with its own {@code Connection: Keep-Alive} instead
         * of the client's {@code Connection: Upgrade}.
         */
        NAIVE(List.of(), """
                ProxyPass / http://{backend}/
                ProxyPassReverse / http://{backend}/
                """),
        /** httpd 2.4.47's documented way: {@code upgrade=websocket} on the ProxyPass line; mod_proxy_http tunnels. */
        WEBSOCKET(List.of(), """
                ProxyPass / http://{backend}/ upgrade=websocket
                ProxyPassReverse / http://{backend}/
                """),
        /**
         * The way before 2.4.47, still in most answers online: handshakes rewritten to a {@code ws://} URL for
         * mod_proxy_wstunnel, everything else through ProxyPass. Since 2.4.47 mod_proxy_wstunnel hands such requests
         * to mod_proxy_http (ProxyWebsocketFallbackToProxyHttp), so they arrive as with WEBSOCKET.
         */
        WSTUNNEL(List.of("rewrite", "proxy_wstunnel"), """
                RewriteEngine on
                RewriteCond %{HTTP:Upgrade} websocket [NC]
                RewriteCond %{HTTP:Connection} upgrade [NC]
                RewriteRule ^/?(.*) ws://{backend}/$1 [P,L]
                ProxyPass / http://{backend}/
                ProxyPassReverse / http://{backend}/
                """);

        private final List<String> modules;
        private final String lines;

        Config(List<String> modules, String lines) {
            this.modules = modules;
            this.lines = lines;
        }

        /**
         * The directives this config adds to the server, as written, trimmed, with the backend as {@link #BACKEND}
         * (the modules they need are loaded besides).
         */
        public String locationLines() {
            return lines.strip();
        }
    }

    private final ProxyProcess process;

    private ApacheHttpdProxy(ProxyProcess process) {
        this.process = process;
    }

    /**
     * The httpd binary ({@code WSGUARD_APACHE}, else the usual places); skips the calling test loudly (or fails it
     * under {@code WSGUARD_REQUIRE_ALL=1}) where there is none.
     */
    public static Path binary() {
        return ExternalTool.require("apache2", "WSGUARD_APACHE", "Debian: apt-get install apache2",
                "/usr/sbin/apache2", "/usr/sbin/httpd", "/usr/local/apache2/bin/httpd");
    }

    /** Starts httpd proxying 127.0.0.1:backendPort; skips (or fails in CI) where httpd is missing. */
    public static ApacheHttpdProxy start(Config config, int backendPort) throws IOException, InterruptedException {
        Path httpd = binary();
        Path modules = modulesDir(httpd);
        return new ApacheHttpdProxy(ProxyProcess.start("apache", ERROR_LOG, (dir, port) -> {
            Path conf = dir.resolve("httpd.conf");
            Files.writeString(conf, configuration(config, port, backendPort, dir, modules), StandardCharsets.UTF_8);
            // -DFOREGROUND: the parent stays attached (so its PID is the JVM's child) and still forks its worker.
            return List.of(httpd.toString(), "-d", dir.toString(), "-f", conf.toString(), "-DFOREGROUND");
        }));
    }

    /** The modules directory of this installation; skips (or fails) where mod_proxy is not there. */
    private static Path modulesDir(Path httpd) {
        Path besideBinary = httpd.toAbsolutePath().getParent().resolveSibling("modules");
        Stream<Path> candidates = Stream.concat(Stream.of(besideBinary), MODULE_DIRS.stream().map(Path::of));
        return candidates.filter(d -> Files.isRegularFile(d.resolve("mod_proxy.so"))).findFirst().orElseGet(() -> {
            ExternalTool.skipOrFail("Apache httpd's mod_proxy.so is in none of " + besideBinary + ", " + MODULE_DIRS);
            throw new AssertionError("unreachable");
        });
    }

    /**
     * The httpd configuration: every path inside {@code dir}, nothing of the system's. One child with a few
     * threads is plenty for a test. httpd refuses to serve as root, so where the tests run as root its worker runs
     * as nobody (uid and gid 65534, by number: the names differ between distributions); it reads no file.
     */
    static String configuration(Config config, int port, int backendPort, Path dir, Path modules) {
        String loads = Stream.concat(BASE_MODULES.stream(), config.modules.stream())
                .map(m -> "LoadModule " + m + "_module \"" + modules.resolve("mod_" + m + ".so") + "\"")
                .collect(Collectors.joining("\n"));
        String backend = Loopback.HOST + ":" + backendPort;
        return """
                ServerRoot "%1$s"
                DefaultRuntimeDir "%1$s"
                PidFile "%1$s/httpd.pid"
                ErrorLog "%1$s/error.log"
                LogLevel info
                Mutex "file:%1$s" default
                %2$s
                User #65534
                Group #65534
                ServerName %3$s
                Listen %3$s:%4$d
                Timeout 30
                StartServers 1
                ServerLimit 1
                ThreadLimit 8
                ThreadsPerChild 8
                MaxRequestWorkers 8
                MinSpareThreads 1
                MaxSpareThreads 8
                %5$s
                """.formatted(dir, loads, Loopback.HOST, port, config.lines.replace(BACKEND, backend));
    }

    @Override
    public int port() {
        return process.port();
    }

    /** httpd's own error log, for failure messages. */
    @Override
    public String errorLog() {
        return process.read(ERROR_LOG);
    }

    /** Stops httpd by its PID: TERM first (which stops its worker), then KILL; bounded. */
    @Override
    public void close() throws InterruptedException {
        process.stop();
    }
}
