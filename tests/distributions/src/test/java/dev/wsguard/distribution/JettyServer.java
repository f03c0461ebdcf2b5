package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real distribution running one JETTY_BASE: {@code java -jar $JETTY_HOME/start.jar} on
 * 127.0.0.1 and a port the OS picks, its console redirected to a file. Startup, requests and stop
 * are all bounded; {@link #close()} ends the process and anything it started, whatever happened.
 */
final class JettyServer implements RunningServer {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

    /** Jetty's line for the bound connector: "Started ServerConnector@1a2b{HTTP/1.1, (http/1.1)}{127.0.0.1:39187}". */
    private static final Pattern CONNECTOR = Pattern.compile("Started ServerConnector@\\S*\\{HTTP/1\\.1.*\\}\\{127\\.0\\.0\\.1:(\\d+)\\}");
    private static final Pattern SERVER_STARTED = Pattern.compile(":oejs\\.Server:.*Started oejs\\.Server@");

    /**
     * A wsguard line in a Jetty user's log: the message starts with the code. Two shapes: the one-line format the
     * wsguard module gives java.util.logging ("2026-01-02 10:11:12.345:WARNING:dev.wsguard:WSG01 ..."), and the JVM's
     * default, whose second line is "WARNING: WSG01 ..." (a base without the module).
     */
    private static final Pattern ONE_LINE = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d\\.\\d{3}:([A-Z]+):dev\\.wsguard:(WSG\\d\\d) (.*)$");
    private static final Pattern JVM_DEFAULT = Pattern.compile("^(SEVERE|WARNING|INFO|CONFIG|FINE): (WSG\\d\\d) (.*)$");

    static final LogFormat LOG_FORMAT = (previous, line) -> {
        Matcher m = ONE_LINE.matcher(line);
        if (m.matches()) {
            return new ServerLog.Diagnosis(m.group(2), m.group(1), m.group(3), true, line);
        }
        m = JVM_DEFAULT.matcher(line);
        if (m.matches()) {
            return new ServerLog.Diagnosis(m.group(2), m.group(1), m.group(3), false, line);
        }
        return null;
    };

    private final JettyBase base;
    private final Process process;
    private final ServerLog log;
    private final Path console;
    private final Thread reaper;
    private int port;

    private JettyServer(JettyBase base, Process process, ServerLog log, Path console) {
        this.base = base;
        this.process = process;
        this.log = log;
        this.console = console;
        // Should the test JVM itself be killed, the server goes with it instead of lingering.
        this.reaper = new Thread(this::killTree, "kill jetty " + base.name());
    }

    /**
     * Starts the server and waits until it listens. {@code logsDirectory}: the user's log is the file
     * console-capture writes under logs/ rather than the console.
     */
    static JettyServer start(JettyBase base, boolean logsDirectory) throws IOException, InterruptedException {
        Path console = base.setupDir().resolve("console.log");
        Files.deleteIfExists(console);
        ProcessBuilder builder = new ProcessBuilder(
                Distribution.java().toString(), "-jar", Distribution.jettyHome().resolve("start.jar").toString(),
                "jetty.base=" + base.dir(),
                "jetty.http.host=127.0.0.1",
                // 0: the OS picks a free port at bind time, no race with other processes; read back from the log.
                "jetty.http.port=0")
                .directory(base.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Process process = builder.start();
        ServerLog log = new ServerLog(base.name(),
                logsDirectory ? () -> newestJettyLog(base.dir().resolve("logs")) : () -> console, LOG_FORMAT);
        JettyServer server = new JettyServer(base, process, log, console);
        Runtime.getRuntime().addShutdownHook(server.reaper);
        try {
            server.awaitStarted();
            return server;
        } catch (InterruptedException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public String distribution() {
        return "Jetty " + Distribution.jettyHomeVersion();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerLog log() {
        return log;
    }

    /** The distribution's own Jetty version. */
    @Override
    public ContainerKind expectations() {
        return ContainerKind.JETTY_12_0;
    }

    JettyBase base() {
        return base;
    }

    /** The console file, whatever the user's log is: for failure messages. */
    String consoleText() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            return "(console unreadable: " + e + ")";
        }
    }

    private void awaitStarted() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        String connector = null;
        String started = null;
        while (connector == null || started == null) {
            if (!process.isAlive()) {
                throw new AssertionError(base.name() + ": the server exited with " + process.exitValue()
                        + " before it started; console:\n" + consoleText());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(base.name() + ": not started within " + STARTUP_TIMEOUT + "; console:\n" + consoleText());
            }
            if (connector == null) {
                connector = log.awaitLine(l -> CONNECTOR.matcher(l).find(), Duration.ofMillis(200));
            }
            if (started == null) {
                started = log.awaitLine(l -> SERVER_STARTED.matcher(l).find(), Duration.ofMillis(200));
            }
        }
        Matcher m = CONNECTOR.matcher(connector);
        if (!m.find()) {
            throw new AssertionError("unreadable connector line: " + connector);
        }
        port = Integer.parseInt(m.group(1));
        assertEveryWebappStarted();
    }

    /**
     * Jetty starts even when a webapp fails, and then answers 503 there: say so at once, with the cause,
     * rather than through the first scenario's unexpected status.
     */
    private void assertEveryWebappStarted() {
        List<String> lines = log.lines();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).contains("Failed startup of context")) {
                String cause = String.join("\n", lines.subList(i, Math.min(lines.size(), i + 4)));
                throw new AssertionError(base.name() + ": a webapp failed to deploy:\n" + cause
                        + "\n(whole log: " + base.setupDir() + ")");
            }
        }
    }

    /** Stops the server as an operator would (SIGTERM, Jetty's graceful stop), then by force. */
    @Override
    public void close() throws InterruptedException {
        try {
            List<ProcessHandle> descendants = process.descendants().toList();
            process.destroy();
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
            }
            for (ProcessHandle child : descendants) {
                child.destroyForcibly();
            }
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(base.name() + ": the server process " + process.pid() + " survived destroyForcibly");
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it does the same.
            }
            log.close();
        }
    }

    private void killTree() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
    }

    private static Path newestJettyLog(Path logs) {
        if (!Files.isDirectory(logs)) {
            return null;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().endsWith(".jetty.log"))
                    .max((a, b) -> Long.compare(a.toFile().lastModified(), b.toFile().lastModified()));
            return newest.orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
