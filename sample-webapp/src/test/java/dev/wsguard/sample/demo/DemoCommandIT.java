package dev.wsguard.sample.demo;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Writer;
import java.net.ConnectException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's demo command itself, {@code mvn -Pdemo -DskipTests -pl sample-webapp -am package},
 * in a copy of the source tree, as a person would from a terminal: it builds the filter and the
 * WAR, starts the demo and prints its URL. The test then misroutes a handshake and finds the WSG
 * line on the command's console, makes a right one (101 and an echo), presses Ctrl-C (SIGINT) and
 * watches the command end by itself, with the port closed and no process left behind.
 *
 * <p>The copy holds the root pom, every module's pom (Maven reads each module the root lists,
 * even with {@code -pl}) and the full sources of the two modules {@code -am} builds, without their
 * {@code target/}. The command runs offline ({@code -o}): this build has already resolved every
 * plugin and dependency it needs, exec-maven-plugin included (see the pom). {@code -B} keeps
 * colour codes out of the console, and {@code -Dport=0} picks a free port, as the README allows.
 */
@Tag(DemoServerIT.PACKAGED_WAR_TAG)
class DemoCommandIT {

    /** The repository root; failsafe sets it to this module's parent directory. */
    static final String REPOSITORY_PROPERTY = "wsguard.repository";
    /** The Maven installation running this build (its {@code maven.home}), so the child uses the same Maven. */
    static final String MAVEN_HOME_PROPERTY = "wsguard.maven.home";
    /** This build's local repository ({@code settings.localRepository}). */
    static final String LOCAL_REPOSITORY_PROPERTY = "wsguard.maven.repo.local";

