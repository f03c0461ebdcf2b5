package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.spring.boot.InvalidWsguardPropertyException;
import dev.wsguard.testkit.log.GuardLogCapture;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * A value wsguard's filter refuses stops the application before its server takes requests, and Boot's
 * "APPLICATION FAILED TO START" report, written by the starter's failure analyzer, names the property, the value,
 * what is allowed and where it was set. {@link RecordingFailureAnalysisReporter} keeps what Boot reported.
 */
class StarterBadValueTest {

    private static GuardLogCapture log;

    @BeforeAll
    static void attach() {
        log = GuardLogCapture.attach();
    }

    @AfterAll
    static void detach() {
        log.close();
    }

    @Test
    void aBogusModeInTheApplicationsPropertiesFailsStartupWithTheStartersAnalysis() {
        FailureAnalysis analysis = failedStart("bogus");

        String description = analysis.getDescription();
        assertTrue(description.contains("'wsguard.mode'"), description);
        assertTrue(description.contains("[bogus]"), description);
        assertTrue(description.contains("allowed values: log, enforce, off"), description);
        assertTrue(description.contains("application-bogus.properties"), "where it was set: " + description);
        String action = analysis.getAction();
        assertTrue(action.contains("'wsguard.mode'") && action.contains("log, enforce, off"), action);
    }

    @Test
    void aNumberOutOfRangeIsRefusedByTheFiltersOwnRule() {
        FailureAnalysis analysis = failedStart(null, "--wsguard.log-window=0");

        String description = analysis.getDescription();
        assertTrue(description.contains("'wsguard.log-window'") && description.contains("[0]"), description);
        assertTrue(description.contains("from 1 to 86400"), description);
        assertTrue(description.contains("commandLineArgs"), "where it was set: " + description);
    }

    /** Starts the application expecting it to fail; returns Boot's one failure analysis of it. */
    private static FailureAnalysis failedStart(String profile, String... args) {
        int reported = RecordingFailureAnalysisReporter.mark();
        int logged = log.mark();
        RuntimeException failure = assertThrows(RuntimeException.class, () -> BootApp.start(profile, List.of(), args)
                .close());
        assertTrue(hasCause(failure, InvalidWsguardPropertyException.class), "failed otherwise: " + failure);

        List<FailureAnalysis> analyses = RecordingFailureAnalysisReporter.since(reported);
        assertEquals(1, analyses.size(), "Boot reported " + analyses);
        FailureAnalysis analysis = analyses.get(0);
        assertInstanceOf(InvalidWsguardPropertyException.class, analysis.getCause(),
                "the analysis is the starter's, not another analyzer's");
        assertTrue(log.messagesSince(logged).isEmpty(), "the filter never started: " + log.messagesSince(logged));
        return analysis;
    }

    private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
        for (Throwable c = t; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (type.isInstance(c)) {
                return true;
            }
        }
        return false;
    }
}
