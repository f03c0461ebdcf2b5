package dev.wsguard.text;

/**
 * Makes request data safe to put in a log line or a response body: control characters, line and
 * paragraph separators, bidi controls and lone surrogates are escaped ({@code \r}, {@code \n},
 * {@code \xHH}, {@code \\uHHHH}), a backslash is doubled so an escape cannot be forged, and the
 * result is cut to a maximum length with {@code ...}. One incident therefore stays one line.
 */
public final class Sanitizer {

    /** The cut for a single field of request data in a log line (docs/how-it-works.md, "Rules of behaviour"). */
    public static final int FIELD_LIMIT = 256;

    private static final String ELLIPSIS = "...";
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Sanitizer() {
    }

    /** The value escaped and cut to {@link #FIELD_LIMIT}; {@code null} reads as {@code -}. */
    public static String field(String value) {
        return field(value, FIELD_LIMIT);
    }

    /** The value escaped and cut to at most {@code limit} characters (limit at least 4). */
    public static String field(String value, int limit) {
        if (value == null) {
            return "-";
        }
        int max = Math.max(limit, ELLIPSIS.length() + 1);
        if (value.length() <= max && isClean(value)) {
            return value;
        }
        StringBuilder out = new StringBuilder(Math.min(value.length(), max) + 8);
        int budget = max - ELLIPSIS.length();
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            String escape = null;
            int width = 1;
            if (Character.isHighSurrogate(c) && i + 1 < value.length()
                    && Character.isLowSurrogate(value.charAt(i + 1))) {
                width = 2;
            } else if (needsEscape(c)) {
                escape = escape(c);
            }
            int cost = escape == null ? width : escape.length();
            boolean last = i + width >= value.length();
            // The final piece may use the room the ellipsis would have taken.
            if (out.length() + cost > (last ? max : budget)) {
                out.append(ELLIPSIS);
                return out.toString();
            }
            if (escape != null) {
                out.append(escape);
            } else {
                out.append(value, i, i + width);
            }
            i += width - 1;
        }
        return out.toString();
    }

    /** Whether the value needs no escaping at all. */
    public static boolean isClean(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (needsEscape(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < value.length()
                        && Character.isLowSurrogate(value.charAt(i + 1))) {
                    i++;
                    continue;
                }
                return false;
            }
        }
        return true;
    }

    private static boolean needsEscape(char c) {
        if (c < 0x20 || c == 0x7f || c == '\\') {
            return true;
        }
        if (c < 0x80) {
            return false;
        }
        if (c <= 0x9f || Character.isSurrogate(c)) {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.FORMAT || type == Character.LINE_SEPARATOR || type == Character.PARAGRAPH_SEPARATOR
                || type == Character.CONTROL || type == Character.UNASSIGNED || type == Character.PRIVATE_USE;
    }

    private static String escape(char c) {
        switch (c) {
            case '\\':
                return "\\\\";
            case '\r':
                return "\\r";
            case '\n':
                return "\\n";
            case '\t':
                return "\\t";
            case 0:
                return "\\0";
            default:
                if (c <= 0xff) {
                    return new String(new char[] {'\\', 'x', HEX[c >> 4], HEX[c & 0xf]});
                }
                return new String(new char[] {'\\', 'u', HEX[c >> 12], HEX[(c >> 8) & 0xf], HEX[(c >> 4) & 0xf],
                    HEX[c & 0xf]});
        }
    }
}
