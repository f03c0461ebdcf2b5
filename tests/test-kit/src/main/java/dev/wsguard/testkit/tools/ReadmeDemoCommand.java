package dev.wsguard.testkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
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

/**
 * A demo command as the repository's README gives it ({@code mvn -Pdemo -DskipTests -pl MODULE -am package}), run
 * as a person would from a terminal and stopped with Ctrl-C. {@link #run} checks the README still gives the command,
 * copies the source tree to a temporary directory outside the repository (Maven looks upward from its working
 * directory for a {@code .mvn} directory), runs the command there, follows its console until the banner names the
 * port, hands the running demo to the test's checks, sends SIGINT, and checks the command exits by itself with
 * status 130, the port closed and no process left. The copy is deleted at the end; a copy of the console stays in
 * {@code target/demo-command-it/console.log} of the module running the test, for the reader of a failure.
 *
 * <p>The copy holds the root pom, every module's pom (Maven reads each module the root lists, even with
 * {@code -pl}) and the full sources of the modules {@code -am} builds, without {@code target/}. The command runs
 * with the Maven running this build ({@value #MAVEN_HOME_PROPERTY}) and its JDK, offline ({@code -o}: the outer
 * build has resolved every plugin and dependency, exec-maven-plugin included, see the modules' poms), in batch mode
 * ({@code -B}, no colour codes on the console), on a free port ({@code -Dport=0}, as the README allows), with this
 * build's local repository ({@value #LOCAL_REPOSITORY_PROPERTY}) where it is not the default one. Failsafe sets the
 * three properties from the module's pom.
 */
public final class ReadmeDemoCommand {

    /** The repository root; failsafe sets it to the module's parent directory. */
    public static final String REPOSITORY_PROPERTY = "wsguard.repository";
    /** The Maven installation running this build (its {@code maven.home}), so the child uses the same Maven. */
    public static final String MAVEN_HOME_PROPERTY = "wsguard.maven.home";
    /** This build's local repository ({@code settings.localRepository}). */
    public static final String LOCAL_REPOSITORY_PROPERTY = "wsguard.maven.repo.local";

    /** What is added to the README's words: offline, batch mode (no colours), and any free port (both demos read {@code port}). */
    static final List<String> ADDED_OPTIONS = List.of("-o", "-B");
    static final String PORT_OPTION = "-Dport=0";

    /** Build output and tool state, none of it source (the repository's .gitignore lists them). */
    private static final Set<String> NOT_COPIED = Set.of("target", ".git", ".cifuzz-corpus", ".idea", ".vscode", ".settings");
    private static final int MAX_COPIED_FILES = 5_000;

    /** A build of several modules, then the demo's start, on a shared 2-core machine. */
    private static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(300);
    /** How long a line the test waits for may take to reach the console. */
    private static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration IO_TIMEOUT = Duration.ofSeconds(10);
    /** The demos' servers stop within 2 s (Jetty's stop timeout, Boot's graceful shutdown); the rest is JVM shutdown on a busy machine. */
    private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(30);
    private static final long POLL_MILLIS = 50;
    private static final int CONSOLE_TAIL_LINES = 60;

    /** A JVM that ends on a signal, after its shutdown hooks, exits with 128 + the signal's number (SIGINT: 2). */
    static final int EXIT_STATUS_AFTER_SIGINT = 128 + 2;
    /** Bit of SIGINT (2) in the SigIgn mask of /proc/PID/status. */
    private static final long SIGINT_MASK_BIT = 1L << (2 - 1);

    /** What a test checks while the demo runs. */
    @FunctionalInterface
    public interface WhileRunning {
        /**
         * @param port    the port the banner names
         * @param console the command's console so far, and the way to wait for a line on it
         */
        void check(int port, Console console) throws Exception;
    }

    private final String readmeCommand;
    private final Pattern banner;
    private final List<Path> builtModules;
    private final String owner;

    private ReadmeDemoCommand(String readmeCommand, Pattern banner, List<Path> builtModules, String owner) {
        this.readmeCommand = readmeCommand;
        this.banner = banner;
        this.builtModules = builtModules;
        this.owner = owner;
    }

