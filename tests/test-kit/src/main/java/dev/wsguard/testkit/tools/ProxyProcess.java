package dev.wsguard.testkit.tools;

import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.WorkDirs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * What the real proxies of the test kit (nginx, Apache httpd, HAProxy) share: a child process
 * running in the foreground with its configuration in a throw-away directory, listening on a free port of 127.0.0.1,
 * started again on another port when the one picked was taken meanwhile, and stopped by its PID, bounded.
 */
final class ProxyProcess {

    /** Writes the configuration for the proxy's port into its directory and returns the command that runs it. */
    @FunctionalInterface
    interface Launch {
        List<String> command(Path dir, int port) throws IOException;
    }

    /** The child's stdout and stderr: where a program writes what goes wrong before its own log is open. */
    static final String OUTPUT = "output.log";

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);
    private static final int PORT_ATTEMPTS = 5;
    private static final int POLL_MILLIS = 50;
    private static final int CONNECT_MILLIS = 200;

    private final Process process;
    private final int port;
    private final Path dir;

    private ProxyProcess(Process process, int port, Path dir) {
        this.process = process;
        this.port = port;
        this.dir = dir;
    }

    /**
     * Starts the program until it listens, on a new free port for each attempt: between the probe that found the
     * port free and the program's bind another process may take it.
     *
     * @param logFile the program's own log in its directory, quoted when it does not start
     */
    static ProxyProcess start(String name, String logFile, Launch launch) throws IOException, InterruptedException {
        IOException last = null;
        for (int attempt = 0; attempt < PORT_ATTEMPTS; attempt++) {
            Path dir = WorkDirs.create(name);
            int port = freePort();
            Process p = new ProcessBuilder(launch.command(dir, port))
                    .redirectErrorStream(true).redirectOutput(dir.resolve(OUTPUT).toFile()).start();
            ProxyProcess proxy = new ProxyProcess(p, port, dir);
            if (proxy.awaitListening()) {
                return proxy;
            }
            // Read before stopping: stopping deletes the directory, logs and all.
            String logs = logFile + ": " + proxy.read(logFile) + "\n" + OUTPUT + ": " + proxy.read(OUTPUT);
            proxy.stop();
            last = new IOException(name + " did not listen on " + Loopback.HOST + ":" + port + "\n" + logs);
        }
        throw last;
    }

    int port() {
        return port;
    }

    /** A file the program wrote in its directory, for failure messages; never throws. */
    String read(String fileName) {
        Path file = dir.resolve(fileName);
        try {
            return Files.exists(file) ? Files.readString(file) : "(no " + fileName + ")";
        } catch (IOException e) {
            return "(unreadable " + fileName + ": " + e + ")";
        }
    }

    private boolean awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        long polls = START_TIMEOUT.toMillis() / POLL_MILLIS;
        for (long poll = 0; poll < polls && System.nanoTime() < deadline && process.isAlive(); poll++) {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress(Loopback.HOST, port), CONNECT_MILLIS);
                return true;
            } catch (IOException notYet) {
                Thread.sleep(POLL_MILLIS);
            }
        }
        return false;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getByName(Loopback.HOST))) {
            return s.getLocalPort();
        }
    }

    /**
     * Stops the program by its PID: TERM, then KILL; bounded. Its own children (httpd's workers) are killed too if
     * they outlive it, which they do when it had to be killed: nothing of a test may keep running or keep a port.
     */
    void stop() throws InterruptedException {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        WorkDirs.deleteQuietly(dir);
    }
}
