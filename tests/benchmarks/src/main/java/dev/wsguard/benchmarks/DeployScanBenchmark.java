package dev.wsguard.benchmarks;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Stream;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.MalformedObjectNameException;
import javax.management.ObjectName;
import org.eclipse.jetty.ee10.webapp.Configurations;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * How long Jetty 12.1 (ee10, annotation scanning and Jakarta WebSocket on, as the distribution deploys
 * WARs) takes to start a WAR of {@link #classes} generated classes, without wsguard and with it (its jar
 * in WEB-INF/lib, so its initializer runs, and its filter declared, so its startup checks run). One
 * measured operation is one {@code Server.start()} of a fresh server and context; stopping is outside
 * the measurement. Each iteration checks that wsguard ran (with) or did not (without, and {@link #JAR_ONLY}: its jar
 * without its initializer, no filter), and that the JVM's MBean server is as {@link #mbeanServer} says.
 */
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@State(Scope.Benchmark)
@Fork(3)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
public class DeployScanBenchmark {

    /** The system property (set by the pom for JMH's forks) naming the wsguard jar to package. */
    public static final String GUARD_JAR = "wsguard.bench.guard-jar";
    /** The system property (set by the pom) naming the folder of real library jars for {@code war=library-jars}. */
    public static final String LIBRARIES = "wsguard.bench.libraries";
    /** The system property naming wsguard's jar less its initializer ({@link BenchWar#writeInert}), for {@link #JAR_ONLY}. */
    public static final String INERT_JAR = "wsguard.bench.inert-jar";

    static final String WITHOUT = "without-wsguard";
    static final String WITH = "with-wsguard";
    /**
     * wsguard's jar in WEB-INF/lib as shipped but for its initializer's service file, and no filter declared: Jetty
     * mounts, walks and scans it and parses its web fragment, and nothing of wsguard's runs. What any library jar of
     * its size costs, the part of the difference that wsguard's own code does not make (not a default value: name it).
     */
    static final String JAR_ONLY = "wsguard-jar-only";

    @Param({WITHOUT, WITH})
    public String variant;

    /**
     * {@code generated}: {@link #classes} minimal generated class files; {@code library-jars}: the real
     * third-party jars the pom copies (about 5,000 classes with code, as a real WEB-INF/lib holds).
     */
    @Param({"generated"})
    public String war;

    @Param({"5000"})
    public int classes;

    /**
     * {@code jetty}: as Jetty 12.1 does, whose {@code new Server()} (untimed, before each deployment) creates the JVM's
     * platform MBean server (its {@code MemoryUtils} asks it whether oops are compressed). {@code none}: no MBean server
     * exists when the deployment starts, as in a JVM whose container never uses JMX; Jetty is told the answer it would
     * compute ({@link #JETTY_REFERENCES_PER_CACHE_LINE}), so it asks nothing. Checked before and after every deployment:
     * without wsguard, none exists after it either; with wsguard, its MBean is registered (wsguard creates the server
     * then, on its own thread).
     */
    @Param({"jetty"})
    public String mbeanServer;

    /**
     * Jetty 12.1's {@code MemoryUtils} reads this before it would ask the platform MBean server; 16 is what it computes
     * itself with compressed oops (64-byte cache lines, 4-byte references), which a 1 GB heap has.
     */
    static final String JETTY_REFERENCES_PER_CACHE_LINE = "org.eclipse.jetty.util.referencesPerCacheLine";

    private Path work;
    private Path warDir;
    private int iteration;
    private Server server;
    private WebAppContext context;

    // Held strongly: JUL keeps loggers weakly.
    private Logger guardLogger;
    private Handler guardHandler;
    private final List<String> guardLines = new CopyOnWriteArrayList<>();

    @Setup(org.openjdk.jmh.annotations.Level.Trial)
    public void writeWar() throws IOException {
        Path guardJar = null;
        if (!variant.equals(WITHOUT)) {
            if (!variant.equals(WITH) && !variant.equals(JAR_ONLY)) {
                throw new IllegalArgumentException("variant must be " + WITHOUT + ", " + WITH + " or " + JAR_ONLY
                        + ": " + variant);
            }
            String property = variant.equals(JAR_ONLY) ? INERT_JAR : GUARD_JAR;
            String jar = System.getProperty(property, "");
            if (jar.isBlank() || !Files.isRegularFile(Paths.get(jar))) {
                throw new IllegalStateException("set -D" + property + " to " + (variant.equals(JAR_ONLY)
                        ? "wsguard's jar without its initializer (DeployCostRounds makes it)"
                        : "wsguard's jar (the pom does)"));
            }
            guardJar = Paths.get(jar);
        }
        if (mbeanServer.equals("none")) {
            System.setProperty(JETTY_REFERENCES_PER_CACHE_LINE, "16");
        } else if (!mbeanServer.equals("jetty")) {
            throw new IllegalArgumentException("mbeanServer must be jetty or none: " + mbeanServer);
        }
        work = Files.createTempDirectory("wsguard-bench-");
        if (this.war.equals("library-jars")) {
            String libraries = System.getProperty(LIBRARIES, "");
            if (libraries.isBlank() || !Files.isDirectory(Paths.get(libraries))) {
                throw new IllegalStateException("set -D" + LIBRARIES + " to the folder of library jars (the pom does)");
            }
            warDir = BenchWar.writeWithLibraries(work.resolve("war"), Paths.get(libraries), guardJar, guardRuns());
        } else {
            warDir = BenchWar.write(work.resolve("war"), classes, guardJar, guardRuns());
        }
        // wsguard's lines are counted, not printed: one WSG00 per deployment proves that it ran.
        guardLogger = Logger.getLogger("dev.wsguard");
        guardLogger.setUseParentHandlers(false);
        guardLogger.setLevel(Level.INFO);
        SimpleFormatter formatter = new SimpleFormatter();
        guardHandler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                guardLines.add(formatter.formatMessage(record));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        guardLogger.addHandler(guardHandler);
    }

    @Setup(org.openjdk.jmh.annotations.Level.Iteration)
    public void prepareServer() throws IOException {
        guardLines.clear();
        server = new Server();
        if (mbeanServer.equals("none") == mbeanServerRuns()) {
            throw new IllegalStateException("mbeanServer=" + mbeanServer + ", yet an MBean server "
                    + (mbeanServerRuns() ? "runs" : "does not run") + " before the deployment");
        }
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        context = new WebAppContext();
        context.setContextPath("/app");
        context.setWar(warDir.toString());
        context.setTempDirectory(Files.createDirectories(work.resolve("tmp-" + iteration++)).toFile());
        context.setConfigurations(Configurations.getServerDefault(null).toArray(new
                org.eclipse.jetty.ee10.webapp.Configuration[0]));
        context.setThrowUnavailableOnStartupException(true);
        server.setHandler(context);
    }

    @Benchmark
    public boolean deploy() throws Exception {
        server.start();
        if (!context.isAvailable()) {
            throw new IllegalStateException("the WAR did not deploy", context.getUnavailableException());
        }
        return context.isAvailable();
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Iteration)
    public void stopServer() throws Exception {
        if (guardRuns()) {
            // wsguard scans the webapp on its own thread after start() returns; wait (untimed, bounded)
            // for its report, so every measured deployment is followed by a complete scan.
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (guardLines.stream().noneMatch(l -> l.startsWith("WSG00")) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            if (guardLines.stream().anyMatch(l -> l.contains("scan incomplete"))) {
                throw new IllegalStateException("wsguard's scan did not complete: " + guardLines);
            }
            // wsguard registers its MBean on its own thread before WSG00 (creating the MBean server if need be).
            if (guardLines.stream().anyMatch(l -> l.startsWith("WSG00")) && !guardMBeanRegistered()) {
                throw new IllegalStateException("wsguard's MBean is not registered once its WSG00 is written");
            }
        }
        try {
            server.stop();
            server.destroy();
        } finally {
            deleteTree(context.getTempDirectory().toPath());
        }
        long summaries = guardLines.stream().filter(l -> l.startsWith("WSG00")).count();
        if (!guardRuns() && mbeanServer.equals("none") && mbeanServerRuns()) {
            throw new IllegalStateException("Jetty's deployment started an MBean server: mbeanServer=none measures"
                    + " nothing of wsguard's then");
        }
        if (guardRuns() ? summaries != 1 : !guardLines.isEmpty()) {
            throw new IllegalStateException(variant + ": expected " + (guardRuns()
                    ? "one WSG00 line" : "no wsguard line") + " per deployment, got " + guardLines);
        }
        if (guardRuns() && iteration == 1) {
            // Once per fork: wsguard's own account of its scan, for the report.
            guardLines.stream().filter(l -> l.startsWith("WSG00")).forEach(l -> System.out.println("\n  " + l));
        }
    }

    @TearDown(org.openjdk.jmh.annotations.Level.Trial)
    public void deleteWar() throws IOException {
        guardLogger.removeHandler(guardHandler);
        deleteTree(work);
    }

    /** Whether wsguard runs in this variant (its initializer and filter), not only lies in WEB-INF/lib. */
    private boolean guardRuns() {
        return variant.equals(WITH);
    }

    private static boolean mbeanServerRuns() {
        return !MBeanServerFactory.findMBeanServer(null).isEmpty();
    }

    private static boolean guardMBeanRegistered() throws MalformedObjectNameException {
        ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/app");
        for (MBeanServer s : MBeanServerFactory.findMBeanServer(null)) {
            if (s.isRegistered(name)) {
                return true;
            }
        }
        return false;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) walk.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
