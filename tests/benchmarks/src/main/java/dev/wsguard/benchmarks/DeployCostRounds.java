package dev.wsguard.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * What wsguard adds to the first deployment in a fresh JVM, side by side: {@link DeployScanBenchmark}, one JVM per
 * deployment (one fork, no warm-up, one measured {@code Server.start()}), with and without wsguard alternating within
 * each round, the order flipped every other round, for each cell (a WAR and an MBean-server setting) in turn. JMH alone
 * runs every fork of one variant before the other's, so on a shared machine whose load drifts (other builds on a 2-core
 * VM) the drift would pass for a difference between them; here it falls on both alike.
 *
 * <p>Arguments: the cells ({@code war/mbeanServer}, comma-separated: {@code library-jars/jetty,generated/none}), the
 * rounds, the forks' JVM arguments (one string), and the Markdown file the summary is written to. Prints one line per
 * deployment as it goes. With {@code -Dbench.deploy.quiet=0.3}, a round starts only once the whole machine's CPU load
 * has stayed below 30% for {@link #QUIET_SECONDS} seconds in a row (at most {@link #QUIET_WAIT_MINUTES} minutes of
 * waiting, then it starts anyway and the summary says how many did): on a machine shared with other builds, a round
 * then starts when they pause, and both variants of it meet the same machine.
 *
 * <p>{@code -Dbench.deploy.variants=} names the variants compared with the one without wsguard (comma-separated, default
 * {@code with-wsguard}); {@code wsguard-jar-only,with-wsguard} adds wsguard's jar alone ({@link
 * DeployScanBenchmark#JAR_ONLY}), which splits the difference into what the jar costs Jetty and what wsguard's code
 * adds. Each round then runs every variant once, the order rotated from round to round.
 */
public final class DeployCostRounds {

    static final String WITHOUT = DeployScanBenchmark.WITHOUT;
    static final String WITH = DeployScanBenchmark.WITH;
    private static final Pattern SCAN_MS = Pattern.compile("scanned in (\\d+) ms");
    private static final int RESAMPLES = 10_000;
    static final int QUIET_SECONDS = 3;
    static final int QUIET_WAIT_MINUTES = 10;

    private DeployCostRounds() {
    }

    /** One WAR with one MBean-server setting, and what its deployments measured. */
    static final class Cell {
        final String war;
        final String mbeanServer;
        final Map<String, List<Double>> millis = new LinkedHashMap<>();
        final List<Integer> scanMillis = new ArrayList<>();
        /** Per variant compared, per round: it minus without, two deployments of one round. */
        final Map<String, List<Double>> paired = new LinkedHashMap<>();

        Cell(String spec, List<String> compared) {
            String[] p = spec.trim().split("/");
            if (p.length != 2) {
                throw new IllegalArgumentException("a cell is war/mbeanServer, e.g. library-jars/jetty: " + spec);
            }
            war = p[0];
            mbeanServer = p[1];
            millis.put(WITHOUT, new ArrayList<>());
            for (String variant : compared) {
                millis.put(variant, new ArrayList<>());
                paired.put(variant, new ArrayList<>());
            }
        }

        @Override
        public String toString() {
            return war + "/" + mbeanServer;
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            throw new IllegalArgumentException("arguments: cells rounds jvmArgs summaryFile");
        }
        List<String> compared = new ArrayList<>();
        for (String v : System.getProperty("bench.deploy.variants", WITH).split(",")) {
            if (!v.isBlank() && !compared.contains(v.trim()) && !v.trim().equals(WITHOUT)) {
                compared.add(v.trim());
            }
        }
        if (compared.isEmpty()) {
            throw new IllegalArgumentException("bench.deploy.variants names no variant to compare with " + WITHOUT);
        }
        List<String> variants = new ArrayList<>();
        variants.add(WITHOUT);
        variants.addAll(compared);
        List<Cell> cells = new ArrayList<>();
        for (String spec : args[0].split(",")) {
            cells.add(new Cell(spec, compared));
        }
        int rounds = Integer.parseInt(args[1].trim());
        Path summary = Paths.get(args[3]);
        String forkArgs = args[2].trim();
        if (compared.contains(DeployScanBenchmark.JAR_ONLY)) {
            forkArgs += " -D" + DeployScanBenchmark.INERT_JAR + "=" + inertJar(forkArgs, summary);
        }
        String[] jvmArgs = forkArgs.split("\\s+");
        double quiet = Double.parseDouble(System.getProperty("bench.deploy.quiet", "0"));
        int notQuiet = 0;
        Instant start = Instant.now();
        for (int round = 1; round <= rounds; round++) {
            if (quiet > 0 && !awaitQuiet(quiet)) {
                notQuiet++;
            }
            for (Cell cell : cells) {
                // Rotated: every variant takes every place in turn (two variants: they alternate).
                List<String> order = new ArrayList<>(variants);
                Collections.rotate(order, -((round - 1) % variants.size()));
                Map<String, Double> thisRound = new LinkedHashMap<>();
                for (String variant : order) {
                    double ms = deploy(cell, variant, jvmArgs);
                    cell.millis.get(variant).add(ms);
                    thisRound.put(variant, ms);
                    System.out.printf(Locale.ROOT, "round %d/%d  %-24s %-16s %8.1f ms  (load %.2f)%n", round, rounds,
                            cell, variant, ms, loadAverage());
                }
                for (String variant : compared) {
                    cell.paired.get(variant).add(thisRound.get(variant) - thisRound.get(WITHOUT));
                }
            }
        }
        String text = summarize(cells, rounds, start, forkArgs)
                + (quiet > 0 ? String.format(Locale.ROOT, "%nEach round started once the machine's CPU load had stayed"
                + " below %.0f%% for %d s (%d of %d rounds started after %d minutes without).%n", quiet * 100,
                QUIET_SECONDS, notQuiet, rounds, QUIET_WAIT_MINUTES) : "");
        System.out.println();
        System.out.println(text);
        Files.createDirectories(summary.toAbsolutePath().getParent());
        Files.writeString(summary, text, StandardCharsets.UTF_8);
    }

