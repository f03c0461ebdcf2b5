package dev.wsguard.it.proxy;

import dev.wsguard.it.containers.Loopback;
import dev.wsguard.it.containers.WorkDirs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * A real nginx whose location holds nothing but {@code proxy_pass} and {@code proxy_http_version 1.1}: the
 * barest config that still reaches the backend over HTTP/1.1. {@link NginxProxy} always sets Host, X-Real-IP
 * and X-Forwarded-For, so with it wsguard always has forwarding headers as evidence; here nginx's own
 * {@code Connection: close} is all that is left. The configuration is {@link NginxProxy}'s NAIVE one with
 * every header and timeout directive taken out (checked, so the claim stays true if that template changes);
 * same temporary directory, 127.0.0.1, foreground process, stop by PID.
 */
final class BareNginx implements AutoCloseable {

    /** What may remain in the location block: the two directives the bare config is made of. */
    private static final List<String> BARE_LOCATION = List.of("proxy_pass http://" + Loopback.HOST + ":%d;",
            "proxy_http_version 1.1;");
    private static final Pattern LOCATION = Pattern.compile("location / \\{([^}]*)}");
    private static final Pattern REMOVED = Pattern.compile("(?m)^\\s*(proxy_set_header|proxy_read_timeout)\\b.*;\\n");
    private static final long START_TIMEOUT_MS = 10_000;
    private static final int PORT_ATTEMPTS = 5;

    private final Process process;
    private final int port;
    private final Path dir;

    private BareNginx(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /** Starts nginx proxying 127.0.0.1:backendPort; skips (or fails in CI) where nginx is missing. */
    static BareNginx start(int backendPort) throws IOException, InterruptedException {
        Path nginx = ExternalTool.require("nginx", "WSGUARD_NGINX", "Debian: apt-get install nginx-light",
                "/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx");
        String failures = "";
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            Path dir = WorkDirs.create("nginx-bare");
            int port = freePort();
            Path conf = dir.resolve("nginx.conf");
            Files.writeString(conf, configuration(port, backendPort, dir), StandardCharsets.UTF_8);
            Process p = new ProcessBuilder(nginx.toString(), "-p", dir.toString(), "-c", conf.toString())
                    .redirectErrorStream(true).redirectOutput(dir.resolve("stdout.log").toFile()).start();
            BareNginx proxy = new BareNginx(p, port, dir);
            if (proxy.awaitListening()) {
                return proxy;
            }
            // Another process took the port between freePort() and nginx's bind: try another one.
            failures += "\n  port " + port + ": " + proxy.errorLog();
            proxy.close();
        }
        throw new IOException("nginx did not listen on 127.0.0.1 in " + PORT_ATTEMPTS + " attempts:" + failures);
    }

    static String configuration(int port, int backendPort, Path dir) {
        String conf = REMOVED.matcher(NginxProxy.configuration(NginxProxy.Config.NAIVE, port, backendPort, dir))
                .replaceAll("");
        Matcher location = LOCATION.matcher(conf);
        List<String> left = location.find() ? location.group(1).lines().map(String::strip).filter(l -> !l.isEmpty())
                .collect(Collectors.toList()) : List.of();
        List<String> bare = List.of(BARE_LOCATION.get(0).formatted(backendPort), BARE_LOCATION.get(1));
        if (!left.equals(bare)) {
            throw new IllegalStateException("NginxProxy's NAIVE location no longer reduces to " + bare + ": " + left);
        }
        return conf;
    }

    int port() {
        return port;
    }

    String errorLog() {
        try {
            Path log = dir.resolve("error.log");
            return Files.exists(log) ? Files.readString(log) : "(no error.log)";
        } catch (IOException e) {
            return "(unreadable error.log: " + e + ")";
        }
    }

    private boolean awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(START_TIMEOUT_MS);
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
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(Loopback.HOST))) {
            return s.getLocalPort();
        }
    }

    /** Stops nginx by its PID: TERM, then KILL; bounded. */
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
