package dev.wsguard.suite.report;

import java.util.List;
import java.util.Map;

/**
 * One case of one suite on one container, as the compatibility document shows it. Every field is text a
 * run produced (normalised: no port, the context path written {@code /app}), so two runs of the same code on
 * the same containers give the same document.
 *
 * @param section which part of the suite ({@link Section})
 * @param container the container label ({@code jetty-12.0})
 * @param item what was tried: a catalogue row id, a client scenario, a WSG13 combination...
 * @param variant the mode or variant ({@code log}, {@code enforce}, {@code without wsguard}, a client name)
 * @param outcome what the client got, in one line ({@code 400 WSGuard-Code: WSG01}, an exception message)
 * @param codes the codes wsguard logged for it, in order
 * @param lines wsguard's per-incident lines (or the startup lines that matter), normalised
 * @param passed whether the case met its expectation
 * @param note a difference from docs/scenarios.md, a reason, or an observation worth a footnote; empty if none
 * @param details further named facts ({@code headers}, {@code expected}...)
 * @param skippedBecause why the case did not run (a tool missing on this machine), or empty where it ran
 */
public record CaseResult(String section, String container, String item, String variant, String outcome,
                         List<String> codes, List<String> lines, boolean passed, String note,
                         Map<String, String> details, String skippedBecause) {

    public CaseResult {
        codes = List.copyOf(codes);
        lines = List.copyOf(lines);
        note = note == null ? "" : note;
        details = Map.copyOf(details);
        skippedBecause = skippedBecause == null ? "" : skippedBecause;
    }

    /** A case that ran. */
    public CaseResult(String section, String container, String item, String variant, String outcome,
                      List<String> codes, List<String> lines, boolean passed, String note, Map<String, String> details) {
        this(section, container, item, variant, outcome, codes, lines, passed, note, details, "");
    }

    /**
     * A case that could not run here, recorded (not silently missing) so that the document's check can say why
     * it cannot match: never a pass.
     */
    public static CaseResult skipped(String section, String container, String item, String variant, String reason,
                                     Map<String, String> details) {
        return new CaseResult(section, container, item, variant, "skipped: " + reason, List.of(), List.of(), false, "",
                details, reason);
    }

    public boolean wasSkipped() {
        return !skippedBecause.isEmpty();
    }

    /** The parts of the suite, in the order the document shows them. */
    public enum Section {
        CONTAINER, BASELINE, CATALOGUE, NOT_RUN, DIFFERENTIAL, ECHO, MAPPINGS, JDK_CLIENT, CLIENT, WSG13, EVIDENCE,
        /** The catalogue replayed on a real server distribution (tests/distributions). */
        DISTRIBUTION,
        /** The catalogue and a valid upgrade with wsguard-filter-javax on a javax container (tests/javax). */
        JAVAX
    }
}
