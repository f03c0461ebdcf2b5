package dev.wsguard.springboot;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A {@link ChildBootApp} in a JVM of its own, on the test's class path less the jars a test leaves out (a class path
 * can only really lack a jar in a new JVM), as {@code JmxInFreshJvmTest} runs its child. Its output (standard output
 * and error) goes to a file that the test reads, bounded in time and in size; closing it closes the child's standard
 * input, which ends the application, and ends the JVM by force if it lingers.
 */
final class ChildJvm implements AutoCloseable {

    /** How long a child may take to start its application or to fail: Boot on a loaded machine. */
    static final long START_SECONDS = 180;
    /** How much of the child's output is read at most. */
    static final int MAX_OUTPUT = 8 * 1024 * 1024;
    private static final long POLL_MILLIS = 100;

    private final Process process;
    private final Path output;
    private final OutputStream stdin;

    private ChildJvm(Process process, Path output) {
        this.process = process;
        this.output = output;
        this.stdin = process.getOutputStream();
    }

    /** Starts {@code app} with these Boot arguments on {@code classPath}, writing its output into {@code dir}. */
    static ChildJvm start(List<String> classPath, ChildBootApp.App app, Path dir, String... args) throws IOException {
        Path out = Files.createTempFile(dir, "child-" + app.name().toLowerCase(Locale.ROOT), ".out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-XX:TieredStopAtLevel=1", "-cp",
                String.join(File.pathSeparator, classPath), ChildBootApp.class.getName(), app.name()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        return new ChildJvm(p, out);
    }

    /** The test JVM's own class path, entry by entry (Surefire may hand it a manifest-only jar: the property has it). */
    static List<String> testClassPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        String cp = surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
        return List.of(cp.split(Pattern.quote(File.pathSeparator)));
    }

    /** The output so far, at most {@link #MAX_OUTPUT} bytes of it. */
    String output() {
        try (InputStream in = Files.newInputStream(output)) {
            return new String(in.readNBytes(MAX_OUTPUT), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The first output line that {@code wanted} accepts, awaited until it appears, the JVM ends, or
     * {@code seconds} pass; empty then.
     */
    Optional<String> awaitLine(Predicate<String> wanted, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        while (true) {
            boolean ended = !process.isAlive();
            Optional<String> line = output().lines().filter(wanted).findFirst();
            if (line.isPresent() || ended || System.nanoTime() > end) {
                return line;
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /** Waits, bounded, for the JVM to end; its exit value, or null if it still runs. */
    Integer awaitExit(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS) ? process.exitValue() : null;
    }

    @Override
    public void close() throws InterruptedException {
        try {
            stdin.close();
        } catch (IOException e) {
            // Already gone.
        }
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
        }
    }
}
