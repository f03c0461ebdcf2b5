package dev.wsguard.benchmarks.load;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The load benchmarks on one server, the two variants side by side: two JVMs of a {@link LoadTarget} (the same
 * app without wsguard and with it: {@link LoadServer}'s on a container with wsguard in enforce mode, or
 * {@link BootLoadServer}'s with the Spring Boot starter in its default log mode) pinned to {@link #SERVER_CORE},
 * driven from {@link #CLIENT_CORE}, alternated run by run.
 *
 * <ul>
 *   <li>throughput: {@code wrk} on a plain GET, {@link Settings#pairs} pairs of short runs over
 *       {@link Settings#rounds} rounds of fresh server JVMs, each pair's
 *       ratio with/without, and the server's CPU time per request around each run;</li>
 *   <li>handshakes: valid upgrades to {@code /app/echo} per second, each opened, echoing one frame and
 *       closed, by {@link Settings#handshakeConnections} clients at once, in pairs as above;</li>
 *   <li>flood (where the target floods): {@link Settings#floodUpgrades} valid upgrades to random paths (each
 *       a misrouted WebSocket that wsguard refuses with 400), with {@code wrk} slices measuring plain GETs meanwhile; heap after
 *       full collections and wsguard's log records before and after.</li>
 * </ul>
 */
public final class LoadBench {

    static final int SERVER_CORE = 0;
    static final int CLIENT_CORE = 1;
    private static final String PLAIN_TARGET = "/app/hello";
    private static final String ENDPOINT_TARGET = "/app/echo";
    /** One misrouted path, one log key: the flood's warm-up. */
    private static final String FLOOD_WARMUP_TARGET = "/app/ws-warm-up";
    /** Warm-up ends when two consecutive runs of each workload differ by less than this fraction. */
    private static final double SETTLED = 0.05;
    private static final int MAX_WARMUP_RUNS = 25;
    private static final int FLOOD_SLICE_SECONDS = 2;
    private static final int FLOOD_MAX_SLICES = 120;
    private static final long FLOOD_MAX_MILLIS = 240_000;
    /** wsguard's defaults: whole lines for at most 1024 (code, path) keys per window, one overflow line per code. */
    private static final int KEY_CAP = 1024;
    private static final int LOG_WINDOW_SECONDS = 60;

    private LoadBench() {
    }

    /** How much to run; the defaults are what docs/performance.md reports. */
    public record Settings(int rounds, int pairs, int runSeconds, int warmupRuns, int wrkConnections,
                           int handshakeConnections, long floodUpgrades, int floodConnections) {

        public static Settings fromSystemProperties() {
            return new Settings(
                    Integer.getInteger("bench.load.rounds", 2),
                    Integer.getInteger("bench.load.pairs", 20),
                    Integer.getInteger("bench.load.seconds", 2),
                    Integer.getInteger("bench.load.warmups", 5),
                    Integer.getInteger("bench.load.connections", 32),
                    Integer.getInteger("bench.handshake.connections", 16),
                    Long.getLong("bench.flood.upgrades", 100_000),
                    Integer.getInteger("bench.flood.connections", 16));
        }
    }

    /** One variant's medians. */
    public record Figures(double requestsPerSecond, double cpuMicrosPerRequest, double handshakesPerSecond,
                          double cpuMicrosPerHandshake, double floodP99Millis, double floodSeconds,
                          long floodHeapGrowthBytes, int floodThreadGrowth, long floodLogLines, String floodStatuses,
                          String floodLogCodes) {
    }

    /** Everything measured on one server; the flood's figures are NaN, 0 or empty where it did not run. */
    public record Result(LoadTarget target, Map<Variant, Figures> figures, double throughputRatio,
                         double cpuPerRequestRatio, double handshakeRatio, double cpuPerHandshakeRatio,
                         double floodP99Ratio, long floodLogLineBound, List<Double> throughputPairRatios,
                         List<Double> handshakePairRatios) {

        public Figures with() {
            return figures.get(Variant.WITH_WSGUARD);
        }

        public Figures without() {
            return figures.get(Variant.WITHOUT_WSGUARD);
        }
    }

    /**
     * Runs everything on {@code target}; the servers' logs go to {@code logDir}. The pairs are spread over
     * {@link Settings#rounds} rounds, each with a fresh pair of server JVMs started in alternating order:
     * two JVMs of the same code differ by a few percent in how the JIT laid them out, and only new JVMs
     * average that out (as JMH's forks do). The flood runs on the last round's servers, if the target floods.
     * Before any pair, each server must show that wsguard ran (with) or did not (without): {@link #checkWsguard}.
     */
    public static Result measure(LoadTarget target, Path logDir, Settings settings, long clockTicksPerSecond)
            throws IOException, InterruptedException {
        Wrk wrk = new Wrk(CLIENT_CORE, settings.wrkConnections());
        Map<Variant, List<double[]>> throughput = new EnumMap<>(Variant.class);
        Map<Variant, List<double[]>> handshakes = new EnumMap<>(Variant.class);
        List<Double> throughputRatios = new ArrayList<>();
        List<Double> cpuRatios = new ArrayList<>();
        List<Double> handshakeRatios = new ArrayList<>();
        List<Double> cpuHandshakeRatios = new ArrayList<>();
        int pair = 0;
        for (int round = 0; round < settings.rounds(); round++) {
            Map<Variant, ServerProcess> servers = new EnumMap<>(Variant.class);
            try {
                for (Variant variant : order(round)) {
                    servers.put(variant, ServerProcess.start(target, variant, SERVER_CORE,
                            logDir.resolve("load-server-" + target.label() + "-" + variant.label() + "-round"
                                    + (round + 1) + ".log")));
                }
                say("%s round %d/%d: servers up (%s on port %d, %s on port %d)", target.name(), round + 1,
                        settings.rounds(), Variant.WITHOUT_WSGUARD, servers.get(Variant.WITHOUT_WSGUARD).port(),
                        Variant.WITH_WSGUARD, servers.get(Variant.WITH_WSGUARD).port());
                for (Map.Entry<Variant, ServerProcess> server : servers.entrySet()) {
                    int runs = warmUp(server.getValue(), wrk, settings);
                    say("%s warmed up in %d runs of each workload; %s", server.getValue().name(), runs,
                            checkWsguard(server.getValue(), server.getKey()));
                }
                int pairsThisRound = (settings.pairs() - pair) / (settings.rounds() - round);
                for (int p = 0; p < pairsThisRound; p++, pair++) {
                    Map<Variant, double[]> plain = new EnumMap<>(Variant.class);
                    Map<Variant, double[]> upgrades = new EnumMap<>(Variant.class);
                    // Alternate which variant goes first, so drift over a pair favours neither.
                    for (Variant variant : order(pair)) {
                        ServerProcess server = servers.get(variant);
                        long before = server.cpuTicks();
                        Wrk.Run run = wrk.run(plainUrl(server), settings.runSeconds());
                        long ticks = server.cpuTicks() - before;
                        plain.put(variant, new double[] {run.perSecond(),
                                micros(ticks, clockTicksPerSecond) / run.requests()});
                    }
                    for (Variant variant : order(pair)) {
                        ServerProcess server = servers.get(variant);
                        long before = server.cpuTicks();
                        ConnectionLoad.Outcome outcome = handshakes(server, settings.handshakeConnections(),
                                settings.runSeconds());
                        long ticks = server.cpuTicks() - before;
                        upgrades.put(variant, new double[] {outcome.count(101) / outcome.seconds(),
                                micros(ticks, clockTicksPerSecond) / outcome.count(101)});
                    }
                    plain.forEach((variant, v) -> throughput.computeIfAbsent(variant, x -> new ArrayList<>()).add(v));
                    upgrades.forEach((variant, v) -> handshakes.computeIfAbsent(variant, x -> new ArrayList<>()).add(v));
                    throughputRatios.add(ratio(plain, 0));
                    cpuRatios.add(ratio(plain, 1));
                    handshakeRatios.add(ratio(upgrades, 0));
                    cpuHandshakeRatios.add(ratio(upgrades, 1));
                    say("%s pair %d/%d: GET/s %.0f vs %.0f (ratio %.3f, CPU ratio %.3f); handshakes/s %.0f vs %.0f"
                                    + " (ratio %.3f)", target.name(), pair + 1, settings.pairs(),
                            plain.get(Variant.WITH_WSGUARD)[0], plain.get(Variant.WITHOUT_WSGUARD)[0],
                            ratio(plain, 0), ratio(plain, 1), upgrades.get(Variant.WITH_WSGUARD)[0],
                            upgrades.get(Variant.WITHOUT_WSGUARD)[0], ratio(upgrades, 0));
                }
                // The pairs' traffic, wsguard's included, logged nothing more than at the start.
                for (Map.Entry<Variant, ServerProcess> server : servers.entrySet()) {
                    checkWsguard(server.getValue(), server.getKey());
                }
                if (round < settings.rounds() - 1) {
                    continue;
                }
                Map<Variant, Figures> figures = new EnumMap<>(Variant.class);
                long lineBound = 0;
                for (Variant variant : Variant.values()) {
                    if (!target.flood()) {
                        figures.put(variant, new Figures(
                                median(column(throughput.get(variant), 0)), median(column(throughput.get(variant), 1)),
                                median(column(handshakes.get(variant), 0)), median(column(handshakes.get(variant), 1)),
                                Double.NaN, Double.NaN, 0, 0, 0, "", ""));
                        continue;
                    }
                    Flood flood = flood(servers.get(variant), wrk, settings);
                    // Per window: one whole line per key up to the cap, one overflow line per code, and as many
                    // summaries; the flood's random paths are each a new key.
                    long windows = (long) Math.floor(flood.outcome.seconds() / LOG_WINDOW_SECONDS) + 1;
                    lineBound = Math.max(lineBound, windows * 2L * (KEY_CAP + 1));
                    figures.put(variant, new Figures(
                            median(column(throughput.get(variant), 0)), median(column(throughput.get(variant), 1)),
                            median(column(handshakes.get(variant), 0)), median(column(handshakes.get(variant), 1)),
                            median(flood.p99s), flood.outcome.seconds(), flood.heapGrowth, flood.threadGrowth,
                            flood.lines, flood.outcome.statuses().toString(), flood.codes));
                    say("%s %s flood: %d upgrades in %.1f s, answers %s, heap growth %d bytes, threads %+d,"
                                    + " wsguard lines %d (%s), p99 of plain GETs meanwhile %.2f ms", target.name(),
                            variant, flood.outcome.answered(), flood.outcome.seconds(), flood.outcome.statuses(),
                            flood.heapGrowth, flood.threadGrowth, flood.lines, flood.codes, median(flood.p99s));
                }
                return new Result(target, figures, median(throughputRatios), median(cpuRatios),
                        median(handshakeRatios), median(cpuHandshakeRatios),
                        figures.get(Variant.WITH_WSGUARD).floodP99Millis()
                                / figures.get(Variant.WITHOUT_WSGUARD).floodP99Millis(),
                        lineBound, throughputRatios, handshakeRatios);
            } finally {
                servers.values().forEach(ServerProcess::close);
            }
        }
        throw new IllegalArgumentException("bench.load.rounds must be at least 1");
    }

    /**
     * Runs both workloads on a fresh server until the JIT has settled: at least {@link Settings#warmupRuns}
     * runs of each, then until two consecutive runs of each differ by less than {@link #SETTLED}, at most
     * {@link #MAX_WARMUP_RUNS}. Jetty's upgrade path needs about 40 s of handshakes; Tomcat's far less.
     * Returns the runs made.
     */
    private static int warmUp(ServerProcess server, Wrk wrk, Settings settings)
            throws IOException, InterruptedException {
        double lastGets = 0;
        double lastHandshakes = 0;
        for (int run = 1; run <= MAX_WARMUP_RUNS; run++) {
            double gets = wrk.run(plainUrl(server), settings.runSeconds()).perSecond();
            ConnectionLoad.Outcome outcome = handshakes(server, settings.handshakeConnections(), settings.runSeconds());
            double handshakes = outcome.count(101) / outcome.seconds();
            boolean settled = Math.abs(gets / lastGets - 1) < SETTLED
                    && Math.abs(handshakes / lastHandshakes - 1) < SETTLED;
            if (run >= settings.warmupRuns() && settled) {
                return run;
            }
            lastGets = gets;
            lastHandshakes = handshakes;
        }
        return MAX_WARMUP_RUNS;
    }

    /**
     * Fails unless wsguard ran in the with-wsguard server and not in the other, as seen from inside (the
     * server's count of records on wsguard's logger) and in the server's log: with wsguard, exactly one record,
     * its {@code WSG00}, and one {@code WSG00} line in the log (the load's plain GETs and valid handshakes
     * make wsguard log nothing); without, no record and no such line. Returns what it saw, for the progress
     * lines. A run where wsguard did not run, or ran where it should not, ends here instead of giving a figure.
     */
    static String checkWsguard(ServerProcess server, Variant variant) throws IOException, InterruptedException {
        String[] lines = server.wsguardLines();
        long startLinesInLog;
        // Latin-1: never malformed, and the code searched for is ASCII.
        try (Stream<String> log = Files.lines(server.log(), StandardCharsets.ISO_8859_1)) {
            startLinesInLog = log.filter(line -> line.contains("WSG00 ")).count();
        } catch (UncheckedIOException e) {
            throw new IOException(server.name() + ": cannot read its log " + server.log(), e.getCause());
        }
        boolean ran = variant == Variant.WITH_WSGUARD;
        boolean asExpected = ran
                ? lines[0].equals("1") && lines[1].equals("WSG00=1") && startLinesInLog == 1
                : lines[0].equals("0") && startLinesInLog == 0;
        String seen = String.format(Locale.ROOT, "wsguard's records %s (%s), WSG00 lines in %s: %d", lines[0], lines[1],
                server.log().getFileName(), startLinesInLog);
        if (!asExpected) {
            throw new IllegalStateException(server.name() + ": wsguard " + (ran ? "did not run as expected" : "ran")
                    + ": " + seen);
        }
        return seen;
    }

    /** The wrk the load runs use, for the report. */
    public static String wrkVersion() {
        return Wrk.version();
    }

    private static List<Variant> order(int pair) {
        return pair % 2 == 0 ? List.of(Variant.WITHOUT_WSGUARD, Variant.WITH_WSGUARD)
                : List.of(Variant.WITH_WSGUARD, Variant.WITHOUT_WSGUARD);
    }

    private static String plainUrl(ServerProcess server) {
        return "http://127.0.0.1:" + server.port() + PLAIN_TARGET;
    }

    /** with / without, of one column. */
    private static double ratio(Map<Variant, double[]> pair, int column) {
        return pair.get(Variant.WITH_WSGUARD)[column] / pair.get(Variant.WITHOUT_WSGUARD)[column];
    }

    private static double micros(long ticks, long ticksPerSecond) {
        return ticks * 1e6 / ticksPerSecond;
    }

    /** Valid upgrades to the echo endpoint for {@code seconds}; every one must succeed. */
    private static ConnectionLoad.Outcome handshakes(ServerProcess server, int connections, int seconds)
            throws InterruptedException {
        ConnectionLoad.Outcome outcome = ConnectionLoad.run(server.port(), connections, Long.MAX_VALUE,
                seconds * 1000L, (port, n) -> {
                    try (RawResponse upgrade = RawHttp.exchange(port, RawRequest.validUpgrade(ENDPOINT_TARGET), true)) {
                        if (upgrade.status() != 101) {
                            throw new IllegalStateException("handshake answered " + upgrade.statusLine());
                        }
                        WebSocketFrames.sendText(upgrade.upgradedOutput(), "hello");
                        String echoed = WebSocketFrames.read(upgrade.upgradedInput()).text();
                        if (!"hello".equals(echoed)) {
                            throw new IllegalStateException("echo differs: " + echoed);
                        }
                        WebSocketFrames.sendClose(upgrade.upgradedOutput(), 1000);
                        WebSocketFrames.read(upgrade.upgradedInput());
                        return upgrade.status();
                    }
                });
        if (outcome.failures() > 0 || outcome.answered() != outcome.count(101) || outcome.count(101) == 0) {
            throw new IllegalStateException(server.name() + ": handshakes failed: " + outcome);
        }
        return outcome;
    }

    private record Flood(ConnectionLoad.Outcome outcome, List<Double> p99s, long heapGrowth, int threadGrowth,
                         long lines, String codes) {
    }

    /**
     * Misrouted upgrades to random paths (a new log key each) while {@code wrk} measures plain GETs in short
     * slices. The heap is read after full collections before and after; wsguard's records are counted by the
     * server itself.
     *
     * <p>First the same misrouted upgrade to one path, as many times as the flood's tenth and at its
     * concurrency: the container's worker threads and connection buffers grow to what this traffic needs and
     * the answer's code is compiled, so the heap growth is what the flood's distinct paths leave behind, with
     * a single log key spent.
     */
    private static Flood flood(ServerProcess server, Wrk wrk, Settings settings)
            throws IOException, InterruptedException {
        ConnectionLoad.Outcome warm = ConnectionLoad.run(server.port(), settings.floodConnections(),
                Math.max(1, settings.floodUpgrades() / 10), FLOOD_MAX_MILLIS, (port, n) -> {
                    try (RawResponse answer = RawHttp.exchange(port, RawRequest.validUpgrade(FLOOD_WARMUP_TARGET), true)) {
                        return answer.status();
                    }
                });
        if (warm.failures() > 0) {
            throw new IllegalStateException(server.name() + ": flood warm-up failed: " + warm);
        }
        long heapBefore = server.heapAfterGc();
        int threadsBefore = server.liveThreads();
        long linesBefore = Long.parseLong(server.wsguardLines()[0]);
        AtomicReference<ConnectionLoad.Outcome> result = new AtomicReference<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread driver = new Thread(() -> {
            try {
                result.set(ConnectionLoad.run(server.port(), settings.floodConnections(), settings.floodUpgrades(),
                        FLOOD_MAX_MILLIS, (port, n) -> {
                            RawRequest misrouted = RawRequest.validUpgrade("/app/ws-" + Long.toHexString(
                                    ThreadLocalRandom.current().nextLong()));
                            try (RawResponse answer = RawHttp.exchange(port, misrouted, true)) {
                                return answer.status();
                            }
                        }));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException | Error e) {
                failure.set(e);
            }
        }, "flood-driver");
        driver.start();
        List<Double> p99s = new ArrayList<>();
        for (int slice = 0; slice < FLOOD_MAX_SLICES && driver.isAlive(); slice++) {
            p99s.add(wrk.run(plainUrl(server), FLOOD_SLICE_SECONDS).p99Millis());
        }
        driver.join(FLOOD_MAX_MILLIS + 120_000L);
        if (failure.get() != null || result.get() == null) {
            throw new IllegalStateException(server.name() + ": flood failed", failure.get());
        }
        ConnectionLoad.Outcome outcome = result.get();
        if (outcome.failures() > 0 || outcome.answered() != settings.floodUpgrades()) {
            throw new IllegalStateException(server.name() + ": flood incomplete: " + outcome);
        }
        if (p99s.isEmpty()) {
            throw new IllegalStateException(server.name() + ": the flood ended before one wrk slice did");
        }
        long heapGrowth = server.heapAfterGc() - heapBefore;
        int threadGrowth = server.liveThreads() - threadsBefore;
        String[] lines = server.wsguardLines();
        return new Flood(outcome, p99s, heapGrowth, threadGrowth, Long.parseLong(lines[0]) - linesBefore, lines[1]);
    }

    private static List<Double> column(List<double[]> rows, int column) {
        List<Double> values = new ArrayList<>();
        for (double[] row : rows) {
            values.add(row[column]);
        }
        return values;
    }

    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    private static void say(String format, Object... args) {
        System.out.println("[load] " + String.format(Locale.ROOT, format, args));
        System.out.flush();
    }
}
