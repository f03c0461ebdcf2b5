package dev.wsguard.benchmarks;

import dev.wsguard.benchmarks.load.LoadBench;
import dev.wsguard.benchmarks.load.Variant;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the Spring Boot starter adds to the startup of the Spring Boot sample ({@code spring-boot-sample}, its
 * {@code BootDemo}): fresh JVMs of the sample, alternately without and with the starter, each timed from its
 * launch to the line the demo prints once {@code SpringApplication.run} has returned (after Boot's
 * {@code ApplicationReadyEvent}), and stopped.
 *
 * <p>The two variants differ by class path only: the sample's own runtime class path (Boot 3.5 and Tomcat 10.1,
 * as its build resolves them and writes them to {@code runtime-classpath.txt} beside its jar), and the same less
 * the two entries that hold wsguard's classes, the starter and the filter, found by their content. The sample's
 * code uses no wsguard class (its {@code DiagnosisFeed} listens to the {@code java.util.logging} logger by name,
 * and {@code wsguard.*} properties without the starter are properties nobody reads), so that is the sample
 * without the starter, unchanged otherwise. Every launch is checked: with the starter its output holds
 * {@code WSG00} exactly once and no other code, without it no wsguard code at all, so a run where wsguard did not
 * run fails instead of giving a figure.
 *
 * <p>The JVMs are not pinned: the sample starts on every core, as an application does.
 */
public final class BootSampleStartup {

    static final String MAIN_CLASS = "dev.wsguard.sample.boot.BootDemo";
    /** {@code BootDemo.printBanner}'s first line: the application is ready. */
    private static final Pattern READY = Pattern.compile("^wsguard Spring Boot demo: http://127\\.0\\.0\\.1:(\\d+)/$");
    /** Boot's {@code StartupInfoLogger}, when the context has been refreshed and started. */
    private static final Pattern STARTED = Pattern.compile(
            "Started BootDemo in ([\\d.]+) seconds \\(process running for ([\\d.]+)\\)");
    /**
     * A wsguard line as Boot's console prints it (logger {@code dev.wsguard}, then the message, which starts with
     * its code); the demo's own banner names codes too, which do not count.
     */
    private static final Pattern CODE = Pattern.compile("\\sdev\\.wsguard\\s+: (WSG\\d\\d)\\b");
    private static final String FILTER_CLASS = "dev/wsguard/WebSocketGuardFilter.class";
    private static final String STARTER_CLASS = "dev/wsguard/spring/boot/WsguardAutoConfiguration.class";
    private static final long READY_TIMEOUT_SECONDS = 180;
    private static final long WSG00_TIMEOUT_SECONDS = 60;
    private static final String END = "\u0000end";

    private BootSampleStartup() {
    }

    /**
     * How many launches: {@code -Dbench.startup.runs=} of each variant, after one discarded launch of each; and
     * {@code -Dbench.startup.args=}, Boot arguments given to every launch of both variants (space-separated), to
     * see where a difference comes from: {@code --spring.jmx.enabled=true} has Boot create the platform MBean
     * server in both, which wsguard otherwise creates alone (the sample has no JMX of its own).
     */
    public record Settings(int runs, List<String> arguments) {
        public static Settings fromSystemProperties() {
            String arguments = System.getProperty("bench.startup.args", "").trim();
            return new Settings(Integer.getInteger("bench.startup.runs", 10),
                    arguments.isEmpty() ? List.of() : List.of(arguments.split("\\s+")));
        }
    }

    /**
     * One launch: from the launch to the ready line (this JVM's clock), and Boot's own figures at its
     * "Started" line: the time {@code SpringApplication.run} took so far and the JVM's uptime.
     */
    public record Launch(double readyMillis, double runMillis, double uptimeMillis) {
    }

    /** Every measured launch by variant, and what ran. */
    public record Result(Map<Variant, List<Launch>> launches, String versions, List<String> arguments) {

        public double median(Variant variant, ToDoubleFunction<Launch> figure) {
            return LoadBench.median(launches.get(variant).stream().map(figure::applyAsDouble)
                    .collect(Collectors.toList()));
        }

        public double min(Variant variant, ToDoubleFunction<Launch> figure) {
            return launches.get(variant).stream().mapToDouble(figure).min().orElse(Double.NaN);
        }

        public double max(Variant variant, ToDoubleFunction<Launch> figure) {
            return launches.get(variant).stream().mapToDouble(figure).max().orElse(Double.NaN);
        }
    }

