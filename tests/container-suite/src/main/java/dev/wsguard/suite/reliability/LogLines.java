package dev.wsguard.suite.reliability;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The invariants every wsguard line must keep whatever the request held: one line (no CR, LF, NEL, U+2028/2029),
 * no control character (C0, DEL, C1: so no NUL and no ESC), no bidi or other format character, and no piece of
 * request data longer than its cut. Request data is found where the message texts put it: the request URI after
 * the method, bracketed values ({@code [..]}), quoted header values, and runs of an attack's filler character.
 */
public final class LogLines {

    /** docs/how-it-works.md, "Bad input": each field of request data is cut to 256 characters. */
    public static final int FIELD_LIMIT = 256;

    /** {@code METHOD URI from} or {@code METHOD URI HTTP/1.1 from}: the URI as the line shows it. */
    private static final Pattern REQUEST_URI =
            Pattern.compile("(?:GET|POST|PUT|HEAD|DELETE|OPTIONS|PATCH|CONNECT|TRACE|\\S+) (\\S+)(?: \\S+)? from ");

    private static final Pattern FORGED = Pattern.compile("[\\r\\n\\u0085\\u2028\\u2029]\\s*WSG\\d\\d");

    private LogLines() {
    }

    /** Violations of the one-line, no-control-character rule in this line ({@code ""} when none). */
    public static String controlViolations(String line) {
        StringBuilder bad = new StringBuilder();
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            boolean control = c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f);
            int type = Character.getType(c);
            boolean separator = type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR;
            boolean format = type == Character.FORMAT;
            boolean loneSurrogate = Character.isSurrogate(c) && !(Character.isHighSurrogate(c) && i + 1 < line.length()
                    && Character.isLowSurrogate(line.charAt(i + 1))) && !(Character.isLowSurrogate(c) && i > 0
                    && Character.isHighSurrogate(line.charAt(i - 1)));
            if (control || separator || format || loneSurrogate) {
                bad.append(String.format("U+%04X at %d; ", (int) c, i));
            }
        }
        return bad.toString();
    }

    /** The longest run of {@code filler} in the line. */
    public static int longestRun(String line, char filler) {
        int best = 0;
        int run = 0;
        for (int i = 0; i < line.length(); i++) {
            run = line.charAt(i) == filler ? run + 1 : 0;
            best = Math.max(best, run);
        }
        return best;
    }

    /** The request-data fields this line shows: request URIs, bracketed values, quoted values. */
    public static List<String> requestFields(String line) {
        List<String> fields = new ArrayList<>();
        Matcher uri = REQUEST_URI.matcher(line);
        if (uri.find()) {
            fields.add(uri.group(1));
        }
        Matcher bracket = Pattern.compile("\\[([^\\]]*)\\]").matcher(line);
        while (bracket.find()) {
            fields.add(bracket.group(1));
        }
        Matcher quoted = Pattern.compile("'Connection: ([^']*)'").matcher(line);
        while (quoted.find()) {
            fields.add(quoted.group(1));
        }
        Matcher evidence = Pattern.compile("\\(evidence: ([^)]*)\\)").matcher(line);
        while (evidence.find()) {
            for (String e : evidence.group(1).split("; ")) {
                fields.add(e);
            }
        }
        return fields;
    }

    /**
     * Checks one line; returns the problems found ({@code ""} when none). {@code filler} is the attack's padding
     * character (or 0): no run of it may exceed the field cut.
     */
    public static String problems(String line, char filler) {
        StringBuilder p = new StringBuilder();
        // Log forging: any text after a line break that a log reader would take for a line of wsguard's own.
        if (FORGED.matcher(line).find()) {
            p.append("a forged line (a line break followed by a WSGnn code); ");
        }
        String control = controlViolations(line);
        if (!control.isEmpty()) {
            p.append("control characters: ").append(control);
        }
        for (String field : requestFields(line)) {
            if (field.length() > FIELD_LIMIT) {
                p.append("field of ").append(field.length()).append(" characters: ")
                        .append(field, 0, 60).append("...; ");
            }
        }
        if (filler != 0) {
            int run = longestRun(line, filler);
            if (run > FIELD_LIMIT) {
                p.append("a run of ").append(run).append(" '").append(filler).append("' (over the ")
                        .append(FIELD_LIMIT).append(" cut); ");
            }
        }
        return p.toString();
    }
}
