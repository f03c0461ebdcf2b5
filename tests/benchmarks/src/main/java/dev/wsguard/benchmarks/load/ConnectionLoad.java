package dev.wsguard.benchmarks.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Many connections at once, each opened, used and reset by one client thread, again and again: until a
 * deadline or until a total count has been started, whichever comes first. Both bound every run.
 */
final class ConnectionLoad {

    /** What one connection does; returns the status code the server answered, or throws. */
    interface Exchange {
        int run(int port, long sequence) throws Exception;
    }

    /** What a run did: answers by status code, failures (with the first one), and how long it took. */
    record Outcome(Map<Integer, Long> statuses, long failures, String firstFailure, double seconds) {
        long answered() {
            return statuses.values().stream().mapToLong(Long::longValue).sum();
        }

        long count(int status) {
            return statuses.getOrDefault(status, 0L);
        }
    }

    private ConnectionLoad() {
    }

    /**
     * Runs {@code exchange} on {@code connections} threads against {@code port} until {@code maxExchanges}
     * have started or {@code maxMillis} have passed.
     */
    static Outcome run(int port, int connections, long maxExchanges, long maxMillis, Exchange exchange)
            throws InterruptedException {
        AtomicLong started = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
        long begin = System.nanoTime();
        long deadline = begin + maxMillis * 1_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            Thread thread = new Thread(() -> {
                for (long n = started.getAndIncrement(); n < maxExchanges && System.nanoTime() - deadline < 0;
                        n = started.getAndIncrement()) {
                    try {
                        int status = exchange.run(port, n);
                        statuses.computeIfAbsent(status, s -> new AtomicLong()).incrementAndGet();
                    } catch (Exception e) {
                        failures.incrementAndGet();
                        firstFailure.compareAndSet(null, e.toString());
                    }
                }
            }, "load-client-" + i);
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            // Each exchange is bounded by the socket timeouts; allow one more round past the deadline.
            thread.join(maxMillis + 60_000L);
        }
        double seconds = (System.nanoTime() - begin) / 1e9;
        Map<Integer, Long> counts = new TreeMap<>();
        statuses.forEach((status, count) -> counts.put(status, count.get()));
        return new Outcome(counts, failures.get(), firstFailure.get(), seconds);
    }
}
