package dev.wsguard.benchmarks.load;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A {@link LoadServer} JVM pinned to one core with {@code taskset}, seen from the benchmark: its port, its
 * CPU time so far (from {@code /proc/<pid>/stat}), and the commands it answers. Its standard error (the
 * container's and wsguard's log) goes to a file beside the results.
 */
final class ServerProcess implements AutoCloseable {

    private static final long READY_TIMEOUT_SECONDS = 60;
    private static final long ANSWER_TIMEOUT_SECONDS = 60;
    private static final String END = "\u0000end";

    private final Process process;
    private final Writer commands;
    private final BlockingQueue<String> output = new LinkedBlockingQueue<>();
    private final int port;
    private final String name;
    private final Path log;

    private ServerProcess(String name, Process process, Path log) throws IOException, InterruptedException {
        this.name = name;
        this.log = log;
        this.process = process;
        this.commands = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
        Thread reader = new Thread(this::pump, "load-server-output " + name);
        reader.setDaemon(true);
        reader.start();
        String ready = next(READY_TIMEOUT_SECONDS);
        if (!ready.startsWith("READY ")) {
            process.destroyForcibly();
            throw new IllegalStateException(name + " did not start: " + ready);
        }
        this.port = Integer.parseInt(ready.substring("READY ".length()).trim());
    }

    /**
     * Starts {@code target}'s {@code variant} on {@code core}; the log goes to {@code log}. Both variants get the
     * same JVM options: a fixed heap, so that heap figures compare.
     */
    static ServerProcess start(LoadTarget target, Variant variant, int core, Path log)
            throws IOException, InterruptedException {
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        List<String> command = new ArrayList<>(List.of("taskset", "-c", Integer.toString(core), java.toString(),
                "-Xms512m", "-Xmx512m", "-cp", target.classPath().get(variant), target.mainClass()));
        command.addAll(target.arguments(variant));
        Files.createDirectories(log.toAbsolutePath().getParent());
        Process process = new ProcessBuilder(command)
                .redirectError(log.toFile())
                .start();
        return new ServerProcess(target.name() + " " + variant, process, log);
    }

    private void pump() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                output.add(line);
            }
        } catch (IOException e) {
            output.add("ERROR " + e);
        } finally {
            output.add(END);
        }
    }

    private String next(long timeoutSeconds) throws InterruptedException {
        String line = output.poll(timeoutSeconds, TimeUnit.SECONDS);
        if (line == null) {
            throw new IllegalStateException(name + ": no answer within " + timeoutSeconds + " s");
        }
        if (line.equals(END)) {
            throw new IllegalStateException(name + " ended (exit " + exitCode() + "); see its log");
        }
        return line;
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    int port() {
        return port;
    }

    String name() {
        return name;
    }

    /** Sends a command and returns the answer's words after its keyword ({@code HEAP 123} gives {@code 123}). */
    String ask(String command, String keyword) throws IOException, InterruptedException {
        commands.write(command + "\n");
        commands.flush();
        String answer = next(ANSWER_TIMEOUT_SECONDS);
        if (!answer.startsWith(keyword + " ")) {
            throw new IllegalStateException(name + " answered '" + answer + "' to " + command);
        }
        return answer.substring(keyword.length() + 1);
    }

    /** Heap in use after full collections, in bytes. */
    long heapAfterGc() throws IOException, InterruptedException {
        return Long.parseLong(ask("heap", "HEAP").trim());
    }

    /** The server JVM's live threads. */
    int liveThreads() throws IOException, InterruptedException {
        return Integer.parseInt(ask("threads", "THREADS").trim());
    }

    /** The server's log (its standard error). */
    Path log() {
        return log;
    }

    /** wsguard's log records so far: the total, and the count per code ({@code WSG01=1024,...}). */
    String[] wsguardLines() throws IOException, InterruptedException {
        return ask("lines", "LINES").trim().split(" ", 2);
    }

    /**
     * User plus system CPU time of the whole JVM so far, in clock ticks ({@code utime} and {@code stime},
     * fields 14 and 15 of {@code /proc/<pid>/stat}; taskset execs the JVM, so the pid is the JVM's).
     */
    long cpuTicks() {
        try {
            String stat = Files.readString(Paths.get("/proc", Long.toString(process.pid()), "stat"));
            // The command name (field 2) is in parentheses and may hold spaces; count fields after it.
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Long.parseLong(fields[14 - 3]) + Long.parseLong(fields[15 - 3]);
        } catch (IOException e) {
            throw new UncheckedIOException(name + ": cannot read its CPU time", e);
        }
    }

    @Override
    public void close() {
        try {
            commands.write("quit\n");
            commands.flush();
        } catch (IOException ignored) {
            // Already gone; destroyed below if not.
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
