package dev.wsguard.it.proxy;

import static org.junit.jupiter.api.Assertions.fail;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
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
        Optional<Path> found = find(overrideVariable, candidates);
        if (found.isPresent()) {
            return found.get();
        }
        String message = name + " is not installed (" + installHint + "; or set " + overrideVariable + ")";
        if ("1".equals(System.getenv(REQUIRE_ALL))) {
            fail(message + ", and " + REQUIRE_ALL + "=1 requires every test to run");
        }
        // Surefire keeps the tests' System.err in report files; the fork's own stderr reaches the console.
        new java.io.PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.err), true)
                .println("[WARNING] SKIPPED LOUDLY: " + message);
        Assumptions.abort(message);
        throw new AssertionError("unreachable");
    }

    static Optional<Path> find(String overrideVariable, String... candidates) {
        String override = System.getenv(overrideVariable);
        if (override != null && !override.isBlank()) {
            Path p = Path.of(override);
            return Files.isExecutable(p) ? Optional.of(p) : Optional.empty();
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
