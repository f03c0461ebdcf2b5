package dev.wsguard.suite.scenarios;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a test must observe for one row on one container in one mode.
 *
 * @param status exact status code
 * @param headers headers that must be present
 * @param absentHeaders header names that must not be present (wsguard's own, when it must not answer)
 * @param bodyPrefix what the body must start with, or null for no check
 * @param requestCode the one per-request code wsguard must log, or null for none
 * @param lineSays what that code's line must contain (empty when nothing is logged)
 * @param startupCodes the startup codes wsguard must log ({@code WSG00} always)
 * @param startupLineSays per startup code besides {@code WSG00}, what its line must contain
 * @param answeredByGuard whether wsguard itself writes the answer
 * @param connectionWorksAfter101 for a 101, whether an echo gets through the upgraded connection
 */
public record Expectation(int status, List<HeaderRule> headers, List<String> absentHeaders, String bodyPrefix,
                          String requestCode, List<String> lineSays, Set<String> startupCodes,
                          Map<String, List<String>> startupLineSays, boolean answeredByGuard,
                          boolean connectionWorksAfter101) {

    public Expectation {
        headers = List.copyOf(headers);
        absentHeaders = List.copyOf(absentHeaders);
        lineSays = List.copyOf(lineSays);
        startupCodes = Set.copyOf(startupCodes);
        startupLineSays = Map.copyOf(startupLineSays);
    }

    /** One line for tables and failure messages. */
    public String summary() {
        return status + (answeredByGuard ? " (wsguard)" : " (container)") + ", logs "
                + (requestCode == null ? "nothing per request" : requestCode);
    }
}