    /** Runs the launches; each one's output goes to a file in {@code logDir}. */
    public static Result measure(Path sampleJar, Path logDir, Settings settings)
            throws IOException, InterruptedException {
        Map<Variant, String> classPaths = classPaths(sampleJar);
        String versions = versions(classPaths.get(Variant.WITH_WSGUARD));
        say("the sample: %s; %d launches of each variant after one discarded launch of each; arguments %s", versions,
                settings.runs(), settings.arguments());
        // Not measured: the first reads of the jars from disk, which the first launch alone would pay.
        for (Variant variant : Variant.values()) {
            Launch warm = launch(variant, classPaths.get(variant), settings.arguments(),
                    logDir.resolve("startup-" + variant.label() + "-warm-up.log"));
            say("warm-up %s: ready in %.0f ms", variant, warm.readyMillis());
        }
        Map<Variant, List<Launch>> launches = new EnumMap<>(Variant.class);
        for (int run = 0; run < settings.runs(); run++) {
            // Alternate which goes first, so drift over a pair favours neither.
            List<Variant> order = run % 2 == 0 ? List.of(Variant.WITHOUT_WSGUARD, Variant.WITH_WSGUARD)
                    : List.of(Variant.WITH_WSGUARD, Variant.WITHOUT_WSGUARD);
            for (Variant variant : order) {
                Launch launch = launch(variant, classPaths.get(variant), settings.arguments(),
                        logDir.resolve("startup-" + variant.label() + "-" + (run + 1) + ".log"));
                launches.computeIfAbsent(variant, v -> new ArrayList<>()).add(launch);
                say("run %d/%d %s: ready in %.0f ms; Boot: started in %.0f ms, process running for %.0f ms", run + 1,
                        settings.runs(), variant, launch.readyMillis(), launch.runMillis(), launch.uptimeMillis());
            }
        }
        return new Result(launches, versions, settings.arguments());
    }

    /**
     * The sample's class path with the starter (as its build wrote it, after the sample's own jar) and without it:
     * the same less the entries holding wsguard's classes, which must be exactly the filter's and the starter's.
     */
    static Map<Variant, String> classPaths(Path sampleJar) throws IOException {
        Path listFile = sampleJar.resolveSibling("runtime-classpath.txt");
        if (!Files.isRegularFile(sampleJar) || !Files.isRegularFile(listFile)) {
            throw new IllegalStateException("no " + listFile + " beside the sample's jar " + sampleJar
                    + ": the sample's own build writes it; run the benchmarks from the repository root with -am"
                    + " (README)");
        }
        if (!wsguardEntriesIn(sampleJar.toString()).isEmpty()) {
            throw new IllegalStateException(sampleJar + " holds wsguard classes besides the sample's own");
        }
        List<String> entries = Arrays.stream(Files.readString(listFile).trim().split(Pattern.quote(File.pathSeparator)))
                .filter(entry -> !entry.isBlank()).collect(Collectors.toList());
        List<String> wsguard = new ArrayList<>();
        for (String entry : entries) {
            if (!wsguardEntriesIn(entry).isEmpty()) {
                wsguard.add(entry);
            }
        }
        boolean filter = wsguard.stream().anyMatch(entry -> holds(entry, FILTER_CLASS));
        boolean starter = wsguard.stream().anyMatch(entry -> holds(entry, STARTER_CLASS));
        if (wsguard.size() != 2 || !filter || !starter) {
            throw new IllegalStateException("expected the filter and the starter, and nothing else of wsguard, on the"
                    + " sample's class path; found " + wsguard);
        }
        List<String> without = new ArrayList<>(entries);
        without.removeAll(wsguard);
        Map<Variant, String> classPaths = new EnumMap<>(Variant.class);
        classPaths.put(Variant.WITH_WSGUARD, sampleJar + File.pathSeparator + String.join(File.pathSeparator, entries));
        classPaths.put(Variant.WITHOUT_WSGUARD, sampleJar + File.pathSeparator
                + String.join(File.pathSeparator, without));
        return classPaths;
    }

