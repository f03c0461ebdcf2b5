package dev.wsguard.sample.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
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
 * Runs the README's Spring Boot demo command itself, {@code mvn -Pdemo -DskipTests -pl spring-boot-sample -am package},
 * in a copy of the source tree, as a person would from a terminal: it builds the filter, the starter and the sample,
 * runs the application and prints its URL. The test then misroutes a handshake and finds wsguard's line on the
 * command's console (through Boot's logging), makes a right one (101 and an echo), presses Ctrl-C (SIGINT) and watches
 * the command end by itself after Boot's graceful shutdown, with the port closed and no process left. It also checks
 * that {@code -Pdemo} ran this demo only: the servlet sample, whose own profile is also called "demo", is not built.
 *
 * <p>As sample-webapp's {@code DemoCommandIT}, of which this is the Boot twin: the copy holds the root pom, every
 * module's pom, and the full sources of the modules {@code -am} builds, without {@code target/}; the command runs
 * offline ({@code -o}, this build resolved exec-maven-plugin for it), in batch mode, on a free port
 * ({@code -Dport=0}).
 */
@Tag(BootDemoPageChromiumIT.DEMO_IT_TAG)
class BootDemoCommandIT {

    static final String REPOSITORY_PROPERTY = "wsguard.repository";
    static final String MAVEN_HOME_PROPERTY = "wsguard.maven.home";
    static final String LOCAL_REPOSITORY_PROPERTY = "wsguard.maven.repo.local";

