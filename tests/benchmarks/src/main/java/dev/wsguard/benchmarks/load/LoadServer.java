package dev.wsguard.benchmarks.load;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
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
 * One server of the load benchmark, in a JVM of its own (so that {@link LoadBench} can pin it to a core and
 * read its CPU time): the scenario suite's standard app ({@code /app/echo}, a plain-text servlet at
 * {@code /app/}) on one container, without wsguard or with it in front in {@code enforce} mode.
 *
 * <p>Prints {@code READY <port>} once it serves, then answers commands read from standard input, one per
 * line: {@code heap} (used heap after a full collection, in bytes), {@code lines} (wsguard's log records so
 * far, by code), {@code quit}. It ends by itself at end of input and after {@link #MAX_LIFETIME_MINUTES}.
 *
 * <p>Arguments: a {@link ContainerKind} label ({@code jetty-12.1}, {@code tomcat-11}) and
 * {@link Variant#label()} ({@code without-wsguard}, {@code with-wsguard}).
 */
public final class LoadServer {

    /** No benchmark runs this long; a server left behind by a killed run ends by itself. */
    static final long MAX_LIFETIME_MINUTES = 30;

    // JUL holds loggers weakly; this keeps wsguard's, and the counter on it, for the JVM's life.
    private static final Logger LOGGER = Logger.getLogger("dev.wsguard");

    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LoadServer <container label> <without-wsguard|with-wsguard>");
        }
        ContainerKind kind = kind(args[0]);
        Variant variant = Variant.of(args[1]);
        Thread watchdog = new Thread(() -> {
            try {
                TimeUnit.MINUTES.sleep(MAX_LIFETIME_MINUTES);
                System.err.println("LoadServer: lifetime limit reached, exiting");
                Runtime.getRuntime().halt(3);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "load-server-watchdog");
        watchdog.setDaemon(true);
        watchdog.start();

        LineCounter lines = LineCounter.attach();
        Deployment deployment = variant == Variant.WITH_WSGUARD
                ? Guard.deployment(AppSetup.STANDARD, GuardMode.ENFORCE)
                : Deployment.of(AppSetup.STANDARD);
        try (ContainerUnderTest container = kind.newAdapter();
             RunningServer server = container.start(deployment)) {
            System.out.println("READY " + server.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
            for (String command = in.readLine(); command != null; command = in.readLine()) {
                switch (command.trim()) {
                    case "heap":
                        System.out.println("HEAP " + heapAfterCollection());
                        break;
                    case "threads":
                        System.out.println("THREADS " + ManagementFactory.getThreadMXBean().getThreadCount());
                        break;
                    case "lines":
                        System.out.println("LINES " + lines.total() + " " + lines.byCode());
                        break;
                    case "quit":
                        return;
                    default:
                        System.out.println("ERROR unknown command");
                }
                System.out.flush();
            }
        } finally {
            System.out.flush();
        }
    }

    private static ContainerKind kind(String label) {
        for (ContainerKind kind : ContainerKind.values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown container " + label);
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

    /** Counts what wsguard logs, by code, beside the console handler that prints it to the server's log. */
    private static final class LineCounter extends Handler {

        private final AtomicLong total = new AtomicLong();
        private final Map<String, AtomicLong> byCode = new TreeMap<>();

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