    /** Class files of {@code dev.wsguard} in a class path entry, other than the sample's own. */
    private static List<String> wsguardEntriesIn(String entry) throws IOException {
        Path path = Paths.get(entry);
        List<String> names = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> files = Files.walk(path)) {
                files.map(file -> path.relativize(file).toString().replace(File.separatorChar, '/'))
                        .filter(BootSampleStartup::isWsguardClass).forEach(names::add);
            }
        } else if (Files.isRegularFile(path) && entry.endsWith(".jar")) {
            try (JarFile jar = new JarFile(path.toFile())) {
                for (Enumeration<JarEntry> e = jar.entries(); e.hasMoreElements(); ) {
                    String name = e.nextElement().getName();
                    if (isWsguardClass(name)) {
                        names.add(name);
                    }
                }
            }
        }
        return names;
    }

    private static boolean isWsguardClass(String name) {
        return name.startsWith("dev/wsguard/") && name.endsWith(".class") && !name.startsWith("dev/wsguard/sample/");
    }

    private static boolean holds(String entry, String resource) {
        try {
            return wsguardEntriesIn(entry).contains(resource);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + entry, e);
        }
    }

    /** Boot and Tomcat, from the jars' names. */
    private static String versions(String classPath) {
        return Stream.of("spring-boot", "tomcat-embed-core").map(artifact -> {
            Matcher m = Pattern.compile("(?:^|[/\\\\])" + Pattern.quote(artifact) + "-([\\w.]+)\\.jar$").matcher("");
            for (String entry : classPath.split(Pattern.quote(File.pathSeparator))) {
                if (m.reset(entry).find()) {
                    return artifact + " " + m.group(1);
                }
            }
            return artifact + " ?";
        }).collect(Collectors.joining(", "));
    }

    /**
     * Starts the sample ({@code -Dport=0}: any free port, on 127.0.0.1 as the demo always listens) and waits for its
     * ready line; then, with the starter, for its {@code WSG00} (wsguard writes it from a thread of its own once
     * Spring has told it its endpoints, so it may come just after the ready line); stops it (SIGTERM: Boot's shutdown
     * hook closes it) and checks the wsguard codes in its whole output.
     */
    private static Launch launch(Variant variant, String classPath, List<String> arguments, Path log)
            throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of(java.toString(), "-Dport=0", "-cp", classPath, MAIN_CLASS));
        command.addAll(arguments);
        Files.createDirectories(log.toAbsolutePath().getParent());
        BlockingQueue<String> lines = new LinkedBlockingQueue<>();
        long launched = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        Thread pump = new Thread(() -> pump(process, log, lines), "startup-output " + variant);
        pump.setDaemon(true);
        pump.start();
        List<String> codes = new ArrayList<>();
        double readyMillis = Double.NaN;
        double runMillis = Double.NaN;
        double uptimeMillis = Double.NaN;
        try {
            long deadline = launched + TimeUnit.SECONDS.toNanos(READY_TIMEOUT_SECONDS);
            while (Double.isNaN(readyMillis)) {
                String line = next(lines, deadline, variant, "ready", log);
                if (READY.matcher(line).matches()) {
                    readyMillis = (System.nanoTime() - launched) / 1e6;
                }
                Matcher started = STARTED.matcher(line);
                if (started.find()) {
                    runMillis = Double.parseDouble(started.group(1)) * 1000;
                    uptimeMillis = Double.parseDouble(started.group(2)) * 1000;
                }
                collectCodes(line, codes);
            }
            if (Double.isNaN(runMillis)) {
                throw new IllegalStateException("no \"Started BootDemo in\" line before the ready line; see " + log);
            }
            if (variant == Variant.WITH_WSGUARD) {
                deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WSG00_TIMEOUT_SECONDS);
                while (!codes.contains("WSG00")) {
                    collectCodes(next(lines, deadline, variant, "WSG00", log), codes);
                }
            }
        } finally {
            stop(process);
            pump.join(TimeUnit.SECONDS.toMillis(10));
        }
        // The rest of the output, the shutdown's included.
        for (String line = lines.poll(); line != null && !line.equals(END); line = lines.poll()) {
            collectCodes(line, codes);
        }
        checkWsguard(variant, codes, log);
        return new Launch(readyMillis, runMillis, uptimeMillis);
    }

    private static String next(BlockingQueue<String> lines, long deadline, Variant variant, String awaited, Path log)
            throws InterruptedException {
        String line = lines.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        if (line == null || line.equals(END)) {
            throw new IllegalStateException("the sample " + variant + ": no " + awaited + " line in time"
                    + (line == null ? "" : " (it ended)") + "; see " + log);
        }
        return line;
    }

    private static void collectCodes(String line, List<String> codes) {
        Matcher code = CODE.matcher(line);
        while (code.find()) {
            codes.add(code.group(1));
        }
    }

    /** With the starter, WSG00 once and no other code in the whole output; without it, no code at all. */
    private static void checkWsguard(Variant variant, List<String> codes, Path log) {
        boolean asExpected = variant == Variant.WITH_WSGUARD ? codes.equals(List.of("WSG00")) : codes.isEmpty();
        if (!asExpected) {
            throw new IllegalStateException("the sample " + variant + " logged wsguard's codes " + codes
                    + "; expected " + (variant == Variant.WITH_WSGUARD ? "[WSG00]" : "none") + "; see " + log);
        }
    }

    private static void pump(Process process, Path log, BlockingQueue<String> lines) {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8));
             PrintWriter out = new PrintWriter(Files.newBufferedWriter(log, StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                out.println(line);
            }
        } catch (IOException e) {
            lines.add("ERROR " + e);
        } finally {
            lines.add(END);
        }
    }

    private static void stop(Process process) throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
    }

    private static void say(String format, Object... args) {
        System.out.println("[startup] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
