package dev.wsguard.testkit.browser;

import dev.wsguard.testkit.tools.ExternalTool;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A headless Chromium started for one test: a fresh profile directory, DevTools on a port the
 * browser picks ({@code --remote-debugging-port=0}, read back from the {@code DevToolsActivePort}
 * file it writes into the profile), and nothing that reaches the network on its own (no component
 * updates, no sync, no background requests). {@link #close()} ends the whole process tree within
 * a bounded time and deletes the profile.
 */
public final class HeadlessChromium implements AutoCloseable {

    /** Overrides where the browser is; the Debian package puts it at {@value #DEFAULT_EXECUTABLE}. */
    public static final String EXECUTABLE_ENV = "WSGUARD_CHROMIUM";
    public static final String DEFAULT_EXECUTABLE = "/usr/bin/chromium";

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(5);
    private static final long POLL_MILLIS = 50;

    private final Process process;
    private final Path profile;
    private final Path consoleLog;
    private final URI browserWebSocket;

    private HeadlessChromium(Process process, Path profile, Path consoleLog, URI browserWebSocket) {
        this.process = process;
        this.profile = profile;
        this.consoleLog = consoleLog;
        this.browserWebSocket = browserWebSocket;
    }

    /** The configured executable: {@code $WSGUARD_CHROMIUM}, else {@value #DEFAULT_EXECUTABLE}. */
    public static Path configuredExecutable(Map<String, String> environment) {
        String configured = environment.get(EXECUTABLE_ENV);
        return Path.of(configured != null && !configured.isBlank() ? configured : DEFAULT_EXECUTABLE);
    }

    /** The executable if it is there and runnable. */
    public static Optional<Path> find(Map<String, String> environment) {
        Path executable = configuredExecutable(environment);
        return Files.isRegularFile(executable) && Files.isExecutable(executable) ? Optional.of(executable) : Optional.empty();
    }

    /**
     * The executable, or a loud skip of the calling test ({@code test} names it) saying what to install; a failure
     * instead under {@code WSGUARD_REQUIRE_ALL=1} ({@link ExternalTool#skipOrFail}).
     */
    public static Path require(String test) {
        Map<String, String> env = System.getenv();
        Optional<Path> found = find(env);
        if (found.isPresent()) {
            return found.get();
        }
        ExternalTool.skipOrFail(test + " needs Chromium, and there is none at " + configuredExecutable(env)
                + " ($" + EXECUTABLE_ENV + ", default " + DEFAULT_EXECUTABLE + ")."
                + " Install the Debian packages chromium and chromium-driver (apt-get install -y chromium chromium-driver),"
                + " or set " + EXECUTABLE_ENV + " to a Chromium or Chrome binary");
        throw new AssertionError("unreachable");
    }

    /**
     * Starts the browser with a fresh profile under {@code workDir}; its own console output goes to
     * {@code chromium.log} there (Chromium writes harmless D-Bus complaints in containers).
     */
    public static HeadlessChromium launch(Path executable, Path workDir) throws Exception {
        Files.createDirectories(workDir);
        Path profile = Files.createTempDirectory(workDir, "chromium-profile-");
        Path consoleLog = workDir.resolve("chromium.log");
        List<String> command = List.of(executable.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--user-data-dir=" + profile,
                "--remote-debugging-port=0");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(consoleLog.toFile()))
                .start();
        try {
            URI webSocket = awaitDevTools(process, profile, consoleLog);
            return new HeadlessChromium(process, profile, consoleLog, webSocket);
        } catch (Exception | Error e) {
            stop(process);
            deleteQuietly(profile);
            throw e;
        }
    }

    /**
     * Waits, bounded, for {@code DevToolsActivePort}: the port on the first line, the browser's
     * WebSocket path on the second. The file appears once DevTools listens.
     */
    private static URI awaitDevTools(Process process, Path profile, Path consoleLog) throws Exception {
        Path portFile = profile.resolve("DevToolsActivePort");
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (System.nanoTime() - deadline < 0) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Chromium exited with " + process.exitValue() + " before DevTools started; see "
                        + consoleLog);
            }
            if (Files.isRegularFile(portFile)) {
                List<String> lines = Files.readAllLines(portFile, StandardCharsets.UTF_8);
                if (lines.size() >= 2 && lines.get(0).trim().matches("\\d{1,5}") && lines.get(1).startsWith("/")) {
                    return URI.create("ws://127.0.0.1:" + lines.get(0).trim() + lines.get(1).trim());
                }
            }
            Thread.sleep(POLL_MILLIS);
        }
        throw new IllegalStateException("Chromium wrote no complete DevToolsActivePort within " + STARTUP_TIMEOUT + "; see " + consoleLog);
    }

    /** {@code ws://127.0.0.1:PORT/devtools/browser/ID}. */
    public URI browserWebSocket() {
        return browserWebSocket;
    }

    public Path consoleLog() {
        return consoleLog;
    }

    /** Ends the browser and every process it started, then deletes the profile; bounded in time. */
    @Override
    public void close() {
        stop(process);
        deleteQuietly(profile);
    }

    private static void stop(Process process) {
        // Snapshot first: once the main process is gone its children are re-parented and no longer listed.
        List<ProcessHandle> tree = new ArrayList<>();
        process.descendants().forEach(tree::add);
        process.destroy();
        try {
            if (!process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                process.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        // Renderer, GPU and zygote processes normally die with the browser; whatever is left is killed.
        long deadline = System.nanoTime() + EXIT_TIMEOUT.toNanos();
        for (ProcessHandle child : tree) {
            if (child.isAlive()) {
                child.destroyForcibly();
            }
        }
        for (ProcessHandle child : tree) {
            long left = deadline - System.nanoTime();
            if (left > 0 && child.isAlive()) {
                try {
                    child.onExit().get(left, TimeUnit.NANOSECONDS);
                } catch (Exception e) {
                    // Still alive after the bound: give up rather than hang the build.
                }
            }
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // A file the browser still held; the directory lives under target/ and goes with mvn clean.
                }
            });
        } catch (IOException e) {
            // Same: left for mvn clean.
        }
    }
}
