package dev.wsguard.probe;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A server run as a child process that prints the port it listens on (it picked port 0 on 127.0.0.1): started, its
 * port read from its stdout within a bound, and stopped with its whole process tree. Its stdin stays open as a pipe
 * for as long as it runs; the servers here exit when it closes, so none outlives the test JVM even if it dies.
 */
final class ChildServer implements AutoCloseable {

    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final Process process;
    private final int port;
    private final List<String> output;

    private ChildServer(String name, Process process, int port, List<String> output) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.output = output;
    }

    /**
     * Starts {@code command} in {@code dir} and waits at most {@code startTimeout} for a line of its output (stdout
     * and stderr together) that {@code portLine} matches, its group 1 being the port.
     */
    static ChildServer start(String name, List<String> command, Path dir, Pattern portLine, Duration startTimeout)
            throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        List<String> output = java.util.Collections.synchronizedList(new ArrayList<>());
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader in = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = in.readLine(); line != null; line = in.readLine()) {
                    output.add(line);
                    Matcher m = portLine.matcher(line);
                    if (!port.isDone() && m.find()) {
                        port.complete(Integer.parseInt(m.group(1)));
                    }
                }
            } catch (IOException | RuntimeException e) {
                port.completeExceptionally(e);
            }
            port.completeExceptionally(new IOException(name + " ended its output without a port"));
        }, name + "-output");
        reader.setDaemon(true);
        reader.start();
        ChildServer server;
        try {
            server = new ChildServer(name, process, port.get(startTimeout.toMillis(), TimeUnit.MILLISECONDS), output);
        } catch (ExecutionException | TimeoutException e) {
            stop(process);
            throw new IOException(name + " did not print its port within " + startTimeout + " (" + e + "); exit "
                    + (process.isAlive() ? "none" : process.exitValue()) + "; its output:\n"
                    + String.join("\n", snapshot(output)), e);
        }
        return server;
    }

    int port() {
        return port;
    }

    /** What it printed so far, for failure messages. */
    String output() {
        return String.join("\n", snapshot(output));
    }

    private static List<String> snapshot(List<String> output) {
        synchronized (output) {
            return new ArrayList<>(output);
        }
    }

    @Override
    public void close() {
        stop(process);
    }

    /** TERM to the process and every descendant, then KILL to what is left; bounded. */
    private static void stop(Process process) {
        List<ProcessHandle> tree = new ArrayList<>(process.descendants().toList());
        tree.forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            if (!process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        tree.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    @Override
    public String toString() {
        return name + " on 127.0.0.1:" + port;
    }
}
