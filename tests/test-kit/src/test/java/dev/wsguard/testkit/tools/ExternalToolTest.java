package dev.wsguard.testkit.tools;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.opentest4j.AssertionFailedError;
import org.opentest4j.TestAbortedException;

/** A missing tool skips loudly on a laptop and fails under WSGUARD_REQUIRE_ALL=1; never a silent pass. */
class ExternalToolTest {

    private static final String VARIABLE = "WSGUARD_NGINX";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream warnings = new ByteArrayOutputStream();

    private Path require(Map<String, String> env, String... candidates) {
        UnaryOperator<String> lookup = env::get;
        return ExternalTool.require(lookup, new PrintStream(warnings, true, StandardCharsets.UTF_8), "nginx", VARIABLE,
                "apt-get install nginx-light", candidates);
    }

    private String warned() {
        return warnings.toString(StandardCharsets.UTF_8);
    }

    @Test
    void overrideNamingAMissingFileSkipsWithAWarningThatNamesIt() {
        String missing = dir.resolve("no-nginx-here").toString();
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> require(Map.of(VARIABLE, missing), "/bin/sh"));
        assertTrue(skipped.getMessage().contains(VARIABLE + "=" + missing + " is not an executable file"),
                skipped::getMessage);
        assertTrue(warned().startsWith("[WARNING] SKIPPED LOUDLY: " + VARIABLE + "=" + missing), this::warned);
    }

    @Test
    void overrideNamingAMissingFileFailsUnderRequireAll() {
        String missing = dir.resolve("no-nginx-here").toString();
        AssertionFailedError failed = assertThrows(AssertionFailedError.class,
                () -> require(Map.of(VARIABLE, missing, ExternalTool.REQUIRE_ALL, "1")));
        assertTrue(failed.getMessage().contains(ExternalTool.REQUIRE_ALL + "=1 requires every test to run"),
                failed::getMessage);
        assertEquals("", warned(), "a failure is not a skip");
    }

    @Test
    void noCandidateInstalledSkipsSayingWhatToInstall() {
        TestAbortedException skipped = assertThrows(TestAbortedException.class,
                () -> require(Map.of(), dir.resolve("sbin/nginx").toString()));
        assertEquals("nginx is not installed (apt-get install nginx-light; or set " + VARIABLE + ")",
                skipped.getMessage());
        assertTrue(warned().contains("SKIPPED LOUDLY"), this::warned);
    }

    @Test
    void anExecutableOverrideIsUsed() throws Exception {
        Path tool = Files.createFile(dir.resolve("nginx"));
        assertTrue(tool.toFile().setExecutable(true), "the fixture must be executable");
        assertEquals(tool, require(Map.of(VARIABLE, tool.toString(), ExternalTool.REQUIRE_ALL, "1")));
        assertEquals("", warned());
    }
}
