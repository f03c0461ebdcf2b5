package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.log.GuardLogCapture;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Compares an observation with what a row expects and lists every mismatch, so one failure message
 * (and the result table) shows all that is wrong at once instead of the first assertion only.
 */
public final class Checks {

    private Checks() {
    }

    /** Mismatches between a wsguard run and the row's expectation for that container and mode. */
    public static List<String> against(Expectation expected, Observation observed) {
        List<String> problems = new ArrayList<>();
        checkStatusAndHeaders(expected.status(), expected.headers(), expected.connectionWorksAfter101(), observed,
                problems);
        for (String name : expected.absentHeaders()) {
            if (!observed.response().headers(name).isEmpty()) {
                problems.add("header " + name + " must be absent, got " + observed.response().headers(name));
            }
        }
        if (expected.bodyPrefix() != null && !observed.response().bodyText().startsWith(expected.bodyPrefix())) {
            problems.add("body must start with '" + expected.bodyPrefix() + "', got '"
                    + abbreviate(observed.response().bodyText()) + "'");
        }
        Set<String> wantedRequestCodes = expected.requestCode() == null
                ? Set.of() : Set.of(expected.requestCode());
        if (!observed.requestCodes().equals(wantedRequestCodes)) {
            problems.add("per-request codes logged: expected " + wantedRequestCodes + ", got "
                    + observed.requestCodes());
        }
        if (expected.requestCode() != null) {
            checkLine(expected, observed, problems);
        }
        if (!observed.startupCodes().equals(new LinkedHashSet<>(expected.startupCodes()))) {
            problems.add("startup codes logged: expected " + expected.startupCodes() + ", got "
                    + observed.startupCodes());
        }
        expected.startupLineSays().forEach((code, fragments) -> {
            List<String> lines = observed.startupLines(code);
            for (String fragment : fragments) {
                if (!lines.isEmpty() && lines.stream().noneMatch(line -> line.contains(fragment))) {
                    problems.add(code + " startup line must say '" + fragment + "', got: " + lines);
                }
            }
        });
        return problems;
    }

    /**
     * The line of the expected code must say what the row says it must, and tell which mode acted: a line that
     * claims an enforce answer in log mode (or hides one in enforce mode) would mislead whoever reads the log.
     */
    private static void checkLine(Expectation expected, Observation observed, List<String> problems) {
        String line = observed.requestLines().stream()
                .filter(l -> expected.requestCode().equals(GuardLogCapture.codeOf(l)))
                .findFirst().orElse(null);
        if (line == null) {
            return; // the code check above already says it is missing
        }
        for (String fragment : expected.lineSays()) {
            if (!line.contains(fragment)) {
                problems.add(expected.requestCode() + " line must say '" + fragment + "', got: " + line);
            }
        }
        boolean claimsEnforce = line.contains("(mode=enforce)");
        if (expected.answeredByGuard()) {
            String answered = "answered " + expected.status();
            if (!claimsEnforce || !line.toLowerCase(Locale.ROOT).contains(answered)) {
                problems.add(expected.requestCode() + " line must end saying wsguard " + answered
                        + " (mode=enforce), got: " + line);
            }
        } else if (claimsEnforce) {
            problems.add(expected.requestCode() + " line claims an enforce answer wsguard did not give: " + line);
        }
    }

    /** Mismatches between a run without wsguard and the container answer the catalogue records. */
    public static List<String> against(ContainerAnswer expected, Observation observed, boolean reachedFirstFilter) {
        List<String> problems = new ArrayList<>();
        checkStatusAndHeaders(expected.status(), expected.headers(), expected.connectionWorksAfter101(), observed,
                problems);
        if (expected.reachesFirstFilter() != reachedFirstFilter) {
            problems.add(expected.reachesFirstFilter()
                    ? "the first filter should have been given the request, but was not"
                    : "the first filter should not have been given the request, but was");
        }
        return problems;
    }

    private static void checkStatusAndHeaders(int status, List<HeaderRule> headers, boolean echoWorks,
                                              Observation observed, List<String> problems) {
        if (observed.status() != status) {
            problems.add("status: expected " + status + ", got " + observed.status());
        }
        for (HeaderRule rule : headers) {
            if (!rule.matches(observed.normalisedHeaders())) {
                problems.add("missing header " + rule + " (got " + observed.response().headers(rule.name()) + ")");
            }
        }
        if (observed.status() == 101 && echoWorks && !Observation.ECHO_TEXT.equals(observed.echoed())) {
            problems.add("101, but the echo round trip failed: "
                    + (observed.echoProblem() != null ? observed.echoProblem() : "echoed " + observed.echoed()));
        }
        if (observed.status() == 101 && !echoWorks && observed.echoProblem() == null) {
            problems.add("101 and the catalogue records that the connection dies after it, but the echo came back: "
                    + observed.echoed());
        }
    }

    /** A failure message: the problems, then the response head and body, then wsguard's log. */
    public static String report(String what, List<String> problems, Observation observed) {
        return what + ":\n - " + String.join("\n - ", problems)
                + "\nresponse:\n" + observed.response()
                + "\nwsguard log:" + observed.logText();
    }

    static String abbreviate(String text) {
        return text.length() > 120 ? text.substring(0, 120) + "..." : text;
    }
}
