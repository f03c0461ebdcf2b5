package dev.wsguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.tools.ExternalTool;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.ResultsFile;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * docs/compatibility.md is what this run observed: rendered from every module's results into
 * {@code target/compatibility.md}, then compared with the committed file (or written over it with
 * {@code -Dwsguard.compat.update=true}). A container whose behaviour changed, a client whose message changed,
 * or a new wsguard line shows up here as a difference to review and commit. Only results this build wrote count,
 * a case skipped on this machine is named with its reason, and the JDK the run used is shown but not compared.
 */
class CompatibilityDocTest {

    @Test
    void committedDocumentMatchesThisRun() throws IOException {
        String build = ResultsFile.currentBuild();
        List<CaseResult> results = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        for (String dir : System.getProperty("wsguard.compat.results", "").split(",")) {
            if (!dir.isBlank()) {
                ResultsFile.Loaded loaded = ResultsFile.readAll(Paths.get(dir.trim()), build);
                results.addAll(loaded.results());
                stale.addAll(loaded.stale());
            }
        }
        // A module that did not run in this build may have left its files from an earlier one: never trust them.
        assertTrue(stale.isEmpty(), () -> "results from another build than this one (" + build + "), so they may not"
                + " describe this code: " + stale + ". Run the whole build (mvn verify from the root).");
        CompatibilityDocument document = new CompatibilityDocument(results, Runtime.version().toString() + " ("
                + System.getProperty("java.vendor", "unknown vendor") + ")");
        assertTrue(document.missing().isEmpty(), () -> "results missing, so the document would be incomplete: "
                + document.missing() + ". Run the whole build (mvn verify from the root).");
        String rendered = document.render();
        Files.writeString(WorkDirs.target().resolve("compatibility.md"), rendered, StandardCharsets.UTF_8);
        String skipped = document.skipped();
        if (!skipped.isEmpty()) {
            // Neither a pass nor a stale-document failure: say which cases did not run and why.
            ExternalTool.skipOrFail(committedPath().normalize() + " cannot be checked against this run, which skipped "
                    + skipped);
        }

        Path committed = committedPath();
        if (Boolean.getBoolean("wsguard.compat.update")) {
            Files.writeString(committed, rendered, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "(missing)";
        // The run-environment line (the JDK, its client's own wording) is the one part another machine may change.
        String expected = CompatibilityDocument.withoutRunEnvironment(current);
        String actual = CompatibilityDocument.withoutRunEnvironment(rendered);
        assertEquals(expected, actual, () -> committed.normalize() + " does not match this run (see "
                + WorkDirs.target().resolve("compatibility.md") + "; first difference at line "
                + firstDifference(expected, actual) + ", not counting the run-environment line). If the change is expected, refresh it: mvn verify -Dwsguard.compat.update=true");
    }

    private static Path committedPath() {
        return Paths.get(System.getProperty("wsguard.compat.doc", "../docs/compatibility.md"));
    }

    private static int firstDifference(String a, String b) {
        String[] x = a.split("\n", -1);
        String[] y = b.split("\n", -1);
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            if (!x[i].equals(y[i])) {
                return i + 1;
            }
        }
        return Math.min(x.length, y.length) + 1;
    }
}
