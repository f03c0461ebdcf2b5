package dev.wsguard.suite.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Results count only for the build that wrote them: a file left by an earlier build is named, never read. */
class ResultsFileTest {

    @TempDir
    Path target;

    private final String previous = System.getProperty(ResultsFile.BUILD_PROPERTY);

    @AfterEach
    void restoreBuild() {
        if (previous == null) {
            System.clearProperty(ResultsFile.BUILD_PROPERTY);
        } else {
            System.setProperty(ResultsFile.BUILD_PROPERTY, previous);
        }
    }

    private void writeAs(String build, String name) {
        System.setProperty(ResultsFile.BUILD_PROPERTY, build);
        ResultsFile file = new ResultsFile(name);
        file.add(new CaseResult("CATALOGUE", "jetty-12.1", "S1", "log", "101", List.of(), List.of(), true, "", Map.of()));
        file.write(target);
    }

    @Test
    void resultsOfThisBuildAreRead() throws Exception {
        writeAs("2026-12-01T20:00:00.000Z", "jetty-12.1-suite");
        ResultsFile.Loaded loaded = ResultsFile.readAll(target.resolve(ResultsFile.DIRECTORY), "2026-12-01T20:00:00.000Z");
        assertEquals(List.of("S1"), loaded.results().stream().map(CaseResult::item).toList());
        assertEquals(List.of(), loaded.stale());
    }

    @Test
    void resultsOfAnotherBuildAreNamedNotRead() throws Exception {
        writeAs("2026-12-01T20:00:00.000Z", "jetty-12.1-suite");
        writeAs("2026-12-01T21:00:00.000Z", "tomcat-11-suite");
        ResultsFile.Loaded loaded = ResultsFile.readAll(target.resolve(ResultsFile.DIRECTORY), "2026-12-01T21:00:00.000Z");
        assertEquals(1, loaded.results().size());
        assertEquals(1, loaded.stale().size());
        assertTrue(loaded.stale().get(0).contains("jetty-12.1-suite.json (build 2026-12-01T20:00:00.000Z)"),
                () -> loaded.stale().toString());
    }

    @Test
    void aFileOfTheOldUnstampedFormatIsStale() throws Exception {
        Path dir = Files.createDirectories(target.resolve(ResultsFile.DIRECTORY));
        Files.writeString(dir.resolve("old.json"), "[]", StandardCharsets.UTF_8);
        ResultsFile.Loaded loaded = ResultsFile.readAll(dir, "2026-12-01T21:00:00.000Z");
        assertEquals(List.of(), loaded.results());
        assertTrue(loaded.stale().get(0).endsWith("old.json (build unknown: an older format)"), () -> loaded.stale().toString());
    }

    @Test
    void aJvmOutsideMavenIsUnstamped() {
        System.clearProperty(ResultsFile.BUILD_PROPERTY);
        assertEquals("unstamped", ResultsFile.currentBuild());
        System.setProperty(ResultsFile.BUILD_PROPERTY, "${maven.build.timestamp}");
        assertEquals("unstamped", ResultsFile.currentBuild(), "an unresolved property is no build");
    }
}
