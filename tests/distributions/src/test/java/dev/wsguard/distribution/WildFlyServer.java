package dev.wsguard.distribution;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.server.ContainerKind;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The real WildFly distribution running one server base: {@code bin/standalone.sh} as its users start it, on
 * 127.0.0.1, every listener (HTTP, HTTPS, management) on a port the OS picks, read back from server.log. The WARs
 * of the base are deployed by the deployment scanner during boot; startup returns once the server says it started
 * and each of them is deployed. {@link #close()} stops it gracefully (SIGTERM, which the script passes on), then by
 * force, and anything it started with it.
 */
final class WildFlyServer implements RunningServer {

    /** Observed with its WARs: 16-19 s to "started" on 2 cores beside other builds (load 15), 35-37 s at load 25. */
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(240);
    /** The scanner looks every 5 s, then the WAR deploys (Weld included). */
    static final Duration DEPLOY_TIMEOUT = Duration.ofSeconds(120);
    static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern HTTP_LISTENER = Pattern.compile(
            "WFLYUT0006: Undertow HTTP listener default listening on 127\\.0\\.0\\.1:(\\d+)");
    /** WFLYSRV0025 "started in", WFLYSRV0026 "started (with errors) in". */
    private static final Pattern STARTED = Pattern.compile("WFLYSRV002[56]: WildFly .* started");
    private static final Pattern UNDERTOW_VERSION = Pattern.compile("WFLYUT0003: Undertow (\\S+) starting");

    /** The start of every record in server.log: "2026-12-07 04:21:00,123 WARN  [category] (thread) message". */
    private static final Pattern RECORD = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ([A-Z]+) +\\[([^\\]]*)\\] \\(.*?\\) (.*)$");
    /**
     * A wsguard line in server.log: java.util.logging's level names (WARNING, INFO) beside WildFly's own (WARN),
     * category dev.wsguard, the message starting with the code. Always one line.
     */
    private static final Pattern WSGUARD = Pattern.compile(
            "^\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d,\\d{3} ([A-Z]+) +\\[dev\\.wsguard\\] \\(.*?\\) (WSG\\d\\d) (.*)$");

    static final LogFormat LOG_FORMAT = (previous, line) -> {
        Matcher m = WSGUARD.matcher(line);
        return m.matches() ? new ServerLog.Diagnosis(m.group(2), m.group(1), m.group(3), true, line) : null;
    };

    /** The levels at which WildFly (or anything) complains: WildFly's WARN and ERROR, java.util.logging's SEVERE. */
    private static final List<String> COMPLAINTS = List.of("WARN", "ERROR", "FATAL", "SEVERE");

    private final WildFlyBase base;
    private final ServerProcess process;
    private final ServerLog log;
    private final Path console;
    private int port;
    private String undertowVersion;
    private int lastRedeployMark;

    private WildFlyServer(WildFlyBase base, ServerProcess process, ServerLog log, Path console) {
        this.base = base;
        this.process = process;
        this.log = log;
        this.console = console;
    }

    /** Starts the server on the base and waits until it started and deployed every WAR of the base. */
    static WildFlyServer start(WildFlyBase base) throws IOException, InterruptedException {
        base.markExplodedForDeployment();
        Path home = Distribution.wildflyHome();
        Path console = base.setupDir().resolve("console.log");
        Files.deleteIfExists(console);
        ProcessBuilder builder = new ProcessBuilder(home.resolve("bin/standalone.sh").toString(),
                "-b", "127.0.0.1",
                "-bmanagement", "127.0.0.1",
                "-Djboss.server.base.dir=" + base.dir(),
                // 0: the OS picks free ports at bind time, so runs never clash; the HTTP one is read from server.log.
                "-Djboss.http.port=0",
                "-Djboss.https.port=0",
                "-Djboss.management.http.port=0",
                "-Djboss.management.https.port=0")
                .directory(base.setupDir().toFile())
                .redirectErrorStream(true)
                .redirectOutput(console.toFile());
        Map<String, String> env = builder.environment();
        env.put("JBOSS_HOME", home.toString());
        env.put("JAVA", Distribution.java().toString());
        env.put("JAVA_HOME", Distribution.java().getParent().getParent().toString());
        // The JVM in the background with the script passing SIGTERM on: a graceful stop, as a service manager does.
        env.put("LAUNCH_JBOSS_IN_BACKGROUND", "true");
        // standalone.conf's defaults (heap, IPv4) as users get them, whatever the build's environment says.
        env.remove("JAVA_OPTS");
        env.remove("JBOSS_MODULEPATH");
        env.put("RUN_CONF", runConf(base).toString());
        if (base.moduleRoot() != null) {
            env.put("JBOSS_MODULEPATH", home.resolve("modules") + File.pathSeparator + base.moduleRoot());
        }
        ServerProcess process = ServerProcess.start(builder, "wildfly " + base.name());
        ServerLog log = new ServerLog(base.name(), base::serverLog, LOG_FORMAT);
        WildFlyServer server = new WildFlyServer(base, process, log, console);
        try {
            server.awaitStarted();
            return server;
        } catch (InterruptedException | RuntimeException | Error e) {
            server.close();
            throw e;
        }
    }

    /**
     * The set-up's standalone.conf (where users put JVM options; standalone.sh reads the one RUN_CONF names): the
     * distribution's, plus C1 only. On 2 busy cores C2's compiler threads doubled the boot (16-24 s against 42-48 s
     * measured beside other builds); it changes no behaviour of WildFly or wsguard.
     */
    private static Path runConf(WildFlyBase base) throws IOException {
        Path conf = base.setupDir().resolve("standalone.conf");
        Files.writeString(conf, ". \"" + Distribution.wildflyHome().resolve("bin/standalone.conf") + "\"\n"
                + "JAVA_OPTS=\"$JAVA_OPTS -XX:TieredStopAtLevel=1\"\n");
        return conf;
    }

    @Override
    public String name() {
        return base.name();
    }

    @Override
    public String distribution() {
        return "WildFly " + Distribution.wildflyVersion();
    }

    @Override
    public int port() {
        return port;
    }

    @Override
    public ServerLog log() {
        return log;
    }

    /** WildFly's servlet container is Undertow: the catalogue's answers for embedded Undertow 2.3 apply. */
    @Override
    public ContainerKind expectations() {
        return ContainerKind.UNDERTOW_2_3;
    }

    /** The Undertow version WildFly bundles, from its own startup line. */
    String undertowVersion() {
        return undertowVersion;
    }

    WildFlyBase base() {
        return base;
    }

    /**
     * Sends a plain GET to the context's root. Undertow creates a webapp's filters at their first request (WildFly's
     * servlet container leaves eager-filter-initialization off), so wsguard's startup report comes then; a plain GET
     * to a path without an endpoint is one wsguard does not log.
     */
    void firstRequest(String context) throws Exception {
        try (RawResponse r = RawHttp.exchange(port, RawRequest.get(context + "/").build())) {
            if (r.status() >= 500) {
                throw new AssertionError(context + "/ answered " + r);
            }
        }
    }

    /**
     * Redeploys as users of the deployment scanner do: the WAR's modification time is renewed (as a new build copied
     * over it renews it), the scanner redeploys it within its 5 s interval, and the server logs "Replaced
     * deployment". Then a first request has the new filter created (see {@link #firstRequest}).
     */
    @Override
    public void redeploy(String context) throws Exception {
        String deployment = context.substring(1) + ".war";
        Path war = base.deployedWar(context.substring(1));
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException("no WAR " + war + " to redeploy");
        }
        lastRedeployMark = log.mark();
        Files.setLastModifiedTime(war, FileTime.from(Instant.now()));
        String replaced = log.awaitLine(lastRedeployMark,
                l -> l.contains("WFLYSRV0016: Replaced deployment \"" + deployment + "\""), DEPLOY_TIMEOUT);
        if (replaced == null) {
            throw new AssertionError(name() + ": " + deployment + " not redeployed within " + DEPLOY_TIMEOUT + "; log:\n"
                    + log.text());
        }
        firstRequest(context);
    }

    /**
     * WildFly reports nothing a stopped webapp left behind, so this looks for itself: WildFly's complaints about
     * wsguard since the last redeploy (a filter that failed to stop), and wsguard's own threads, one per context
     * whose filter runs, in a thread dump of the server: a name twice is a stopped deployment's thread still running.
     */
    @Override
    public List<String> leakWarnings() {
        List<String> found = new ArrayList<>(complaintsNaming("dev.wsguard", lastRedeployMark));
        Map<String, Integer> threads = new LinkedHashMap<>();
        for (String name : wsguardThreads()) {
            threads.merge(name, 1, Integer::sum);
        }
        if (threads.isEmpty()) {
            // A redeployed context runs one: none found means this check looks for the wrong name.
            found.add("no thread named wsguard-* in the server's thread dump (" + base.setupDir().resolve("threads.txt") + ")");
        }
        threads.forEach((name, count) -> {
            if (count > 1) {
                found.add(count + " threads named '" + name + "' in the server");
            }
        });
        return found;
    }

    /**
     * The records of server.log at a complaining level (WARN, ERROR, FATAL, SEVERE) whose text, continuation lines
     * (a stack trace) included, mentions {@code text}, from line {@code from} on: each as its first line.
     */
    List<String> complaintsNaming(String text, int from) {
        List<String> lines = log.lines();
        List<String> found = new ArrayList<>();
        String record = null;
        boolean complaint = false;
        boolean names = false;
        for (int i = from; i <= lines.size(); i++) {
            Matcher m = i < lines.size() ? RECORD.matcher(lines.get(i)) : null;
            if (i == lines.size() || m.matches()) {
                if (record != null && complaint && names) {
                    found.add(record);
                }
                if (i == lines.size()) {
                    break;
                }
                record = lines.get(i);
                complaint = COMPLAINTS.contains(m.group(1));
                names = record.contains(text);
            } else if (record != null && lines.get(i).contains(text)) {
                names = true;
            }
        }
        return found;
    }

    /** The names of the server JVM's threads that wsguard started (a thread dump by jcmd, bounded). */
    List<String> wsguardThreads() {
        ProcessHandle jvm = serverJvm().orElseThrow(() -> new IllegalStateException(name() + ": no server JVM"));
        Path jcmd = Distribution.java().resolveSibling("jcmd");
        Path dump = base.setupDir().resolve("threads.txt");
        try {
            Process p = new ProcessBuilder(jcmd.toString(), Long.toString(jvm.pid()), "Thread.print")
                    .redirectErrorStream(true).redirectOutput(dump.toFile()).start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new IllegalStateException("jcmd Thread.print did not finish within 60 s");
            }
            List<String> names = new ArrayList<>();
            Pattern thread = Pattern.compile("^\"(wsguard[^\"]*)\"");
            for (String line : Files.readAllLines(dump)) {
                Matcher m = thread.matcher(line);
                if (m.find()) {
                    names.add(m.group(1));
                }
            }
            if (p.exitValue() != 0 || Files.readString(dump).isBlank()) {
                throw new IllegalStateException("jcmd Thread.print exited with " + p.exitValue() + ": " + Files.readString(dump));
            }
            return names;
        } catch (IOException e) {
            throw new IllegalStateException("cannot take a thread dump of the server", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while taking a thread dump", e);
        }
    }

    /** The JVM that standalone.sh started. */
    private Optional<ProcessHandle> serverJvm() {
        return process.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith(File.separator + "java")).orElse(false))
                .findFirst();
    }

    /** The console (what standalone.sh printed), for failure messages. */
    String consoleText() {
        try {
            return Files.readString(console);
        } catch (IOException e) {
            return "(console unreadable: " + e + ")";
        }
    }

    private void awaitStarted() throws InterruptedException, IOException {
        process.awaitLines(log, STARTUP_TIMEOUT, this::consoleText, List.of(l -> STARTED.matcher(l).find()));
        String listener = log.awaitLine(l -> HTTP_LISTENER.matcher(l).find(), Duration.ZERO);
        if (listener == null) {
            throw new AssertionError(name() + ": no HTTP listener line before the start line; log:\n" + log.text());
        }
        Matcher m = HTTP_LISTENER.matcher(listener);
        m.find();
        port = Integer.parseInt(m.group(1));
        String undertow = log.awaitLine(l -> UNDERTOW_VERSION.matcher(l).find(), Duration.ZERO);
        if (undertow != null) {
            Matcher v = UNDERTOW_VERSION.matcher(undertow);
            v.find();
            undertowVersion = v.group(1);
        }
        assertEveryWarDeployed();
    }

    /**
     * The scanner deploys during boot, and the server starts even when a WAR fails ("started (with errors)"): say
     * which one failed and why (the scanner's .failed marker holds the cause), rather than let the first request
     * find a 404.
     */
    private void assertEveryWarDeployed() throws InterruptedException, IOException {
        for (String deployment : base.deployments()) {
            String deployed = log.awaitLine(l -> l.contains("WFLYSRV0010: Deployed \"" + deployment + "\""), Duration.ZERO);
            if (deployed == null) {
                Path failed = base.dir().resolve("deployments").resolve(deployment + ".failed");
                throw new AssertionError(name() + ": " + deployment + " was not deployed"
                        + (Files.exists(failed) ? ": " + Files.readString(failed) : "") + "\nlog:\n" + log.text());
            }
        }
    }

    /** Stops the server as an operator would (SIGTERM: WildFly's graceful shutdown), then by force. */
    @Override
    public void close() throws InterruptedException {
        try {
            process.stop(process::terminate, STOP_TIMEOUT);
        } finally {
            log.close();
        }
    }

}
