package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The real Tomcat distribution running one CATALINA_BASE, started as its users start it in the foreground:
 * {@code $CATALINA_HOME/bin/catalina.sh run} with CATALINA_HOME, CATALINA_BASE and JAVA_HOME (the test's java) set.
 * The script execs java, so the process the test holds is Tomcat's JVM: a SIGTERM is Tomcat's graceful stop (its
 * shutdown hook), which is how {@link #close()} stops it before killing what is left. The log read is Tomcat's own
 * file, {@code logs/catalina.YYYY-MM-DD.log} (the console output goes to a file of the set-up too, for reading).
 */
final class TomcatServer implements RunningServer {

    /** Two cores shared with other builds: Tomcat alone starts in about 5 s there, but may wait for the CPU. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);
    /** Tomcat looks for changed WARs every 10 s (the Engine's backgroundProcessorDelay), then undeploys and deploys. */
    static final Duration REDEPLOY_TIMEOUT = Duration.ofSeconds(90);

    /**
     * The connector's start with the port the OS gave: with port 0 Tomcat names the ProtocolHandler
     * "http-nio-127.0.0.1-auto-1-PORT" once it is bound (bindOnInit, the default, binds before webapps start).
     */
    private static final Pattern CONNECTOR = Pattern.compile(
            "Starting ProtocolHandler \\[\"http-nio-127\\.0\\.0\\.1-auto-\\d+-(\\d+)\"\\]");
    private static final String SERVER_STARTED = "org.apache.catalina.startup.Catalina.start Server startup in [";

    /**
     * A wsguard record in Tomcat's OneLineFormatter, the format of conf/logging.properties for catalina.*.log and the
     * console: "07-Dec-2026 04:21:09.081 WARNING [http-nio-127.0.0.1-auto-1-exec-3]
     * dev.wsguard.report.LogOutput.write WSG01 ..." (the source is the class and method java.util.logging found).
     */
    private static final Pattern ONE_LINE = Pattern.compile(
            "^\\d\\d-\\S{3}-\\d{4} \\d\\d:\\d\\d:\\d\\d\\.\\d{3} ([A-Z]+) \\[.*?\\] dev\\.wsguard\\.\\S+ (WSG\\d\\d) (.*)$");

    static final LogFormat LOG_FORMAT = (previous, line) -> {
        Matcher m = ONE_LINE.matcher(line);
        return m.matches() ? new ServerLog.Diagnosis(m.group(2), m.group(1), m.group(3), true, line) : null;
    };

    /**
     * What Tomcat's leak detection says when a stopped webapp left something behind (WebappClassLoaderBase's
     * clearReferences*: threads, ThreadLocals, timers, JDBC drivers).
     */
    private static final List<String> LEAK_PHRASES = List.of("appears to have started a thread named",
            "created a ThreadLocal", "failed to stop it", "memory leak");

    /** Tomcat's own words for a webapp that did not start (StandardContext, HostConfig). */
    private static final List<String> DEPLOY_FAILURES = List.of("startup failed due to previous errors",
            "Error deploying", "One or more listeners failed to start", "One or more Filters failed to start");

    /** Environment a user's shell may carry that would change how catalina.sh starts Tomcat. */
    private static final List<String> FOREIGN_ENVIRONMENT = List.of("JRE_HOME", "JAVA_OPTS", "CATALINA_OPTS",
            "CATALINA_TMPDIR", "CATALINA_PID", "CATALINA_OUT", "LOGGING_CONFIG", "LOGGING_MANAGER", "CLASSPATH",
            "JPDA_OPTS", "JPDA_ADDRESS", "JPDA_TRANSPORT", "JPDA_SUSPEND", "UMASK", "USE_NOHUP");

    private final TomcatBase base;
    private final ServerProcess process;
    private final ServerLog log;
    private final Path console;
    private int port;

    private TomcatServer(TomcatBase base, ServerProcess process, ServerLog log, Path console) {
        this.base = base;
        this.process = process;
        this.log = log;
        this.console = console;
    }

    /** Starts {@code catalina.sh run} on the base and waits until Tomcat says it started and on which port. */
    static TomcatServer start(TomcatBase base) throws IOException, InterruptedException {
        Path console = base.setupDir().resolve("console.log");
        Files.deleteIfExists(console);
        ProcessBuilder builder = new ProcessBuilder(
                base.line().home().resolve("bin").resolve("catalina.sh").toString(), "run")
                .directory(base.dir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        FOREIGN_ENVIRONMENT.forEach(env::remove);
        env.put("CATALINA_HOME", base.line().home().toString());
        env.put("CATALINA_BASE", base.dir().toString());
        env.put("JAVA_HOME", Distribution.java().getParent().getParent().toString());
        ServerProcess process = ServerProcess.start(builder, "tomcat " + base.name());
        ServerLog log = new ServerLog(base.name(), () -> newestCatalinaLog(base.dir().resolve("logs")), LOG_FORMAT);
        TomcatServer server = new TomcatServer(base, process, log, console);
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
        return "Tomcat " + base.line().version();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerLog log() {
        return log;
    }

    @Override
    public ContainerKind expectations() {
        return base.line().expectations();
    }

    TomcatBase base() {
        return base;
    }

    /**
     * As a user redeploys a WAR: the new WAR (here the same bytes) copied next to webapps/ and moved over the
     * deployed one, so Tomcat never reads half a file; its modification time is now, later than the one Tomcat
     * recorded. Tomcat's autoDeploy notices it on its next check, undeploys the context (deleting the expanded
     * directory) and deploys the WAR again; returns once Tomcat says that deployment finished.
     */
    @Override
    public void redeploy(String context) throws Exception {
        Path war = base.deployedWar(context.substring(1));
        if (!Files.isRegularFile(war)) {
            throw new IllegalArgumentException(context + " is not a WAR in webapps/: " + war);
        }
        int mark = log.mark();
        Path fresh = base.setupDir().resolve("redeploy").resolve(war.getFileName());
        Files.createDirectories(fresh.getParent());
        Files.copy(war, fresh, StandardCopyOption.REPLACE_EXISTING);
        long recorded = Files.getLastModifiedTime(war).toMillis();
        // A file system that keeps whole seconds could give the copy the recorded time; Tomcat compares for inequality.
        Files.setLastModifiedTime(fresh, FileTime.fromMillis(Math.max(System.currentTimeMillis(), recorded + 2000)));
        Files.move(fresh, war, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        String finished = "Deployment of web application archive [" + war + "] has finished";
        String undeployed = "Undeploying context [" + context + "]";
        if (log.awaitLine(mark, l -> l.contains(undeployed), REDEPLOY_TIMEOUT) == null
                || log.awaitLine(mark, l -> l.contains(finished), REDEPLOY_TIMEOUT) == null) {
            throw new AssertionError(name() + ": " + context + " not undeployed and deployed again within "
                    + REDEPLOY_TIMEOUT + " of replacing " + war + "; log:\n" + log.text());
        }
        assertEveryWebappStarted();
    }

    @Override
    public List<String> leakWarnings() {
        // Tomcat's debug line for a weakly held ThreadLocal says "this is not a memory leak".
        return log.lines().stream().filter(l -> LEAK_PHRASES.stream().anyMatch(l::contains))
                .filter(l -> !l.contains("is not a memory leak")).toList();
    }

    /** The console output (catalina.sh run's stdout and stderr), for failure messages. */
    String consoleText() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            return "(console unreadable: " + e + ")";
        }
    }

    private void awaitStarted() throws InterruptedException {
        List<String> lines = process.awaitLines(log, STARTUP_TIMEOUT, this::consoleText,
                List.of(l -> CONNECTOR.matcher(l).find(), l -> l.contains(SERVER_STARTED)));
        String connector = lines.get(0);
        Matcher m = CONNECTOR.matcher(connector);
        if (!m.find()) {
            throw new AssertionError("unreadable connector line: " + connector);
        }
        port = Integer.parseInt(m.group(1));
        assertEveryWebappStarted();
    }

    /**
     * Tomcat starts even when a webapp fails (and then answers 404 there): say so at once, with the cause, rather
     * than through the first scenario's unexpected status.
     */
    private void assertEveryWebappStarted() {
        List<String> lines = log.lines();
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (DEPLOY_FAILURES.stream().anyMatch(l::contains)) {
                String cause = String.join("\n", lines.subList(Math.max(0, i - 3), Math.min(lines.size(), i + 8)));
                throw new AssertionError(base.name() + ": a webapp failed to deploy:\n" + cause
                        + "\n(whole log: " + base.dir().resolve("logs") + ")");
            }
        }
    }

    /** Stops Tomcat as an operator would (SIGTERM: Tomcat's shutdown hook stops it gracefully), then by force. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.stop(process::terminate, STOP_TIMEOUT);
        } finally {
            log.close();
        }
    }

    /** Tomcat's catalina.YYYY-MM-DD.log of the day: the newest by its name's date (a new one starts at midnight). */
    private static Path newestCatalinaLog(Path logs) {
        if (!Files.isDirectory(logs)) {
            return null;
        }
        try (Stream<Path> files = Files.list(logs)) {
            Optional<Path> newest = files.filter(p -> p.getFileName().toString().matches("catalina\\.\\d{4}-\\d\\d-\\d\\d\\.log"))
                    .max((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()));
            return newest.orElse(null);
        } catch (IOException e) {
            return null;
        }
    }
}
