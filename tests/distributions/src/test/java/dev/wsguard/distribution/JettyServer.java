package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real distribution running one JETTY_BASE: {@code java -jar $JETTY_HOME/start.jar} of the base's jetty-home
 * (12.0 or 12.1) on 127.0.0.1 and a port the OS picks, its console redirected to a file. Startup, requests and stop
 * are all bounded; {@link #close()} ends the process and anything it started, whatever happened.
 */
final class JettyServer implements RunningServer {

    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(60);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);
    /** The scanner's interval, the time a WAR needs to look settled, and a webapp's start on a busy machine. */
    static final Duration REDEPLOY_TIMEOUT = Duration.ofSeconds(60);

    /**
     * Jetty's line for the bound connector: "Started ServerConnector@1a2b{HTTP/1.1, (http/1.1)}{127.0.0.1:39187}"
     * (12.1 abbreviates the class: "Started oejs.ServerConnector@...").
     */
    private static final Pattern CONNECTOR = Pattern.compile(
            "Started (?:oejs\\.)?ServerConnector@\\S*\\{HTTP/1\\.1.*\\}\\{127\\.0\\.0\\.1:(\\d+)\\}");
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
    private final ServerProcess process;
    private final ServerLog log;
    private final Path console;
    private int port;

    private JettyServer(JettyBase base, ServerProcess process, ServerLog log, Path console) {
        this.base = base;
        this.process = process;
        this.log = log;
        this.console = console;
    }

    /**
     * Starts the server and waits until it listens. {@code logsDirectory}: the user's log is the file
     * console-capture writes under logs/ rather than the console. {@code properties}: name=value for this run.
     */
    static JettyServer start(JettyBase base, boolean logsDirectory, String... properties)
            throws IOException, InterruptedException {
        Path console = base.setupDir().resolve("console.log");
        Files.deleteIfExists(console);
        List<String> command = new ArrayList<>(List.of(
                Distribution.java().toString(), "-jar", base.home().startJar().toString(),
                "jetty.base=" + base.dir(),
                "jetty.http.host=127.0.0.1",
                // 0: the OS picks a free port at bind time, no race with other processes; read back from the log.
                "jetty.http.port=0"));
        // Properties for this run, as a user gives them on the command line (jetty.deploy.scanInterval=1).
        command.addAll(List.of(properties));
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(base.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        ServerProcess process = ServerProcess.start(builder, "jetty " + base.name());
        ServerLog log = new ServerLog(base.name(),
                logsDirectory ? () -> newestJettyLog(base.dir().resolve("logs")) : () -> console, LOG_FORMAT);
        JettyServer server = new JettyServer(base, process, log, console);
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
        return base.home().label();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerLog log() {
        return log;
    }

    /** The embedded build of the distribution's own Jetty line. */
    @Override
    public ContainerKind expectations() {
        return base.home().expectations();
    }

    /**
     * As a Jetty user redeploys a webapp with hot deployment on ({@code jetty.deploy.scanInterval} > 0, which the
     * set-up sets): a new copy of the WAR replaces webapps/{context}.war in one move, and the deployer, at its next
     * scan, starts the new webapp and stops the old one (12.1 starts the new one first). Returns once the log shows
     * both: a request sent before the old one stopped could still reach it.
     */
    @Override
    public void redeploy(String context) throws Exception {
        String name = context.substring(1);
        Path war = base.deployedWar(name);
        Path copy = base.setupDir().resolve(name + "-redeployed.war");
        Files.copy(war, copy, StandardCopyOption.REPLACE_EXISTING);
        int mark = log.mark();
        // A new modification time, later than the deployed one even on a file system that counts whole seconds.
        Files.setLastModifiedTime(copy, FileTime.fromMillis(Files.getLastModifiedTime(war).toMillis() + 2_000));
        Files.move(copy, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        for (String event : List.of("Started", "Stopped")) {
            Pattern line = Pattern.compile(event + " oeje1[01]w\\.WebAppContext@\\S*\\{[^,]*," + Pattern.quote(context) + ",");
            if (log.awaitLine(mark, l -> line.matcher(l).find(), REDEPLOY_TIMEOUT) == null) {
                throw new AssertionError(name() + ": no '" + event + "' of " + context + " within " + REDEPLOY_TIMEOUT
                        + " of its WAR being replaced; log:\n" + log.text());
            }
        }
    }

    /** Jetty, unlike Tomcat, reports nothing a stopped webapp leaves behind (threads, ThreadLocals): nothing to read. */
    @Override
    public List<String> leakWarnings() {
        return List.of();
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
        List<String> lines = process.awaitLines(log, STARTUP_TIMEOUT, this::consoleText,
                List.of(l -> CONNECTOR.matcher(l).find(), l -> SERVER_STARTED.matcher(l).find()));
        String connector = lines.get(0);
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
            // 12.0 starts without the webapp; 12.1's deployer reports it so and stops the server (caught above).
            if (lines.get(i).contains("Failed startup of context") || lines.get(i).contains("Failed to to perform action")) {
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
            process.stop(process::terminate, STOP_TIMEOUT);
        } finally {
            log.close();
        }
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