    /** The command as the repository's README gives it; the test checks the README still says exactly this. */
    static final String README_COMMAND = "mvn -Pdemo -DskipTests -pl sample-webapp -am package";
    /** What the test adds: offline, batch mode (no colours), any free port. */
    private static final List<String> ADDED_OPTIONS = List.of("-o", "-B");
    private static final String PORT_OPTION = "-D" + DemoServer.PORT_PROPERTY + "=0";
    /**
     * The modules {@code -pl sample-webapp -am} builds, copied in full; of the others only the pom. The test kit is
     * one of them: the filter's unit tests use it, and {@code -DskipTests} still compiles them.
     */
    private static final List<Path> BUILT_MODULES = List.of(Path.of("filter"), Path.of("sample-webapp"),
            Path.of("tests", "test-kit"));
    /** Build output and tool state, none of it source (the repository's .gitignore lists them). */
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".cifuzz-corpus", ".idea", ".vscode", ".settings");
    private static final int MAX_COPIED_FILES = 5_000;

    /** A build of two modules, then two webapps with annotation scanning, on a shared 2-core machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    /** Jetty's stop timeout is 2 s (DemoServer); the rest is JVM shutdown on a busy machine. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    private static final int CONSOLE_TAIL_LINES = 60;

    /** A JVM that ends on a signal, after its shutdown hooks, exits with 128 + the signal's number (SIGINT: 2). */
    private static final int EXIT_STATUS_AFTER_SIGINT = 128 + 2;
    /** Bit of SIGINT (2) in the SigIgn mask of /proc/PID/status. */
    private static final long SIGINT_MASK_BIT = 1L << (2 - 1);

    private static final Pattern BANNER = Pattern.compile("wsguard demo: http://127\\.0\\.0\\.1:(\\d{1,5})/");

    @Test
    void theReadmeCommandBuildsServesLogsAndStopsOnCtrlC() throws Exception {
        Path repository = Path.of(requiredProperty(REPOSITORY_PROPERTY)).toAbsolutePath().normalize();
        String readme = Files.readString(repository.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(README_COMMAND), "the README no longer gives the demo command '" + README_COMMAND
                + "': update " + getClass().getSimpleName() + " with it");
        Path workDir = Path.of("target", "demo-command-it").toAbsolutePath();
        Path consoleCopy = workDir.resolve("console.log");
        Files.createDirectories(workDir);
        // Outside the repository: Maven looks upward from the working directory for a .mvn directory.
        Path copy = Files.createTempDirectory("wsguard-demo-command-");
        try {
            long copyStart = System.nanoTime();
            int copied = copySourceTree(repository, copy);
            System.out.printf("copied %d files to %s in %d ms%n", copied, copy, millisSince(copyStart));
            runAndStop(command(), copy, consoleCopy);
        } finally {
            deleteTree(copy);
        }
    }

    /** {@code mvn -o -B -Pdemo -DskipTests -pl sample-webapp -am package -Dport=0}, started with SIGINT at its default. */
    private static List<String> command() throws InterruptedException {
        Path mvn = Path.of(requiredProperty(MAVEN_HOME_PROPERTY), "bin", "mvn");
        assertTrue(Files.isExecutable(mvn), "no executable " + mvn);
        List<String> command = new ArrayList<>(withSigintAsInATerminal());
        command.add(mvn.toString());
        command.addAll(ADDED_OPTIONS);
        List<String> words = List.of(README_COMMAND.split(" "));
        command.addAll(words.subList(1, words.size()));
        command.add(PORT_OPTION);
        // The child reads the same settings; only a local repository given on this build's command line differs.
        Path local = Path.of(requiredProperty(LOCAL_REPOSITORY_PROPERTY)).toAbsolutePath().normalize();
        if (!local.equals(Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath().normalize())) {
            command.add("-Dmaven.repo.local=" + local);
        }
        return command;
    }

    private void runAndStop(List<String> command, Path copy, Path consoleCopy) throws Exception {
        System.out.println("running in " + copy + ": " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
        // The JDK running this test, which is the one the outer build runs on.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process child = builder.start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            ChildConsole console = ChildConsole.follow(child, consoleCopy);

            String banner = console.await(child, BANNER.asPredicate(), STARTUP_TIMEOUT)
                    .orElseGet(() -> fail("no banner 'wsguard demo: http://127.0.0.1:N/' within " + STARTUP_TIMEOUT.toSeconds()
                            + " s (child " + (child.isAlive() ? "still running" : "exited with " + child.exitValue()) + ")"
                            + console.tail()));
            System.out.printf("build and start: %d ms to the banner%n", millisSince(start));
            Matcher url = BANNER.matcher(banner);
            assertTrue(url.find());
            int port = Integer.parseInt(url.group(1));
            assertTrue(port > 0, "the banner names port 0: " + banner);
            assertSigintNotIgnored(child.pid());
            // exec:java runs the demo inside Maven's JVM; anything else started meanwhile must end with it.
            tree.add(child.toHandle());
            child.descendants().forEach(tree::add);

            // A valid upgrade to a typo: the WAR's catch-all answers 200, and the console gets WSG01 for it.
            String typo = DemoServer.LOG_CONTEXT + "/ecco";
            try (RawResponse answer = RawHttp.exchange(port, RawRequest.validUpgrade(typo))) {
                assertEquals(200, answer.status(), () -> "the catch-all must answer " + typo + " with 200, got: " + answer);
            }
            String request = "GET " + typo + " from";
            console.await(child, line -> line.contains("WSG01 ") && line.contains(request), LINE_TIMEOUT)
                    .orElseGet(() -> fail("no WSG01 line for '" + request + "' on the demo's console" + console.tail()));

            // The right URL: 101 with the accept value RFC 6455 prescribes, and the echo endpoint answers.
            String echo = DemoServer.LOG_CONTEXT + "/echo";
            try (RawResponse upgraded = RawHttp.exchange(port, RawRequest.validUpgrade(echo))) {
                assertEquals(101, upgraded.status(), () -> "the handshake to " + echo + " must get 101, got: " + upgraded);
                // Header names are case-insensitive; the value is base64, compared exactly.
                assertEquals(RawRequest.SAMPLE_ACCEPT, upgraded.header("Sec-WebSocket-Accept").orElse(null),
                        upgraded::head);
                String text = "hello from " + getClass().getSimpleName();
                WebSocketFrames.sendText(upgraded.upgradedOutput(), text);
                assertEquals(text, WebSocketFrames.read(upgraded.upgradedInput()).text(), "the echo endpoint's reply");
                WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
            }

            // What Ctrl-C in the terminal delivers to the JVM.
            long interrupted = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "kill -INT did not return");
            assertEquals(0, kill.exitValue(), () -> "kill -INT " + child.pid() + " failed: " + readQuietly(kill));

            assertTrue(child.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    () -> "the demo command did not exit within " + EXIT_TIMEOUT.toSeconds() + " s of SIGINT" + console.tail());
            System.out.printf("exit %d, %d ms after SIGINT%n", child.exitValue(), millisSince(interrupted));
            assertEquals(EXIT_STATUS_AFTER_SIGINT, child.exitValue(), () -> "exit status after SIGINT" + console.tail());
            assertTrue(console.awaitEnd(IO_TIMEOUT), "the demo's console did not reach its end after the JVM exited");

            // Jetty's shutdown hook stopped the server: the server, its connector and each context report it
            // ("Stopped oeje10w.WebAppContext@...{wsguard sample,/demo,b=...").
            for (String stopped : List.of("oejs.Server@", "oejs.ServerConnector@", "{ROOT,/,", "," + DemoServer.LOG_CONTEXT + ",",
                    "," + DemoServer.ENFORCE_CONTEXT + ",")) {
                assertTrue(console.lines().stream().anyMatch(l -> l.contains(":JettyShutdownThread: Stopped ") && l.contains(stopped)),
                        () -> "no line 'JettyShutdownThread: Stopped ...' with '" + stopped + "' after SIGINT" + console.tail());
            }
            assertThrows(ConnectException.class, () -> RawHttp.exchange(port, RawRequest.get("/").build()),
                    "port " + port + " still accepts connections after the demo exited");
            assertNoProcessLeft(tree, copy);
            // Only misroutes are diagnosed: the right handshake left no line.
            assertTrue(console.lines().stream().noneMatch(l -> l.contains("GET " + echo + " from")),
                    () -> "a line about the successful handshake to " + echo + console.tail());
        } finally {
            if (child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                child.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        System.out.printf("whole command: %d ms%n", millisSince(start));
    }

    /**
     * Every process of the command's tree has ended, and none anywhere still runs in the copy (one that
     * left the tree, re-parented, would still name the copy's path on its command line).
     */
    private static void assertNoProcessLeft(List<ProcessHandle> tree, Path copy) throws InterruptedException {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        String copyPath = copy.toString();
        List<String> left = List.of();
        do {
            List<String> alive = new ArrayList<>();
            tree.stream().filter(ProcessHandle::isAlive).forEach(p -> alive.add(p.pid() + " " + p.info().commandLine().orElse("?")));
            ProcessHandle.allProcesses().filter(p -> p.pid() != ProcessHandle.current().pid())
                    .filter(p -> p.info().commandLine().orElse("").contains(copyPath))
                    .forEach(p -> alive.add(p.pid() + " " + p.info().commandLine().orElse("?")));
            left = alive;
            if (left.isEmpty()) {
                return;
            }
            Thread.sleep(POLL_MILLIS);
        } while (System.nanoTime() - deadline < 0);
        fail("processes left after the demo command exited: " + left);
    }

    /** The root pom, every other pom, and the full sources of the built modules; returns the number of files copied. */
    private static int copySourceTree(Path repository, Path copy) throws IOException {
        int[] copied = {0};
        Files.walkFileTree(repository, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                if (!dir.equals(repository) && NOT_COPIED.contains(dir.getFileName().toString())) {
                    return FileVisitResult.SKIP_SUBTREE;
                }
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Path relative = repository.relativize(file);
                boolean inBuiltModule = BUILT_MODULES.stream()
                        .anyMatch(module -> relative.startsWith(module) && !relative.equals(module));
                if (attrs.isRegularFile() && (inBuiltModule || "pom.xml".equals(file.getFileName().toString()))) {
                    if (++copied[0] > MAX_COPIED_FILES) {
                        throw new IOException("more than " + MAX_COPIED_FILES + " files to copy from " + repository);
                    }
                    Path target = copy.resolve(relative.toString());
                    Files.createDirectories(target.getParent());
                    Files.copy(file, target, StandardCopyOption.COPY_ATTRIBUTES);
                }
                return FileVisitResult.CONTINUE;
            }
        });
        return copied[0];
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : (Iterable<Path>) paths.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }

    private static String requiredProperty(String name) {
        String value = System.getProperty(name, "");
        assertTrue(!value.isBlank(), "-D" + name + " must be set (failsafe sets it from the pom)");
        return value;
    }

    private static long millisSince(long nanoTime) {
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - nanoTime);
    }

    /**
     * A launcher that sets SIGINT back to its default before it execs the JVM (same process, same pid). A user
     * starts the demo from an interactive shell, where Ctrl-C works; a build started as a background job (as CI
     * runners may) hands SIGINT down ignored, and a JVM cannot un-ignore it. GNU env (coreutils 8.31+) or perl
     * (Essential on Debian) can; where neither is found the plain command runs, and the check below says why
     * Ctrl-C cannot work if it was ignored.
     */
    private static List<String> withSigintAsInATerminal() throws InterruptedException {
        List<String> env = List.of("env", "--default-signal=INT");
        if (runsQuietly(env, "true")) {
            return env;
        }
        List<String> perl = List.of("perl", "-e", "$SIG{INT} = 'DEFAULT'; exec { $ARGV[0] } @ARGV or die \"exec: $!\"");
        if (runsQuietly(perl, "true")) {
            return perl;
        }
        return List.of();
    }

    private static boolean runsQuietly(List<String> launcher, String program) throws InterruptedException {
        List<String> probe = new ArrayList<>(launcher);
        probe.add(program);
        try {
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!p.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * A JVM keeps a signal ignored that it inherited as ignored, so Ctrl-C could not work: say so
     * rather than let the exit wait time out. Linux only (/proc); elsewhere the exit wait tells.
     */
    private static void assertSigintNotIgnored(long pid) throws IOException {
        Path status = Path.of("/proc", Long.toString(pid), "status");
        if (!Files.isReadable(status)) {
            return;
        }
        for (String line : Files.readAllLines(status, StandardCharsets.US_ASCII)) {
            if (line.startsWith("SigIgn:")) {
                long ignored = Long.parseUnsignedLong(line.substring("SigIgn:".length()).trim(), 16);
                assertEquals(0, ignored & SIGINT_MASK_BIT, "the demo JVM ignores SIGINT, inherited from whatever started this"
                        + " build (e.g. a background job of a non-interactive shell), so Ctrl-C cannot be tested here");
            }
        }
    }

    private static String readQuietly(Process process) {
        try {
            return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return e.toString();
        }
    }

    /** The child's stdout and stderr, line by line, kept in memory and copied to a file for a reader of a failure. */
    private static final class ChildConsole {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Thread reader;

        private ChildConsole(Process child, Path copy) throws IOException {
            Files.createDirectories(copy.getParent());
            Writer file = Files.newBufferedWriter(copy, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // Ends at end of stream, which comes when the child exits (the finally block makes sure it does).
            reader = new Thread(() -> {
                try (in; file) {
                    String line;
                    while ((line = in.readLine()) != null) {
                        lines.add(line);
                        file.write(line);
                        file.write(System.lineSeparator());
                        file.flush();
                    }
                } catch (IOException e) {
                    lines.add("(reading the demo's console failed: " + e + ")");
                }
            }, "demo-console");
            reader.setDaemon(true);
            reader.start();
        }

        static ChildConsole follow(Process child, Path copy) throws IOException {
            return new ChildConsole(child, copy);
        }

        List<String> lines() {
            return new ArrayList<>(lines);
        }

        /** The first line that matches, waiting at most {@code timeout}; gives up early once the child is gone and read. */
        Optional<String> await(Process child, Predicate<String> match, Duration timeout) throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            while (true) {
                boolean ended = !reader.isAlive();
                for (String line : lines) {
                    if (match.test(line)) {
                        return Optional.of(line);
                    }
                }
                if (ended && !child.isAlive() || System.nanoTime() - deadline >= 0) {
                    return Optional.empty();
                }
                Thread.sleep(POLL_MILLIS);
            }
        }

        boolean awaitEnd(Duration timeout) throws InterruptedException {
            reader.join(timeout.toMillis());
            return !reader.isAlive();
        }

        String tail() {
            List<String> all = lines();
            List<String> tail = all.subList(Math.max(0, all.size() - CONSOLE_TAIL_LINES), all.size());
            return "; the demo's console (last " + tail.size() + " of " + all.size() + " lines):\n  " + String.join("\n  ", tail);
        }
    }
}
