package dev.wsguard.testkit.tools;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Assumptions;

/**
 * A program from outside the JVM that a test needs (nginx, say). Missing on a developer's machine:
 * the test is skipped, loudly. Missing where {@code WSGUARD_REQUIRE_ALL=1} (CI): the test fails.
 */
public final class ExternalTool {

    public static final String REQUIRE_ALL = "WSGUARD_REQUIRE_ALL";

    private ExternalTool() {
    }

    /**
     * The first executable among the override variable and the usual places.
     *
     * @param overrideVariable an environment variable naming the program, checked first
     * @param installHint      what to install, for the skip or failure message
     */
    public static Path require(String name, String overrideVariable, String installHint, String... candidates) {
        return require(System::getenv, consoleErr(), name, overrideVariable, installHint, candidates);
    }

    /** {@link #require} with the environment and the warning stream given (the unit test's doubles). */
    static Path require(UnaryOperator<String> env, PrintStream warnings, String name, String overrideVariable,
                        String installHint, String... candidates) {
        String override = env.apply(overrideVariable);
        boolean overridden = override != null && !override.isBlank();
        Optional<Path> found = find(override, candidates);
        if (found.isPresent()) {
            return found.get();
        }
        // An explicit override that is wrong must not quietly fall back to another copy of the program.
        String message = overridden
                ? overrideVariable + "=" + override + " is not an executable file (" + name + ": " + installHint + ")"
                : name + " is not installed (" + installHint + "; or set " + overrideVariable + ")";
        skipOrFail(env, warnings, message);
        throw new AssertionError("unreachable");
    }

    /**
     * Skips the calling test with {@code message}, loudly (a warning on the console, which Surefire does not
     * swallow), or fails it where {@code WSGUARD_REQUIRE_ALL=1}.
     */
    public static void skipOrFail(String message) {
        skipOrFail(System::getenv, consoleErr(), message);
    }

    static void skipOrFail(UnaryOperator<String> env, PrintStream warnings, String message) {
        if ("1".equals(env.apply(REQUIRE_ALL))) {
            fail(message + ", and " + REQUIRE_ALL + "=1 requires every test to run");
        }
        warnings.println("[WARNING] SKIPPED LOUDLY: " + message);
        Assumptions.abort(message);
    }

    /** Surefire keeps the tests' System.err in report files; the fork's own stderr reaches the console. */
    private static PrintStream consoleErr() {
        return new PrintStream(new FileOutputStream(FileDescriptor.err), true);
    }

    private static Optional<Path> find(String override, String... candidates) {
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) && !Files.isDirectory(p) ? Optional.of(p) : Optional.empty();
        }
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }
}
