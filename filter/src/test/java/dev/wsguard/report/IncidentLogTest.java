package dev.wsguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.DiagnosisCode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class IncidentLogTest {

    private static final long SECOND = 1_000_000_000L;

    private final AtomicLong now = new AtomicLong(1_000 * SECOND);
    private final List<String> lines = new ArrayList<>();
    private final List<Level> levels = new ArrayList<>();
    private final IncidentLog log = new IncidentLog((level, line) -> {
        lines.add(line);
        levels.add(level);
    }, 60, 4, now::get);

    @Test
    void firstIsAdmittedRepeatsAreCountedAndSummarizedWhenTheWindowEnds() {
        assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/app/ecco"));
        for (int i = 0; i < 37; i++) {
            assertFalse(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/app/ecco"));
        }
        now.addAndGet(59 * SECOND);
        log.sweep();
        assertTrue(lines.isEmpty(), "window not over yet: " + lines);
        now.addAndGet(SECOND);
        log.sweep();
        assertEquals(List.of("WSG01 repeated 37 more times for /app/ecco in the last 60 s (the first was logged in full)"),
                lines);
        assertEquals(0, log.trackedKeys());
        assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/app/ecco"), "a new window logs in full again");
    }

    @Test
    void aWindowWithoutRepeatsEndsSilently() {
        assertTrue(log.admit(DiagnosisCode.WSG02, Level.WARNING, "/a"));
        now.addAndGet(61 * SECOND);
        log.sweep();
        assertTrue(lines.isEmpty());
    }

    @Test
    void codesAndPathsAreSeparateKeys() {
        assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/a"));
        assertTrue(log.admit(DiagnosisCode.WSG02, Level.WARNING, "/a"));
        assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/b"));
        assertFalse(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/a"));
    }

    @Test
    void anExpiredWindowIsSummarizedOnTheNextIncidentEvenBeforeASweep() {
        log.admit(DiagnosisCode.WSG03, Level.WARNING, "/x");
        log.admit(DiagnosisCode.WSG03, Level.WARNING, "/x");
        now.addAndGet(61 * SECOND);
        assertTrue(log.admit(DiagnosisCode.WSG03, Level.WARNING, "/x"));
        assertEquals(1, lines.size());
        assertTrue(lines.get(0).startsWith("WSG03 repeated 1 more time for /x"), lines.get(0));
    }

    @Test
    void keysAreBoundedAndTheRestShareOneOverflowBucket() {
        for (int i = 0; i < 4; i++) {
            assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/p" + i));
        }
        assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/p4"), "first overflow incident logs in full");
        for (int i = 5; i < 10_000; i++) {
            assertFalse(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/p" + i));
        }
        assertEquals(4, log.trackedKeys());
        now.addAndGet(60 * SECOND);
        log.sweep();
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("WSG01 occurred 9995 more times in the last 60 s on paths not tracked one"
                + " by one (more than 4 distinct"), lines.get(0));
    }

    @Test
    void theOverflowBucketIsOneForAllCodesAndItsSummaryCountsEachCode() {
        for (int i = 0; i < 4; i++) {
            assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/p" + i));
        }
        // Past the keys, the first of each code is still logged whole, so one flood cannot hide another problem.
        assertTrue(log.admit(DiagnosisCode.WSG02, Level.WARNING, "/q0"));
        assertTrue(log.admit(DiagnosisCode.WSG07, Level.INFO, "/r0"));
        assertTrue(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/p4"));
        for (int i = 1; i <= 30; i++) {
            assertFalse(log.admit(DiagnosisCode.WSG02, Level.WARNING, "/q" + i));
        }
        assertFalse(log.admit(DiagnosisCode.WSG07, Level.INFO, "/r1"));
        for (int i = 5; i < 105; i++) {
            assertFalse(log.admit(DiagnosisCode.WSG01, Level.WARNING, "/p" + i));
        }
        assertEquals(4, log.trackedKeys());
        now.addAndGet(60 * SECOND);
        log.sweep();
        assertEquals(List.of("WSG01 occurred 100 more times, WSG02 30 more times, WSG07 1 more time in the last 60 s"
                + " on paths not tracked one by one (more than 4 distinct code and path pairs; the first of each code"
                + " was logged in full)"), lines);
        assertEquals(List.of(Level.WARNING), levels, "the summary has the highest level it counts");
    }

    @Test
    void flushEndsEveryWindowSoNoCountIsLost() {
        log.admit(DiagnosisCode.WSG05, Level.WARNING, "/v");
        log.admit(DiagnosisCode.WSG05, Level.WARNING, "/v");
        log.flush();
        assertEquals(1, lines.size());
        assertEquals(0, log.trackedKeys());
    }

    @Test
    void pathsInSummariesAreSanitizedAndKeysAreCut() {
        String evil = "/x\r\nWSG01 forged" + "y".repeat(5000);
        log.admit(DiagnosisCode.WSG02, Level.WARNING, evil);
        assertFalse(log.admit(DiagnosisCode.WSG02, Level.WARNING, evil + "different tail beyond the cut"));
        log.flush();
        assertEquals(1, lines.size());
        assertFalse(lines.get(0).contains("\n") || lines.get(0).contains("\r"), lines.get(0));
    }

    @Test
    void concurrentIncidentsAreAllCounted() throws Exception {
        List<String> out = java.util.Collections.synchronizedList(new ArrayList<>());
        IncidentLog shared = new IncidentLog((l, s) -> out.add(s), 60, 1024, now::get);
        AtomicInteger admitted = new AtomicInteger();
        int threads = 8;
        int each = 2_000;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        for (int t = 0; t < threads; t++) {
            pool.execute(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                for (int i = 0; i < each; i++) {
                    if (shared.admit(DiagnosisCode.WSG01, Level.WARNING, "/same")) {
                        admitted.incrementAndGet();
                    }
                }
            });
        }
        start.countDown();
        pool.shutdown();
        assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));
        shared.flush();
        assertEquals(1, admitted.get());
        assertEquals(List.of("WSG01 repeated " + (threads * each - 1) + " more times for /same in the last 60 s (the"
                + " first was logged in full)"), out);
    }
}
