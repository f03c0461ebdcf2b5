package dev.wsguard.endpoints;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A Jakarta WebSocket endpoint path: literal segments and whole-segment variables, as in
 * {@code /chat/{room}} (the level-1 URI templates of {@code @ServerEndpoint}). Matching reads the
 * request URI in place, so asking "is this an endpoint path?" allocates nothing.
 */
public final class EndpointTemplate {

    /** Longer templates are not endpoint paths anyone writes; refusing them bounds matching work. */
    public static final int MAX_LENGTH = 1024;

    private final String text;
    private final String[] segments;
    private final boolean[] variable;
    private final int literalLength;

    private EndpointTemplate(String text, String[] segments, boolean[] variable) {
        this.text = text;
        this.segments = segments;
        this.variable = variable;
        int literal = 0;
        for (int i = 0; i < segments.length; i++) {
            if (!variable[i]) {
                literal += segments[i].length();
            }
        }
        this.literalLength = literal;
    }

    /**
     * Parses a template.
     *
     * @throws IllegalArgumentException with a message saying what is wrong, if it is not one
     */
    public static EndpointTemplate parse(String text) {
        if (text == null || text.isEmpty()) {
            throw new IllegalArgumentException("an endpoint path is empty");
        }
        if (text.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("an endpoint path is longer than " + MAX_LENGTH + " characters");
        }
        if (text.charAt(0) != '/') {
            throw new IllegalArgumentException("endpoint path must start with '/'");
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c <= ' ' || c == 0x7f || c == '?' || c == '#') {
                throw new IllegalArgumentException("endpoint path may not contain spaces, control characters, '?' or '#'");
            }
        }
        List<String> parts = split(text);
        String[] segments = parts.toArray(new String[0]);
        boolean[] variable = new boolean[segments.length];
        for (int i = 0; i < segments.length; i++) {
            String s = segments[i];
            boolean open = s.startsWith("{");
            boolean close = s.endsWith("}");
            if (open && close && s.length() > 2 && s.indexOf('{', 1) < 0 && s.indexOf('}') == s.length() - 1) {
                variable[i] = true;
            } else if (s.indexOf('{') >= 0 || s.indexOf('}') >= 0) {
                throw new IllegalArgumentException("a variable must be a whole segment like {name}");
            }
        }
        return new EndpointTemplate(text, segments, variable);
    }

    /** Splits a path after its leading slash; {@code /} is one empty segment. */
    static List<String> split(String path) {
        List<String> parts = new ArrayList<>();
        int start = path.startsWith("/") ? 1 : 0;
        while (true) {
            int slash = path.indexOf('/', start);
            if (slash < 0) {
                parts.add(path.substring(start));
                return Collections.unmodifiableList(parts);
            }
            parts.add(path.substring(start, slash));
            start = slash + 1;
        }
    }

    /** The template as written, e.g. {@code /chat/{room}}. */
    public String text() {
        return text;
    }

    int segmentCount() {
        return segments.length;
    }

    String segment(int i) {
        return segments[i];
    }

    boolean isVariable(int i) {
        return variable[i];
    }

    /** Total length of the literal segments: how much there is to mistype. */
    int literalLength() {
        return literalLength;
    }

    /** Whether the region {@code path[from, to)} (starting with '/') is a path of this endpoint. */
    public boolean matches(String path, int from, int to) {
        return matches(path, from, to, false);
    }

    /** As {@link #matches(String, int, int)}, optionally ignoring ASCII case in literal segments. */
    public boolean matches(String path, int from, int to, boolean ignoreCase) {
        return matches(path, from, to, "", ignoreCase);
    }

    /**
     * Whether {@code first + second} is a path of this endpoint, without building that string: how a
     * request's servlet path and path info are matched on the filter's fast path.
     */
    public boolean matches(String first, String second) {
        return matches(first, 0, first.length(), second, false);
    }

    /**
     * The matcher: the path is {@code a[from, aTo)} followed by all of {@code b}, read in place. Positions
     * below are offsets into that joined path; the helpers map them onto the two strings.
     */
    private boolean matches(String a, int from, int aTo, String b, boolean ignoreCase) {
        int split = aTo - from;
        int to = split + b.length();
        int pos = 0;
        for (int i = 0; i < segments.length; i++) {
            if (pos >= to || charAt(a, from, split, b, pos) != '/') {
                return false;
            }
            pos++;
            int end = nextSlash(a, from, split, b, pos, to);
            if (variable[i]) {
                if (end == pos) {
                    return false;
                }
            } else {
                String literal = segments[i];
                if (end - pos != literal.length() || !regionMatches(a, from, split, b, pos, literal, ignoreCase)) {
                    return false;
                }
            }
            pos = end;
        }
        return pos == to;
    }

    private static char charAt(String a, int from, int split, String b, int pos) {
        return pos < split ? a.charAt(from + pos) : b.charAt(pos - split);
    }

    /** The offset of the next '/' at or after {@code pos}, or {@code to}. */
    private static int nextSlash(String a, int from, int split, String b, int pos, int to) {
        if (pos < split) {
            int slash = a.indexOf('/', from + pos);
            if (slash >= 0 && slash < from + split) {
                return slash - from;
            }
            pos = split;
        }
        int slash = b.indexOf('/', pos - split);
        return slash < 0 ? to : split + slash;
    }

    private static boolean regionMatches(String a, int from, int split, String b, int pos, String literal,
            boolean ignoreCase) {
        int inA = pos < split ? Math.min(literal.length(), split - pos) : 0;
        return (inA == 0 || a.regionMatches(ignoreCase, from + pos, literal, 0, inA))
                && (inA == literal.length()
                        || b.regionMatches(ignoreCase, pos + inA - split, literal, inA, literal.length() - inA));
    }

    /** Whether the whole string is a path of this endpoint. */
    public boolean matches(String path) {
        return matches(path, 0, path.length(), false);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EndpointTemplate && ((EndpointTemplate) o).text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
