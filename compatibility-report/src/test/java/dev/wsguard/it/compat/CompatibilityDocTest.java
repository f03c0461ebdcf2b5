package dev.wsguard.it.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.it.containers.WorkDirs;
import dev.wsguard.it.report.CaseResult;
import dev.wsguard.it.report.ResultsFile;
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
 * or a new wsguard line shows up here as a difference to review and commit.
 */
class CompatibilityDocTest {

    @Test
    void committedDocumentMatchesThisRun() throws IOException {
        List<CaseResult> results = new ArrayList<>();
        for (String dir : System.getProperty("wsguard.compat.results", "").split(",")) {
            if (!dir.isBlank()) {
                results.addAll(ResultsFile.readAll(Paths.get(dir.trim())));
            }
        }
        CompatibilityDocument document = new CompatibilityDocument(results);
        assertTrue(document.missing().isEmpty(), () -> "results missing, so the document would be incomplete: "
                + document.missing() + ". Run the whole build (mvn verify from the root).");
        String rendered = document.render();
        Files.writeString(WorkDirs.target().resolve("compatibility.md"), rendered, StandardCharsets.UTF_8);

        Path committed = Paths.get(System.getProperty("wsguard.compat.doc", "../docs/compatibility.md"));
        if (Boolean.getBoolean("wsguard.compat.update")) {
            Files.writeString(committed, rendered, StandardCharsets.UTF_8);
            return;
        }
        String current = Files.exists(committed) ? Files.readString(committed, StandardCharsets.UTF_8) : "(missing)";
        assertEquals(current, rendered, () -> committed.normalize() + " does not match this run (see "
                + WorkDirs.target().resolve("compatibility.md") + "; first difference at line " + firstDifference(current,
                rendered) + "). If the change is expected, refresh it: mvn verify -Dwsguard.compat.update=true");
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