    /** One fresh JVM, one deployment: its time in milliseconds. */
    private static double deploy(Cell cell, String variant, String[] jvmArgs) throws RunnerException {
        Options options = new OptionsBuilder()
                .include(Pattern.quote(DeployScanBenchmark.class.getName()) + "\\.deploy$")
                .param("variant", variant)
                .param("war", cell.war)
                .param("mbeanServer", cell.mbeanServer)
                .forks(1)
                .warmupIterations(0)
                .measurementIterations(1)
                .jvmArgs(jvmArgs)
                .shouldFailOnError(true)
                .build();
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(captured, true, StandardCharsets.UTF_8);
        PrintStream console = System.out;
        Collection<RunResult> results;
        // JMH prints what the fork prints (its WSG00 line) on System.out: kept with the rest, shown on failure.
        System.setOut(out);
        try {
            results = new Runner(options, OutputFormatFactory.createFormatInstance(out, VerboseMode.NORMAL)).run();
        } catch (RunnerException | RuntimeException e) {
            console.println(captured.toString(StandardCharsets.UTF_8));
            throw e;
        } finally {
            System.setOut(console);
        }
        if (results.size() != 1) {
            System.out.println(captured.toString(StandardCharsets.UTF_8));
            throw new IllegalStateException(cell + " " + variant + ": expected one result, got " + results.size());
        }
        if (variant.equals(WITH)) {
            // The benchmark prints wsguard's WSG00 (its own account of the scan on its own thread) once per fork.
            Matcher m = SCAN_MS.matcher(captured.toString(StandardCharsets.UTF_8));
            if (m.find()) {
                cell.scanMillis.add(Integer.parseInt(m.group(1)));
            }
        }
        return results.iterator().next().getPrimaryResult().getScore();
    }

    /**
     * wsguard's jar less its initializer, written once here next to the summary, so the measured JVMs of every variant
     * only copy a jar (making it in the fork would warm up there what the others meet cold).
     */
    private static Path inertJar(String forkArgs, Path summary) throws IOException {
        String prefix = "-D" + DeployScanBenchmark.GUARD_JAR + "=";
        for (String arg : forkArgs.split("\\s+")) {
            if (arg.startsWith(prefix)) {
                Path dir = Files.createDirectories(summary.toAbsolutePath().getParent());
                Path inert = dir.resolve("wsguard-filter-inert.jar");
                Files.deleteIfExists(inert);
                BenchWar.writeInert(Paths.get(arg.substring(prefix.length())), inert);
                return inert;
            }
        }
        throw new IllegalArgumentException("the fork arguments name no " + prefix + " to make the inert jar from");
    }

