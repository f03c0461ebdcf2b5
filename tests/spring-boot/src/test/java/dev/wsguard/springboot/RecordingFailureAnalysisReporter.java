package dev.wsguard.springboot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalysisReporter;

/**
 * Keeps every failure analysis Boot reports (registered in this module's {@code META-INF/spring.factories}), so a test
 * reads the same description and action that Boot's own reporter prints under "APPLICATION FAILED TO START".
 */
public final class RecordingFailureAnalysisReporter implements FailureAnalysisReporter {

    private static final List<FailureAnalysis> REPORTED = new CopyOnWriteArrayList<>();

    @Override
    public void report(FailureAnalysis analysis) {
        REPORTED.add(analysis);
    }

    static int mark() {
        return REPORTED.size();
    }

    /** What was reported after {@code mark}. */
    static List<FailureAnalysis> since(int mark) {
        return List.copyOf(REPORTED.subList(mark, REPORTED.size()));
    }
}
