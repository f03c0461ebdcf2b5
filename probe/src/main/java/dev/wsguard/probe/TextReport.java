package dev.wsguard.probe;

import java.util.List;
import java.util.Map;

/** The short report for a person: a verdict line, a few labelled lines, the fix. Colour only on the verdict. */
final class TextReport {

    private static final String RESET = "\u001b[0m";
    private static final String GREEN = "\u001b[32m";
    private static final String YELLOW = "\u001b[33m";
    private static final String RED = "\u001b[31m";
    private static final String BOLD = "\u001b[1m";
    /** The longest label and a space: values start in one column. */
    static final int LABEL_WIDTH = 18;

    private TextReport() {
    }

    static String render(Report r, boolean colour) {
        StringBuilder b = new StringBuilder(1024);
        b.append(r.url).append('\n');
        String verdictLine;
        if (r.verdict == Verdict.WORKS) {
            verdictLine = ProbeText.fill("verdict.works", "status", statusLine(r), "ms", String.valueOf(r.handshakeMs),
                    "pongMs", String.valueOf(r.pongMs));
        } else if (r.code != null) {
            verdictLine = ProbeText.fill("verdict.answer", "code", r.code.name(), "verdict", r.verdict.label(),
                    "status", statusLine(r), "ms", String.valueOf(r.handshakeMs));
        } else {
            verdictLine = ProbeText.fill("verdict.failure", "verdict", r.verdict.label(), "detail",
                    r.detail == null ? "" : r.detail);
        }
        b.append("  ").append(paint(verdictLine, colourOf(r.verdict), colour)).append('\n');
        if (r.code != null) {
            line(b, "label.meaning", r.code.meaning());
        }
        if (r.verdict != Verdict.WORKS && r.code == null && r.status != null) {
            // A failure after an answer came (a bad 101): the answer's status line still helps.
            line(b, "label.headers", "status " + statusLine(r));
        }
        if (!r.answeredBy.isEmpty()) {
            line(b, "label.answeredBy", String.join("; ", r.answeredBy));
        }
        if (r.verdict != Verdict.WORKS) {
            line(b, "label.body", r.body);
            line(b, "label.location", r.headers.get("Location"));
            line(b, "label.challenge", r.headers.get("WWW-Authenticate"));
            line(b, "label.serverCode", r.headers.get(dev.wsguard.diagnosis.EnforceAnswer.CODE_HEADER));
            // The server's own wsguard said what it saw (enforce mode with details=true): the best evidence there is.
            line(b, "label.serverDiagnosis", r.serverDiagnosis);
            if (r.code != null) {
                line(b, "label.detail", r.detail);
            }
        }
        if (r.sent != null) {
            line(b, "label.echo", r.echo == null ? r.detail : "'" + r.echo + "'");
        }
        steps(b, "label.redirects", r.redirects, false);
        steps(b, "label.variants", r.variants, true);
        if (r.h2 != null && r.h2.status() == null && !ProbeText.of("h2.cleartext").equals(r.h2.note())) {
            // An h2 answer is among the variants; a check that got none says why here. A cleartext URL's "not tried"
            // is for the JSON only: it would add a line to every misrouted ws:// report.
            line(b, "label.h2", r.h2.note());
        }
        if (r.verdict != Verdict.WORKS) {
            line(b, "label.fix", r.fix);
        }
        if (r.direct != null) {
            direct(b, r.direct, r.comparison);
        }
        return b.toString();
    }

    /** --direct: the backend's hop in two lines, then what the comparison found. */
    private static void direct(StringBuilder b, Report d, Comparison.Result c) {
        String outcome;
        if (d.verdict == Verdict.WORKS) {
            outcome = ProbeText.fill("verdict.works", "status", statusLine(d), "ms", String.valueOf(d.handshakeMs),
                    "pongMs", String.valueOf(d.pongMs));
        } else if (d.code != null) {
            outcome = ProbeText.fill("verdict.answer", "code", d.code.name(), "verdict", d.verdict.label(),
                    "status", statusLine(d), "ms", String.valueOf(d.handshakeMs));
        } else {
            outcome = ProbeText.fill("verdict.failure", "verdict", d.verdict.label(), "detail",
                    d.detail == null ? "" : d.detail);
        }
        line(b, "label.direct", d.url + ": " + outcome);
        if (!d.answeredBy.isEmpty()) {
            line(b, "label.directAnsweredBy", String.join("; ", d.answeredBy));
        }
        if (c == null) {
            return;
        }
        line(b, "label.backendLine", c.backendLine());
        line(b, "label.forwardedPath", c.forwardedPath());
        if (!c.dropped().isEmpty()) {
            line(b, "label.dropped", String.join(", ", c.dropped()));
        }
        line(b, "label.comparison", c.verdict());
    }

    private static String statusLine(Report r) {
        if (r.status == null) {
            return "-";
        }
        return r.reason == null || r.reason.isEmpty() ? String.valueOf(r.status) : r.status + " " + r.reason;
    }

    private static void steps(StringBuilder b, String label, List<Report.Step> steps, boolean variants) {
        if (steps.isEmpty()) {
            return;
        }
        StringBuilder s = new StringBuilder();
        boolean anyWorks = false;
        for (Report.Step step : steps) {
            if (s.length() > 0) {
                s.append("; ");
            }
            s.append(step.url() == null ? "-" : step.url());
            if (step.status() != null) {
                s.append(' ').append(step.status());
            }
            if (step.code() != null) {
                s.append(" (").append(step.code()).append(')');
            }
            if (step.note() != null && (step.status() == null || step.status() != 101)) {
                s.append(": ").append(step.note());
            }
            anyWorks |= step.works();
        }
        if (variants && !anyWorks) {
            s.append(" -> ").append(ProbeText.of("variants.none"));
        }
        line(b, label, s.toString());
    }

    private static void line(StringBuilder b, String labelKey, String value) {
        if (value == null) {
            return;
        }
        String label = ProbeText.of(labelKey);
        b.append("  ").append(label);
        for (int i = label.length(); i < LABEL_WIDTH; i++) {
            b.append(' ');
        }
        b.append(value).append('\n');
    }

    private static String colourOf(Verdict v) {
        switch (v) {
            case WORKS:
                return GREEN;
            case MISROUTED:
            case REFUSED:
                return YELLOW;
            default:
                return RED;
        }
    }

    private static String paint(String text, String colour, boolean on) {
        return on ? BOLD + colour + text + RESET : text;
    }

    /** Colour only at a terminal (a console) and not when NO_COLOR is set (no-color.org). */
    static boolean colour(boolean console, Map<String, String> env) {
        String noColor = env.get("NO_COLOR");
        return console && (noColor == null || noColor.isEmpty());
    }
}