    /**
     * @param readmeCommand the command exactly as the README gives it, starting with {@code mvn}
     * @param banner        the demo's banner, whose first group is the port it listens on
     * @param builtModules  the modules {@code -am} builds, relative to the repository root ("tests/test-kit"),
     *                      copied in full; of the others only the pom is copied
     */
    public static ReadmeDemoCommand of(String readmeCommand, Pattern banner, String... builtModules) {
        if (!readmeCommand.startsWith("mvn ")) {
            throw new IllegalArgumentException("not a Maven command: " + readmeCommand);
        }
        if (banner.matcher("").groupCount() < 1) {
            throw new IllegalArgumentException("the banner pattern has no group for the port: " + banner);
        }
        if (builtModules.length == 0) {
            throw new IllegalArgumentException("no built modules for " + readmeCommand);
        }
        Class<?> caller = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE).getCallerClass();
        return new ReadmeDemoCommand(readmeCommand, banner, Stream.of(builtModules).map(Path::of).toList(),
                caller.getSimpleName());
    }

    /**
     * Runs the command with {@code whileRunning} between its banner and Ctrl-C, and returns its whole console once
     * the command has exited, for checks of what the demo printed on its way out.
     */
    public Console run(WhileRunning whileRunning) throws Exception {
        Path repository = Path.of(requiredProperty(REPOSITORY_PROPERTY)).toAbsolutePath().normalize();
        String readme = Files.readString(repository.resolve("README.md"), StandardCharsets.UTF_8);
        assertTrue(readme.contains(readmeCommand), "the README no longer gives the demo command '" + readmeCommand
                + "': update " + owner + " with it");
        Path consoleCopy = Path.of("target", "demo-command-it", "console.log").toAbsolutePath();
        // Named after the test: under -T 2 both demo ITs run at once, and neither copy's path may contain the other's
        // (the check that no process is left looks for the path on command lines).
        Path copy = Files.createTempDirectory("wsguard-" + owner + "-");
        try {
            long copyStart = System.nanoTime();
            int copied = copySourceTree(repository, copy, builtModules);
            System.out.printf("copied %d files to %s in %d ms%n", copied, copy, millisSince(copyStart));
            Path mvn = Path.of(requiredProperty(MAVEN_HOME_PROPERTY), "bin", "mvn");
            assertTrue(Files.isExecutable(mvn), "no executable " + mvn);
            Path local = Path.of(requiredProperty(LOCAL_REPOSITORY_PROPERTY));
            List<String> command = new ArrayList<>(withSigintAsInATerminal());
            command.addAll(command(mvn, readmeCommand, local, Path.of(System.getProperty("user.home"))));
            return runAndStop(command, copy, consoleCopy, whileRunning);
        } finally {
            deleteTree(copy);
        }
    }

    /** {@code mvn -o -B} and the README's words after {@code mvn}, {@code -Dport=0}, and the local repository unless it is the default one. */
    static List<String> command(Path mvn, String readmeCommand, Path localRepository, Path userHome) {
        List<String> command = new ArrayList<>();
        command.add(mvn.toString());
        command.addAll(ADDED_OPTIONS);
        List<String> words = List.of(readmeCommand.split(" "));
        command.addAll(words.subList(1, words.size()));
        command.add(PORT_OPTION);
        // The child reads the same settings; only a local repository given on this build's command line differs.
        Path local = localRepository.toAbsolutePath().normalize();
        if (!local.equals(userHome.resolve(".m2").resolve("repository").toAbsolutePath().normalize())) {
            command.add("-Dmaven.repo.local=" + local);
        }
        return command;
    }

    private Console runAndStop(List<String> command, Path copy, Path consoleCopy, WhileRunning whileRunning) throws Exception {
        System.out.println("running in " + copy + ": " + String.join(" ", command));
        ProcessBuilder builder = new ProcessBuilder(command).directory(copy.toFile()).redirectErrorStream(true);
        // The JDK running this test, which is the one the outer build runs on.
        builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
        long start = System.nanoTime();
        Process child = builder.start();
        List<ProcessHandle> tree = new ArrayList<>();
        try {
            Console console = new Console(child, consoleCopy);

            String bannerLine = console.await(banner.asPredicate(), STARTUP_TIMEOUT)
                    .orElseGet(() -> fail("no banner matching '" + banner + "' within " + STARTUP_TIMEOUT.toSeconds()
                            + " s (child " + (child.isAlive() ? "still running" : "exited with " + child.exitValue()) + ")"
                            + console.tail()));
            System.out.printf("build and start: %d ms to the banner%n", millisSince(start));
            Matcher url = banner.matcher(bannerLine);
            assertTrue(url.find());
            int port = Integer.parseInt(url.group(1));
            assertTrue(port > 0, "the banner names port 0: " + bannerLine);
            assertSigintNotIgnored(child.pid());
            // exec:java runs the demo inside Maven's JVM; anything else started meanwhile must end with it.
            tree.add(child.toHandle());
            child.descendants().forEach(tree::add);

            whileRunning.check(port, console);

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

            assertThrows(ConnectException.class, () -> RawHttp.exchange(port, RawRequest.get("/").build()),
                    "port " + port + " still accepts connections after the demo exited");
            assertNoProcessLeft(tree, copy);
            System.out.printf("whole command: %d ms%n", millisSince(start));
            return console;
        } finally {
            if (child.isAlive()) {
                child.descendants().forEach(ProcessHandle::destroyForcibly);
                child.destroyForcibly();
                child.waitFor(IO_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    /**
     * Every process of the command's tree has ended, and none anywhere still runs in the copy (one that
     * left the tree, re-parented, would still name the copy's path on its command line).
     */
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
    static int copySourceTree(Path repository, Path copy, List<Path> builtModules) throws IOException {
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
                boolean inBuiltModule = builtModules.stream()
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
     * (Essential on Debian) can; where neither is found the plain command runs, and {@link #assertSigintNotIgnored}
     * says why Ctrl-C cannot work if it was ignored.
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

    /** The command's stdout and stderr, line by line, kept in memory and copied to a file for a reader of a failure. */
    public static final class Console {
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Process child;
        private final Thread reader;

        private Console(Process child, Path copy) throws IOException {
            this.child = child;
            Files.createDirectories(copy.getParent());
            Writer file = Files.newBufferedWriter(copy, StandardCharsets.UTF_8);
            BufferedReader in = new BufferedReader(new InputStreamReader(child.getInputStream(), StandardCharsets.UTF_8));
            // Ends at end of stream, which comes when the child exits (run's finally block makes sure it does).
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

        /** The lines so far (all of them, once {@link #run} has returned). */
        public List<String> lines() {
            return new ArrayList<>(lines);
        }

        /**
         * The first line that matches, waiting a bounded time (10 s) for it to reach the console; fails with
         * {@code failure} and the console's tail if none does.
         */
        public String awaitLine(Predicate<String> match, String failure) throws InterruptedException {
            return await(match, LINE_TIMEOUT).orElseGet(() -> fail(failure + tail()));
        }

        /** Some line so far matches, or the test fails with {@code failure} and the console's tail. */
        public void assertAnyLine(Predicate<String> match, String failure) {
            assertTrue(lines.stream().anyMatch(match), () -> failure + tail());
        }

        /**
         * No line so far matches, or the test fails with {@code failure} and the console's tail. Proves absence
         * only of what was printed before now: after {@link #run} returns, the whole console.
         */
        public void assertNoLine(Predicate<String> match, String failure) {
            assertTrue(lines.stream().noneMatch(match), () -> failure + tail());
        }

        /** The first line that matches, waiting at most {@code timeout}; gives up early once the child is gone and read. */
        Optional<String> await(Predicate<String> match, Duration timeout) throws InterruptedException {
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

        /** The last 60 lines, for a failure message (it starts with "; the demo's console"). */
        public String tail() {
            List<String> all = lines();
            List<String> tail = all.subList(Math.max(0, all.size() - CONSOLE_TAIL_LINES), all.size());
            return "; the demo's console (last " + tail.size() + " of " + all.size() + " lines):\n  " + String.join("\n  ", tail);
        }
    }
}
