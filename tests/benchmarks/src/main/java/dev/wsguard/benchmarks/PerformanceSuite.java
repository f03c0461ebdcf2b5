package dev.wsguard.benchmarks;

import dev.wsguard.benchmarks.load.LoadBench;
import dev.wsguard.benchmarks.load.LoadServer;
import dev.wsguard.benchmarks.load.LoadTarget;
import dev.wsguard.benchmarks.load.Variant;
import dev.wsguard.testkit.server.ContainerKind;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import java.util.stream.Collectors;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Every benchmark of issue 8 in one run, ending in one table of ratios (with wsguard over without) and the
 * machine it ran on: {@link FilterDecisionBenchmark} (JMH, GC profiler), {@link BootSampleStartup} (the Spring
 * Boot sample's startup with and without the starter), then {@link LoadBench} on Jetty 12.1, Tomcat 11 and
 * Spring Boot 4.0 on Tomcat 11 with the starter (issue 14). Writes the tables, with the absolute figures behind
 * them, to the file named by the first argument. The command is in the README's performance section; what each
 * figure means is in docs/performance.md.
 */
public final class PerformanceSuite {

    /** The targets. */
    static final double DECISION_NANOS_TARGET = 30;
    static final double THROUGHPUT_RATIO_TARGET = 0.99;
    static final double HANDSHAKE_RATIO_TARGET = 0.97;
    static final long HEAP_GROWTH_TARGET_BYTES = 5L * 1024 * 1024;
    /** Issue 14: what the starter may add to the sample's startup. */
    static final double STARTUP_MILLIS_TARGET = 50;

    private PerformanceSuite() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: PerformanceSuite <results.md>");
        }
        Path out = Paths.get(args[0]);
        String machine = machine();
        System.out.println("[performance] " + machine);

        Map<String, double[]> decision = Boolean.parseBoolean(System.getProperty("bench.decision", "true"))
                ? decisionBenchmark() : Map.of();
        List<LoadTarget> targets = loadTargets();
        Path logDir = out.toAbsolutePath().getParent();

        // Before this JVM is pinned: the sample's JVMs would inherit the pin, and an application starts on every core.
        BootSampleStartup.Result startup = Boolean.parseBoolean(System.getProperty("bench.startup", "true"))
                ? BootSampleStartup.measure(Paths.get(required("bench.sample.jar")), logDir,
                        BootSampleStartup.Settings.fromSystemProperties())
                : null;

        // Everything of this JVM (load clients, wrk, its own GC) on the client core; the servers get the other.
        pinThisJvm(1);
        LoadBench.Settings settings = LoadBench.Settings.fromSystemProperties();
        long ticks = clockTicksPerSecond();
        List<LoadBench.Result> load = new ArrayList<>();
        for (LoadTarget target : targets) {
            load.add(LoadBench.measure(target, logDir, settings, ticks));
        }

        String report = render(machine, settings, decision, load, startup);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, report);
        System.out.println();
        System.out.println(report);
        System.out.println("[performance] written to " + out.toAbsolutePath());
    }

    /**
     * The servers of the load benchmark, each with its class path from Maven: Jetty 12.1 and Tomcat 11
     * ({@link LoadServer}) and Spring Boot 4.0 with the starter ({@code BootLoadServer}), or those of them whose
     * labels {@code -Dbench.load.servers=} lists (comma-separated: {@code jetty-12.1}, {@code tomcat-11},
     * {@code spring-boot-4.0-tomcat}; empty for none).
     */
    static List<LoadTarget> loadTargets() {
        List<LoadTarget> all = List.of(
                LoadTarget.container(ContainerKind.JETTY_12_1, required("bench.jetty.classpath")),
                LoadTarget.container(ContainerKind.TOMCAT_11, required("bench.tomcat.classpath")),
                LoadTarget.springBoot(required("bench.boot.classpath.without-wsguard"),
                        required("bench.boot.classpath.with-wsguard")));
        String chosen = System.getProperty("bench.load.servers");
        if (chosen == null) {
            return all;
        }
        List<String> labels = Arrays.stream(chosen.split(",")).map(String::trim).filter(l -> !l.isEmpty())
                .collect(Collectors.toList());
        List<LoadTarget> targets = all.stream().filter(t -> labels.contains(t.label())).collect(Collectors.toList());
        if (targets.size() != labels.size()) {
            throw new IllegalArgumentException("bench.load.servers=" + chosen + ": known servers are "
                    + all.stream().map(LoadTarget::label).collect(Collectors.joining(", ")));
        }
        return targets;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null) {
            throw new IllegalStateException("no -D" + property + ": run through Maven (README)");
        }
        return value;
    }

    /** Runs the decision benchmark; per benchmark method: ns/op, its error, B/op. */
    private static Map<String, double[]> decisionBenchmark() throws RunnerException {
        Collection<RunResult> results = new Runner(new OptionsBuilder()
                .include("\\." + FilterDecisionBenchmark.class.getSimpleName() + "\\.")
                .addProfiler(GCProfiler.class)
                .build()).run();
        Map<String, double[]> byMethod = new LinkedHashMap<>();
        for (RunResult result : results) {
            String benchmark = result.getParams().getBenchmark();
            String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
            Result<?> primary = result.getPrimaryResult();
            Result<?> alloc = result.getSecondaryResults().get("gc.alloc.rate.norm");
            byMethod.put(method, new double[] {primary.getScore(), primary.getScoreError(),
                    alloc == null ? Double.NaN : alloc.getScore()});
        }
        return byMethod;
    }

    static String render(String machine, LoadBench.Settings settings, Map<String, double[]> decision,
                         List<LoadBench.Result> load, BootSampleStartup.Result startup) {
        StringBuilder md = new StringBuilder();
        md.append("Machine: ").append(machine).append("\n\n");
        if (!load.isEmpty()) {
            loadTable(md, settings, decision, load);
        }
        if (startup != null) {
            startupTable(md, startup);
        }
        if (!decision.isEmpty()) {
            md.append("\nFilter decision (JMH, average time, GC profiler):\n\n| benchmark | ns/op | B/op |\n|---|---|---|\n");
            decision.forEach((method, v) -> md.append(String.format(Locale.ROOT, "| %s | %.1f +- %.1f | %.1f |%n",
                    method, v[0], v[1], v[2])));
        }
        if (load.isEmpty()) {
            return md.toString();
        }
        md.append(String.format(Locale.ROOT, "%nSettings: %d rounds, each with fresh server JVMs warmed up by at"
                        + " least %d runs of each workload (more until two consecutive runs agree within 5 %%);"
                        + " %d pairs of %d s runs in all; wrk -t1 -c%d; %d handshake clients; flood with %d clients."
                        + " Servers on core %d, clients on core %d.%n",
                settings.rounds(), settings.warmupRuns(), settings.pairs(), settings.runSeconds(), settings.wrkConnections(),
                settings.handshakeConnections(), settings.floodConnections(), 0, 1));
        return md.toString();
    }

    private static void loadTable(StringBuilder md, LoadBench.Settings settings, Map<String, double[]> decision,
                                  List<LoadBench.Result> load) {
        md.append("| measurement | ").append(load.stream().map(r -> r.target().name())
                .collect(Collectors.joining(" | "))).append(" | target |\n");
        md.append("|---|").append("---|".repeat(load.size())).append("---|\n");
        row(md, "plain GET throughput, with / without (median of " + settings.pairs() + " pair ratios)", load,
                r -> ratio(r.throughputRatio()), ">= " + THROUGHPUT_RATIO_TARGET,
                load.stream().allMatch(r -> r.throughputRatio() >= THROUGHPUT_RATIO_TARGET));
        row(md, "server CPU per plain GET, with / without (median of pair ratios)", load,
                r -> ratio(r.cpuPerRequestRatio()), "reported (lower is better)", null);
        row(md, "handshakes per second, with / without (median of " + settings.pairs() + " pair ratios)", load,
                r -> ratio(r.handshakeRatio()), ">= " + HANDSHAKE_RATIO_TARGET,
                load.stream().allMatch(r -> r.handshakeRatio() >= HANDSHAKE_RATIO_TARGET));
        row(md, "server CPU per handshake, with / without", load, r -> ratio(r.cpuPerHandshakeRatio()),
                "reported (lower is better)", null);
        List<LoadBench.Result> flooded = load.stream().filter(r -> r.target().flood()).collect(Collectors.toList());
        if (!flooded.isEmpty()) {
            row(md, "flood of " + String.format(Locale.ROOT, "%,d", settings.floodUpgrades())
                            + " misrouted upgrades to distinct paths (enforce): heap growth after full GC,"
                            + " with wsguard",
                    load, flooded(r -> megabytes(r.with().floodHeapGrowthBytes()) + " (without: "
                            + megabytes(r.without().floodHeapGrowthBytes()) + ")"),
                    "<= 5 MB",
                    flooded.stream().allMatch(r -> r.with().floodHeapGrowthBytes() <= HEAP_GROWTH_TARGET_BYTES));
            row(md, "flood: wsguard log records", load,
                    flooded(r -> String.format(Locale.ROOT, "%,d (bound %,d)", r.with().floodLogLines(),
                            r.floodLogLineBound())),
                    "<= key cap + summaries",
                    flooded.stream().allMatch(r -> r.with().floodLogLines() <= r.floodLogLineBound()));
            row(md, "flood: p99 of plain GETs during it, with / without", load, flooded(r -> ratio(r.floodP99Ratio())),
                    "reported", null);
        }
        if (!decision.isEmpty()) {
            double[] with = decision.get("plainGetWithFilter");
            double[] lookups = decision.get("headerLookupsOnly");
            double[] without = decision.get("plainGetWithoutFilter");
            // The target is on the whole decision, the container's look-ups included; wsguard's own part is
            // what remains after the look-ups and the chain call, with the errors of all three.
            double own = with[0] - lookups[0] - without[0];
            double ownError = Math.sqrt(with[1] * with[1] + lookups[1] * lookups[1] + without[1] * without[1]);
            md.append(String.format(Locale.ROOT, "| filter decision on a plain GET (JMH, on a request double, so"
                            + " for any container) | %.1f ns, %.1f B/op, of which the 3 header look-ups %.1f ns and"
                            + " wsguard's own code %.1f +- %.1f ns | %s| <= %.0f ns, 0 B/op %s |%n",
                    with[0], with[2], lookups[0], own, ownError, "(same code) | ".repeat(load.size() - 1),
                    DECISION_NANOS_TARGET, mark(with[0] <= DECISION_NANOS_TARGET && with[2] < 1)));
        }
        md.append("\nWith wsguard: ").append(load.stream().map(r -> r.target().name() + ", " + r.target().wsguard())
                .collect(Collectors.joining("; "))).append(".\n");

        md.append("\nAbsolute medians (without -> with wsguard):\n\n");
        md.append("| figure | ").append(load.stream().map(r -> r.target().name())
                .collect(Collectors.joining(" | "))).append(" |\n");
        md.append("|---|").append("---|".repeat(load.size())).append('\n');
        absolute(md, "plain GETs per second", load, f -> String.format(Locale.ROOT, "%,.0f",
                f.requestsPerSecond()));
        absolute(md, "server CPU per plain GET", load, f -> String.format(Locale.ROOT, "%.1f us",
                f.cpuMicrosPerRequest()));
        absolute(md, "handshakes per second", load, f -> String.format(Locale.ROOT, "%,.0f",
                f.handshakesPerSecond()));
        absolute(md, "server CPU per handshake", load, f -> String.format(Locale.ROOT, "%.0f us",
                f.cpuMicrosPerHandshake()));
        if (!flooded.isEmpty()) {
            floodAbsolute(md, "flood duration", load, f -> String.format(Locale.ROOT, "%.1f s", f.floodSeconds()));
            floodAbsolute(md, "flood answers by status", load, LoadBench.Figures::floodStatuses);
            floodAbsolute(md, "server threads added by the flood (after a one-path warm-up)", load,
                    f -> String.format(Locale.ROOT, "%+d", f.floodThreadGrowth()));
            floodAbsolute(md, "p99 of plain GETs during the flood", load, f -> String.format(Locale.ROOT, "%.2f ms",
                    f.floodP99Millis()));
            floodAbsolute(md, "wsguard log records since start, by code", load, LoadBench.Figures::floodLogCodes);
        }
    }

    /** The Spring Boot sample's startup: medians without and with the starter, their difference, the range. */
    private static void startupTable(StringBuilder md, BootSampleStartup.Result startup) {
        int runs = startup.launches().get(Variant.WITH_WSGUARD).size();
        md.append(String.format(Locale.ROOT, "%nStartup of the Spring Boot sample (%s; %d fresh JVMs of each,"
                + " alternating, after one discarded launch of each%s):%n%n", startup.versions(), runs,
                startup.arguments().isEmpty() ? "" : "; arguments " + String.join(" ", startup.arguments())));
        md.append("| figure | without the starter (median, range) | with the starter (median, range) | difference of"
                + " the medians | target |\n|---|---|---|---|---|\n");
        double readyDifference = startupRow(md, startup, "launch to ready (the demo's banner, printed once"
                + " SpringApplication.run returned), by the launcher's clock", BootSampleStartup.Launch::readyMillis);
        md.append(String.format(Locale.ROOT, " <= +%.0f ms %s |%n", STARTUP_MILLIS_TARGET,
                mark(readyDifference <= STARTUP_MILLIS_TARGET)));
        startupRow(md, startup, "JVM uptime at Boot's \"Started BootDemo\" line (\"process running for\")",
                BootSampleStartup.Launch::uptimeMillis);
        md.append(" reported |\n");
        startupRow(md, startup, "Boot's \"Started BootDemo in\" (SpringApplication.run up to that line)",
                BootSampleStartup.Launch::runMillis);
        md.append(" reported |\n");
    }

    private static double startupRow(StringBuilder md, BootSampleStartup.Result startup, String label,
                                     ToDoubleFunction<BootSampleStartup.Launch> figure) {
        double without = startup.median(Variant.WITHOUT_WSGUARD, figure);
        double with = startup.median(Variant.WITH_WSGUARD, figure);
        md.append(String.format(Locale.ROOT, "| %s | %,.0f ms (%,.0f-%,.0f) | %,.0f ms (%,.0f-%,.0f) | %+,.0f ms |",
                label, without, startup.min(Variant.WITHOUT_WSGUARD, figure),
                startup.max(Variant.WITHOUT_WSGUARD, figure),
                with, startup.min(Variant.WITH_WSGUARD, figure), startup.max(Variant.WITH_WSGUARD, figure),
                with - without));
        return with - without;
    }

    /** A flood figure's cell, or "not run" for a server the flood does not run on. */
    private static Cell flooded(Cell cell) {
        return r -> r.target().flood() ? cell.of(r) : "not run";
    }

    private interface Cell {
        String of(LoadBench.Result result);
    }

    private static void row(StringBuilder md, String label, List<LoadBench.Result> load, Cell cell, String target,
                            Boolean met) {
        md.append("| ").append(label).append(" | ");
        md.append(load.stream().map(cell::of).collect(Collectors.joining(" | ")));
        md.append(" | ").append(target).append(met == null ? "" : " " + mark(met)).append(" |\n");
    }

    private interface FigureCell {
        String of(LoadBench.Figures figures);
    }

    private static void absolute(StringBuilder md, String label, List<LoadBench.Result> load, FigureCell cell) {
        absolute(md, label, load, cell, false);
    }

    /** A flood figure's row: "not run" for a server the flood does not run on. */
    private static void floodAbsolute(StringBuilder md, String label, List<LoadBench.Result> load, FigureCell cell) {
        absolute(md, label, load, cell, true);
    }

    private static void absolute(StringBuilder md, String label, List<LoadBench.Result> load, FigureCell cell,
                                 boolean floodFigure) {
        md.append("| ").append(label).append(" | ");
        md.append(load.stream().map(r -> floodFigure && !r.target().flood() ? "not run"
                : cell.of(r.figures().get(Variant.WITHOUT_WSGUARD)) + " -> "
                + cell.of(r.figures().get(Variant.WITH_WSGUARD))).collect(Collectors.joining(" | ")));
        md.append(" |\n");
    }

    private static String mark(boolean met) {
        return met ? "(met)" : "(**missed**)";
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    private static String megabytes(long bytes) {
        return String.format(Locale.ROOT, "%+.2f MB", bytes / (1024.0 * 1024.0));
    }

    /** Cores, CPU model, kernel and JVM: what the figures depend on. */
    static String machine() throws IOException {
        String model = "unknown CPU";
        Path cpuinfo = Paths.get("/proc/cpuinfo");
        if (Files.isReadable(cpuinfo)) {
            model = Files.readAllLines(cpuinfo).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse(model);
        }
        return String.format(Locale.ROOT, "%d cores (%s), %s %s, %s %s (%s), %s",
                Runtime.getRuntime().availableProcessors(), model, System.getProperty("os.name"),
                System.getProperty("os.version"), System.getProperty("java.vm.name"),
                System.getProperty("java.vm.version"), System.getProperty("java.vendor"), LoadBench.wrkVersion());
    }

    private static long clockTicksPerSecond() {
        String out = run("getconf", "CLK_TCK").trim();
        return out.matches("\\d+") ? Long.parseLong(out) : 100;
    }

    /** Pins every thread of this JVM (and what it starts later) to {@code core}. */
    private static void pinThisJvm(int core) {
        String out = run("taskset", "-a", "-p", "-c", Integer.toString(core),
                Long.toString(ProcessHandle.current().pid()));
        if (!out.contains("new affinity list")) {
            throw new IllegalStateException("taskset could not pin the benchmark to core " + core + ": " + out);
        }
    }

    private static String run(String... command) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
            return out;
        } catch (IOException e) {
            throw new IllegalStateException(command[0] + " is not available: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
