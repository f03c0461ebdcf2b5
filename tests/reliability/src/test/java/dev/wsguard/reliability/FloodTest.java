package dev.wsguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.reliability.LogLines;
import dev.wsguard.suite.reliability.Results;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.RunningServer;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * 10,000 misrouted upgrades to distinct random paths in enforce mode: every one gets wsguard's 400 and is counted, but
 * the rate limiter tracks at most 1024 (code, path) keys, so the log holds exactly 1024 full lines, one more for the
 * first untracked incident, and, when the filter stops, one overflow summary with the count of the rest (IncidentLog).
 * The heap after GC may not grow by more than 5 MB over the flood.
 *
 * <p>The lines are counted by a handler of its own rather than {@link GuardLogCapture}, which keeps every message and
 * would itself grow the heap being measured.
 */
class FloodTest {

    private static final int PATHS = 10_000;
    private static final int WARM_UP = 100;
    private static final int MAX_KEYS = 1024;
    private static final long HEAP_BUDGET = 5L * 1024 * 1024;
    private static final int CLIENT_THREADS = 4;
    private static final Duration FLOOD_TIMEOUT = Duration.ofSeconds(60);

    @ParameterizedTest
    @EnumSource(value = ContainerKind.class, names = {"JETTY_12_1", "TOMCAT_11"})
    void tenThousandRandomPaths(ContainerKind kind) throws Exception {
        List<String> paths = randomPaths(kind.ordinal());
        LineCounter lines = LineCounter.attach();
        long growth;
        Map<String, Long> counters;
        try {
            try (ContainerUnderTest container = kind.newAdapter();
                 RunningServer server = container.start(Guard.deployment(AppSetup.STANDARD, GuardMode.ENFORCE))) {
                ObjectName bean = GuardJmx.await(server.contextPath(), GuardLogCapture.APPEAR_TIMEOUT);
                awaitStartupLine(lines);
                int startupLines = lines.total.get();
                // The first requests load wsguard's and the container's classes for this path; measure after them.
                flood(server, paths.subList(0, WARM_UP), 1);
                long before = heapAfterGc();
                flood(server, paths.subList(WARM_UP, PATHS), CLIENT_THREADS);
                growth = heapAfterGc() - before;
                counters = GuardJmx.awaitCounters(bean, now -> now.get("WSG01") >= PATHS,
                        GuardLogCapture.APPEAR_TIMEOUT);
                assertEquals(PATHS, counters.get("WSG01"), "every incident is counted, logged or not");
                assertEquals(PATHS, counters.get("upgradeRequests"));
                // While the filter runs: the tracked keys in full, plus the first incident past them.
                assertEquals(MAX_KEYS + 1, lines.total.get() - startupLines, "full lines during the flood");
            }
            // destroy() ended the windows: one overflow summary for the untracked rest, no per-key summary (no key
            // repeated).
            assertEquals(List.of("WSG01 occurred " + (PATHS - MAX_KEYS - 1) + " more times"),
                    lines.summaries.stream().map(s -> s.replaceFirst("( times).*", "$1")).toList());
            assertEquals(0, lines.bad.get(), "lines with control characters or over-long fields: " + lines.firstBad);
        } finally {
            lines.close();
        }
        assertTrue(growth <= HEAP_BUDGET, "heap grew by " + growth + " bytes over the flood, more than 5 MB");
        Results.write("flood-" + kind.label() + ".md", "| " + kind.displayName() + " | " + PATHS
                + " distinct paths, enforce | heap growth after GC " + String.format("%.2f MB", growth / 1048576.0)
                + " | " + (MAX_KEYS + 1) + " full WSG01 lines + " + lines.summaries.size() + " overflow summary ("
                + (PATHS - MAX_KEYS - 1) + " more) | counters WSG01=" + counters.get("WSG01") + " |\n");
    }

    /** Sends a misrouted upgrade to each path from {@code threads} clients; each must get wsguard's 400 WSG01. */
    private static void flood(RunningServer server, List<String> paths, int threads) throws Exception {
        ExecutorService clients = Executors.newFixedThreadPool(threads);
        try {
            List<Future<String>> parts = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int first = t;
                parts.add(clients.submit(() -> {
                    for (int i = first; i < paths.size(); i += threads) {
                        try (RawResponse r = RawHttp.exchange(server.port(), RawRequest.validUpgrade(paths.get(i)))) {
                            if (r.status() != 400 || !r.header("WSGuard-Code").orElse("").equals("WSG01")) {
                                return paths.get(i) + " got " + r.statusLine();
                            }
                        }
                    }
                    return "";
                }));
            }
            for (Future<String> part : parts) {
                assertEquals("", part.get(FLOOD_TIMEOUT.toSeconds(), TimeUnit.SECONDS));
            }
        } finally {
            clients.shutdownNow();
            assertTrue(clients.awaitTermination(10, TimeUnit.SECONDS), "client threads did not end");
        }
    }

    /** Distinct random paths of 8 to 40 characters under /app/flood-, seeded so a failure can be replayed. */
    private static List<String> randomPaths(long seed) {
        Random random = new Random(seed);
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789-_.~";
        List<String> paths = new ArrayList<>(PATHS);
        for (int i = 0; i < PATHS; i++) {
            StringBuilder p = new StringBuilder("/app/flood-").append(i).append('-');
            int length = 8 + random.nextInt(33);
            for (int c = 0; c < length; c++) {
                p.append(alphabet.charAt(random.nextInt(alphabet.length())));
            }
            paths.add(p.toString());
        }
        return paths;
    }

    /** Used heap after a few full GCs: the lowest of the readings, so a GC still running does not inflate it. */
    private static long heapAfterGc() throws InterruptedException {
        long lowest = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            lowest = Math.min(lowest, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return lowest;
    }

    private static void awaitStartupLine(LineCounter lines) throws InterruptedException {
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!lines.startupSeen) {
            assertTrue(System.nanoTime() - end < 0, "no WSG00 startup line within 10 s");
            Thread.sleep(20);
        }
    }

    /** Counts wsguard's lines; keeps only the summaries and the first bad line. */
    private static final class LineCounter extends Handler implements AutoCloseable {
        final AtomicInteger total = new AtomicInteger();
        final AtomicInteger bad = new AtomicInteger();
        final List<String> summaries = new java.util.concurrent.CopyOnWriteArrayList<>();
        volatile String firstBad = "";
        volatile boolean startupSeen;
        private final Logger logger = Logger.getLogger(GuardLogCapture.LOGGER_NAME);
        private final Level previous = logger.getLevel();

        static LineCounter attach() {
            LineCounter counter = new LineCounter();
            counter.logger.setLevel(Level.ALL);
            counter.logger.addHandler(counter);
            return counter;
        }

        @Override
        public void publish(LogRecord record) {
            String line = record.getMessage();
            if (line.startsWith("WSG00 ")) {
                startupSeen = true;
            }
            if (line.contains(" more time")) {
                summaries.add(line);
            } else {
                total.incrementAndGet();
            }
            if (!LogLines.problems(line, (char) 0).isEmpty() && bad.getAndIncrement() == 0) {
                firstBad = line;
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
            logger.removeHandler(this);
            logger.setLevel(previous);
        }
    }
}