    /** The command as the repository's README gives it; the test checks the README still says exactly this. */
    static final String README_COMMAND = "mvn -Pdemo -DskipTests -pl spring-boot-sample -am package";
    private static final List<String> ADDED_OPTIONS = List.of("-o", "-B");
    private static final String PORT_OPTION = "-D" + BootDemo.PORT_PROPERTY + "=0";
    /** The modules {@code -pl spring-boot-sample -am} builds (the test kit: the filter's and this module's tests use it). */
    private static final List<Path> BUILT_MODULES = List.of(Path.of("filter"), Path.of("spring-boot-starter"),
            Path.of("spring-boot-sample"), Path.of("tests", "test-kit"));
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".cifuzz-corpus", ".idea", ".vscode", ".settings");
    private static final int MAX_COPIED_FILES = 5_000;

    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    /** Boot's graceful shutdown is bounded at 2 s (application.properties); the rest is JVM shutdown on a busy machine. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    private static final int CONSOLE_TAIL_LINES = 60;

    private static final int EXIT_STATUS_AFTER_SIGINT = 128 + 2;
    private static final long SIGINT_MASK_BIT = 1L << (2 - 1);

    private static final Pattern BANNER = Pattern.compile("wsguard Spring Boot demo: http://127\\.0\\.0\\.1:(\\d{1,5})/");
    /** The servlet demo's banner, which this command must not print. */
    private static final String SERVLET_DEMO_BANNER = "wsguard demo: http://";

    @Test
    void theReadmeCommandBuildsServesLogsAndStopsOnCtrlC() throws Exception {
        Path repository = Path.of(requiredProperty(REPOSITORY_PROPERTY)).toAbsolutePath().normalize();
        String readme = Files.readString(repository.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(README_COMMAND), "the README no longer gives the Spring Boot demo command '" + README_COMMAND
                + "': update " + getClass().getSimpleName() + " with it");
        Path workDir = Path.of("target", "demo-command-it").toAbsolutePath();
        Path consoleCopy = workDir.resolve("console.log");
        Files.createDirectories(workDir);
        // Outside the repository: Maven looks upward from the working directory for a .mvn directory.
        Path copy = Files.createTempDirectory("wsguard-boot-demo-command-");
        try {
            long copyStart = System.nanoTime();
            int copied = copySourceTree(repository, copy);
            System.out.printf("copied %d files to %s in %d ms%n", copied, copy, millisSince(copyStart));
            runAndStop(command(), copy, consoleCopy);
        } finally {
            deleteTree(copy);
        }
    }

    private static List<String> command() throws InterruptedException {
        Path mvn = Path.of(requiredProperty(MAVEN_HOME_PROPERTY), "bin", "mvn");
        assertTrue(Files.isExecutable(mvn), "no executable " + mvn);
        List<String> command = new ArrayList<>(withSigintAsInATerminal());
        command.add(mvn.toString());
        command.addAll(ADDED_OPTIONS);
        List<String> words = List.of(README_COMMAND.split(" "));
        command.addAll(words.subList(1, words.size()));
        command.add(PORT_OPTION);
        Path local = Path.of(requiredProperty(LOCAL_REPOSITORY_PROPERTY)).toAbsolutePath().normalize();
        if (!local.equals(Path.of(System.getProperty("user.home"), ".m2", "repository").toAbsolutePath().normalize())) {
            command.add("-Dmaven.repo.local=" + local);
        }
        return command;
    }

    private void runAndStop(List<String> command, Path copy, Path consoleCopy) throws Exception {
        System.out.println("running in " + copy + ": " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process child = builder.start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            ChildConsole console = ChildConsole.follow(child, consoleCopy);

            String banner = console.await(child, BANNER.asPredicate(), STARTUP_TIMEOUT)
                    .orElseGet(() -> fail("no banner 'wsguard Spring Boot demo: http://127.0.0.1:N/' within "
                            + STARTUP_TIMEOUT.toSeconds() + " s (child " + (child.isAlive() ? "still running" : "exited with "
                            + child.exitValue()) + ")" + console.tail()));
            System.out.printf("build and start: %d ms to the banner%n", millisSince(start));
            Matcher url = BANNER.matcher(banner);
            assertTrue(url.find());
            int port = Integer.parseInt(url.group(1));
            assertTrue(port > 0, "the banner names port 0: " + banner);
            assertSigintNotIgnored(child.pid());
            tree.add(child.toHandle());
            child.descendants().forEach(tree::add);

            // -Pdemo with -pl spring-boot-sample -am: the reactor holds no servlet sample, so its "demo" never runs.
            List<String> before = console.lines();
            assertTrue(before.stream().noneMatch(l -> l.contains("wsguard sample webapp") || l.contains(SERVLET_DEMO_BANNER)),
                    () -> "the command built or started the servlet demo too" + console.tail());
            assertTrue(before.stream().anyMatch(l -> l.contains("WSG00 ") && l.contains("endpoints known: 5")),
                    () -> "no WSG00 startup line with the four endpoints of wsguard.endpoints" + console.tail());

            // A valid upgrade to a typo: the single-page app's fallback answers 200, and the console gets WSG01.
            try (RawResponse answer = RawHttp.exchange(port, RawRequest.validUpgrade("/ecco"))) {
                assertEquals(200, answer.status(), () -> "the fallback must answer /ecco with 200, got: " + answer);
            }
            console.await(child, line -> line.contains("dev.wsguard") && line.contains("WSG01 WebSocket upgrade GET /ecco from")
                            && line.contains("Closest endpoint: /echo."), LINE_TIMEOUT)
                    .orElseGet(() -> fail("no WSG01 line for /ecco, naming /echo, on the demo's console" + console.tail()));

            // The right URL: 101 with the accept value RFC 6455 prescribes, and the echo handler answers.
            try (RawResponse upgraded = RawHttp.exchange(port, RawRequest.validUpgrade(RawWebSockets.ECHO_PATH))) {
                assertEquals(101, upgraded.status(), () -> "the handshake to /echo must get 101, got: " + upgraded);
                assertEquals(RawRequest.SAMPLE_ACCEPT, upgraded.header("Sec-WebSocket-Accept").orElse(null), upgraded::head);
                String text = "hello from " + getClass().getSimpleName();
                WebSocketFrames.sendText(upgraded.upgradedOutput(), text);
                assertEquals(text, WebSocketFrames.read(upgraded.upgradedInput()).text(), "the echo handler's reply");
                WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
            }

            long interrupted = System.nanoTime();
            Process kill = new ProcessBuilder("kill", "-INT", Long.toString(child.pid())).redirectErrorStream(true).start();
            assertTrue(kill.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS), "kill -INT did not return");
            assertEquals(0, kill.exitValue(), () -> "kill -INT " + child.pid() + " failed: " + readQuietly(kill));

            assertTrue(child.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS),
                    () -> "the demo command did not exit within " + EXIT_TIMEOUT.toSeconds() + " s of SIGINT" + console.tail());
            System.out.printf("exit %d, %d ms after SIGINT%n", child.exitValue(), millisSince(interrupted));
            assertEquals(EXIT_STATUS_AFTER_SIGINT, child.exitValue(), () -> "exit status after SIGINT" + console.tail());
            assertTrue(console.awaitEnd(IO_TIMEOUT), "the demo's console did not reach its end after the JVM exited");

            // Boot's shutdown hook closed the application: Tomcat's graceful shutdown ran to its end.
            for (String stopped : List.of("Commencing graceful shutdown", "Graceful shutdown complete")) {
                assertTrue(console.lines().stream().anyMatch(l -> l.contains(stopped)),
                        () -> "no line '" + stopped + "' after SIGINT" + console.tail());
            }
            assertThrows(ConnectException.class, () -> RawHttp.exchange(port, RawRequest.get("/").build()),
                    "port " + port + " still accepts connections after the demo exited");
            assertNoProcessLeft(tree, copy);
            // Only misroutes are diagnosed: the right handshake left no line.
            assertTrue(console.lines().stream().noneMatch(l -> l.contains("GET /echo from")),
                    () -> "a line about the successful handshake to /echo" + console.tail());
        } finally {
            if (child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                child.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        System.out.printf("whole command: %d ms%n", millisSince(start));
    }

    private static void assertNoProcessLeft(List<ProcessHandle> tree, Path copy) throws InterruptedException {
        long deadline = System.nanoTime() + IO_TIMEOUT.toNanos();
        String copyPath = copy.toString();
        List<String> left;
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
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
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
     * A launcher that sets SIGINT back to its default before it execs the JVM (same process, same pid): a build started
     * as a background job hands SIGINT down ignored, and a JVM cannot un-ignore it. GNU env (coreutils 8.31+) or perl.
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
            Process p = new ProcessBuilder(probe).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                return false;
            }
            return p.exitValue() == 0;
        } catch (IOException e) {
            return false;
        }
    }

    /** A JVM keeps a signal ignored that it inherited as ignored, so Ctrl-C could not work: say so. Linux only (/proc). */
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
            }, "boot-demo-console");
            reader.setDaemon(true);
            reader.start();
        }

        static ChildConsole follow(Process child, Path copy) throws IOException {
            return new ChildConsole(child, copy);
        }

        List<String> lines() {
            return new ArrayList<>(lines);
        }

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
