package dev.wsguard.distribution;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A server's OS process as the tests own it, for every distribution: started with a shutdown hook that kills it and
 * everything it started should the test JVM die, and stopped as its operator stops it, then by force, bounded.
 */
final class ServerProcess {

    private final String name;
    private final Process process;
    private final Thread reaper;

    private ServerProcess(String name, Process process) {
        this.name = name;
        this.process = process;
        this.reaper = new Thread(this::killTree, "kill " + name);
    }

    /** Starts {@code builder}'s process; {@code name} says which server it is in messages. */
    static ServerProcess start(ProcessBuilder builder, String name) throws IOException {
        ServerProcess started = new ServerProcess(name, builder.start());
        Runtime.getRuntime().addShutdownHook(started.reaper);
        return started;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    Stream<ProcessHandle> descendants() {
        return process.descendants();
    }

    /**
     * Stops the process: {@code graceful} (the operator's way), up to {@code timeout} for it to end, then the whole
     * tree (also what the graceful stop left, such as a server an asadmin launched) by force. Throws if the process
     * survives even that.
     */
    void stop(GracefulStop graceful, Duration timeout) throws InterruptedException {
        try {
            List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
            if (process.isAlive()) {
                graceful.run();
            }
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                killTree();
            }
            tree.forEach(ProcessHandle::destroyForcibly);
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IllegalStateException(name + ": the process " + process.pid() + " survived destroyForcibly");
            }
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(reaper);
            } catch (IllegalStateException shuttingDown) {
                // The hook is running or about to: it does the same.
            }
        }
    }

    /**
     * Waits until each of {@code lines} has matched a line of the server's log, and returns those lines in the same
     * order; fails at once, with the console, if the process exits first, or once {@code timeout} has passed.
     */
    List<String> awaitLines(ServerLog log, Duration timeout, Supplier<String> console, List<Predicate<String>> lines)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> found = new ArrayList<>(Collections.nCopies(lines.size(), (String) null));
        while (found.contains(null)) {
            if (!process.isAlive()) {
                throw new AssertionError(name + ": exited with " + process.exitValue() + " before it started; console:\n"
                        + console.get());
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + ": not started within " + timeout + "; console:\n" + console.get());
            }
            for (int i = 0; i < lines.size(); i++) {
                if (found.get(i) == null) {
                    found.set(i, log.awaitLine(lines.get(i), Duration.ofMillis(200)));
                }
            }
        }
        return found;
    }

    /** How the server's operator stops it. */
    @FunctionalInterface
    interface GracefulStop {
        void run() throws InterruptedException;
    }

    /** SIGTERM: the graceful stop of Jetty, Tomcat and WildFly, whose JVMs stop on it. */
    void terminate() {
        process.destroy();
    }

    private void killTree() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        all.add(process.toHandle());
        all.forEach(ProcessHandle::destroyForcibly);
    }
}
