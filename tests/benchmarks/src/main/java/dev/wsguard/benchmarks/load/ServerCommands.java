package dev.wsguard.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * What every load server JVM ({@link LoadServer}, {@link BootLoadServer}) shares with {@link ServerProcess}: a
 * lifetime limit, a count of wsguard's log records, and the command protocol on standard input and output
 * ({@code READY <port>}, then {@code heap}, {@code threads}, {@code lines}, {@code quit}). Nothing here may touch the
 * test kit or a container: the Boot server's class path has neither.
 */
final class ServerCommands {

    /** No benchmark runs this long; a server left behind by a killed run ends by itself. */
    static final long MAX_LIFETIME_MINUTES = 30;

    // JUL holds loggers weakly; this keeps wsguard's, and the counter on it, for the JVM's life.
    private static final Logger LOGGER = Logger.getLogger("dev.wsguard");

    private ServerCommands() {
    }

    /** Halts the JVM after {@link #MAX_LIFETIME_MINUTES}, whatever it is doing. */
    static void startWatchdog(String serverName) {
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(MAX_LIFETIME_MINUTES);
                System.err.println(serverName + ": lifetime limit reached, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-server-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();
    }

    /**
     * Prints {@code READY <port>} to {@code out}, then answers the commands read from standard input until
     * {@code quit} or end of input.
     */
    static void serve(int port, LineCounter lines, PrintStream out) throws IOException, InterruptedException {
        out.println("READY " + port);
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String command = in.readLine(); command != null; command = in.readLine()) {
            switch (command.trim()) {
                case "heap":
                    out.println("HEAP " + heapAfterCollection());
                    break;
                case "threads":
                    out.println("THREADS " + ManagementFactory.getThreadMXBean().getThreadCount());
                    break;
                case "lines":
                    out.println("LINES " + lines.total() + " " + lines.byCode());
                    break;
                case "quit":
                    out.flush();
                    return;
                default:
                    out.println("ERROR unknown command");
            }
            out.flush();
        }
    }

    /**
     * Heap in use after full collections: several, because one may leave objects that only became
     * unreachable during it (finalizers, references).
     */
    private static long heapAfterCollection() throws InterruptedException {
        long used = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(100);
            MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            used = Math.min(used, heap.getUsed());
        }
        return used;
    }

    /**
     * Counts what wsguard logs to its {@code java.util.logging} logger, by code, beside whatever handler prints
     * it (the console's, or Spring Boot's bridge to its own logging).
     */
    static final class LineCounter extends Handler {

        private final AtomicLong total = new AtomicLong();
        private final Map<String, AtomicLong> byCode = new TreeMap<>();

        /** Attached before the server starts, so that wsguard's first line (WSG00) is counted too. */
        static LineCounter attach() {
            LineCounter counter = new LineCounter();
            LOGGER.addHandler(counter);
            return counter;
        }

        @Override
        public void publish(LogRecord record) {
            total.incrementAndGet();
            String message = record.getMessage();
            String code = message != null && message.startsWith("WSG") && message.length() >= 5
                    ? message.substring(0, 5) : "other";
            synchronized (byCode) {
                byCode.computeIfAbsent(code, c -> new AtomicLong()).incrementAndGet();
            }
        }

        long total() {
            return total.get();
        }

        String byCode() {
            synchronized (byCode) {
                StringBuilder out = new StringBuilder();
                byCode.forEach((code, count) -> out.append(out.length() == 0 ? "" : ",").append(code).append('=')
                        .append(count.get()));
                return out.length() == 0 ? "-" : out.toString();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }
}