    static String summarize(List<Cell> cells, int rounds, Instant start, String jvmArgs) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(Locale.ROOT, "First deployment in a fresh JVM, Jetty 12.1 (ee10, annotations, WebSocket"
                + " on): %d rounds, each one JVM without wsguard and one of each variant, in rotating order; %s to %s;"
                + " fork JVM arguments: %s%n%n", rounds, start, Instant.now(), jvmArgs));
        b.append("| WAR | MBean server | variant | JVMs (without + variant) | without: median (range)"
                + " | variant: median (range) | ratio | difference of the medians (95% bootstrap interval)"
                + " | median of the paired differences | 10% trimmed mean of the paired differences (standard error)"
                + " | wsguard's scan, on its thread (range) |\n");
        b.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (Cell c : cells) {
            double[] without = toArray(c.millis.get(WITHOUT));
            double mw = median(without);
            for (Map.Entry<String, List<Double>> e : c.paired.entrySet()) {
                double[] with = toArray(c.millis.get(e.getKey()));
                double mg = median(with);
                double[] interval = bootstrapDifference(without, with, new Random(17));
                double[] paired = toArray(e.getValue());
                double[] trimmed = trimmedMean(paired);
                b.append(String.format(Locale.ROOT, "| %s | %s | %s | %d + %d | %.1f ms (%.0f-%.0f) | %.1f ms (%.0f-%.0f)"
                        + " | %.3f | %+.1f ms (%+.0f to %+.0f) | %+.1f ms | %+.1f ms (%.1f) | %s |%n", c.war,
                        c.mbeanServer, e.getKey(), without.length, with.length, mw, min(without), max(without), mg,
                        min(with), max(with), mg / mw, mg - mw, interval[0], interval[1], median(paired), trimmed[0],
                        trimmed[1], e.getKey().equals(WITH) ? scanRange(c.scanMillis) : ""));
            }
        }
        return b.toString();
    }

    private static String scanRange(List<Integer> ms) {
        if (ms.isEmpty()) {
            return "";
        }
        return ms.stream().mapToInt(Integer::intValue).min().getAsInt() + "-"
                + ms.stream().mapToInt(Integer::intValue).max().getAsInt() + " ms";
    }

    /** The 2.5th and 97.5th percentiles of the difference of the medians, each variant resampled on its own. */
    static double[] bootstrapDifference(double[] without, double[] with, Random random) {
        double[] diffs = new double[RESAMPLES];
        double[] a = new double[without.length];
        double[] b = new double[with.length];
        for (int r = 0; r < RESAMPLES; r++) {
            for (int i = 0; i < a.length; i++) {
                a[i] = without[random.nextInt(without.length)];
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = with[random.nextInt(with.length)];
            }
            diffs[r] = median(b) - median(a);
        }
        Arrays.sort(diffs);
        return new double[] {diffs[(int) (RESAMPLES * 0.025)], diffs[(int) (RESAMPLES * 0.975) - 1]};
    }

    /**
     * The 10% trimmed mean of the values (the lowest and highest tenth left out: single cold deployments on a shared
     * machine have long tails) and its standard error (Tukey-McLaughlin: the winsorized standard deviation over
     * 0.8 times the square root of n); NaN for fewer than two values.
     */
    static double[] trimmedMean(double[] values) {
        int n = values.length;
        if (n < 2) {
            return new double[] {Double.NaN, Double.NaN};
        }
        double[] v = values.clone();
        Arrays.sort(v);
        int k = (int) (n * 0.1);
        double sum = 0;
        for (int i = k; i < n - k; i++) {
            sum += v[i];
        }
        double mean = sum / (n - 2 * k);
        double[] w = new double[n];
        for (int i = 0; i < n; i++) {
            w[i] = Math.min(Math.max(v[i], v[k]), v[n - k - 1]);
        }
        double wMean = Arrays.stream(w).average().orElse(Double.NaN);
        double ss = 0;
        for (double x : w) {
            ss += (x - wMean) * (x - wMean);
        }
        double winsorizedSd = Math.sqrt(ss / (n - 1));
        return new double[] {mean, winsorizedSd / (0.8 * Math.sqrt(n))};
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }

    private static double[] toArray(List<Double> list) {
        return list.stream().mapToDouble(Double::doubleValue).toArray();
    }

    /**
     * Waits until the whole machine's CPU load, read once a second, has stayed below {@code below} (0 to 1)
     * {@link #QUIET_SECONDS} times in a row; false if that took longer than {@link #QUIET_WAIT_MINUTES}.
     */
    private static boolean awaitQuiet(double below) throws InterruptedException {
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long end = System.nanoTime() + TimeUnit.MINUTES.toNanos(QUIET_WAIT_MINUTES);
        int quietSeconds = 0;
        os.getCpuLoad();
        while (quietSeconds < QUIET_SECONDS) {
            if (System.nanoTime() > end) {
                return false;
            }
            Thread.sleep(1000);
            double load = os.getCpuLoad();
            quietSeconds = load >= 0 && load < below ? quietSeconds + 1 : 0;
        }
        return true;
    }

    /** The one-minute load average (this JVM's, not a measured one's), for the log: how busy the machine was. */
    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }
}
