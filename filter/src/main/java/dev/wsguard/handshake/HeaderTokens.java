package dev.wsguard.handshake;

/**
 * Reads HTTP token lists ({@code Connection: keep-alive, Upgrade}) without allocating, so the
 * filter's fast path can ask "does this header name websocket?" for free. Tokens and header
 * values compare case-insensitively (RFC 9110 section 5.6.1, RFC 6455 section 4.2.1).
 */
public final class HeaderTokens {

    private HeaderTokens() {
    }

    /**
     * Whether the comma-separated list {@code value} holds {@code token}, ignoring ASCII case and
     * optional whitespace around elements. Parameters after {@code ;} are not part of the token.
     */
    public static boolean containsToken(String value, String token) {
        if (value == null) {
            return false;
        }
        int length = value.length();
        int start = 0;
        while (start <= length) {
            int end = value.indexOf(',', start);
            if (end < 0) {
                end = length;
            }
            if (elementIs(value, start, end, token)) {
                return true;
            }
            start = end + 1;
        }
        return false;
    }

    private static boolean elementIs(String value, int start, int end, String token) {
        int s = skipSpace(value, start, end);
        int semicolon = value.indexOf(';', s);
        int e = trimEnd(value, s, semicolon >= 0 && semicolon < end ? semicolon : end);
        return e - s == token.length() && value.regionMatches(true, s, token, 0, token.length());
    }

    private static int skipSpace(String value, int start, int end) {
        int s = start;
        while (s < end && isSpace(value.charAt(s))) {
            s++;
        }
        return s;
    }

    private static int trimEnd(String value, int start, int end) {
        int e = end;
        while (e > start && isSpace(value.charAt(e - 1))) {
            e--;
        }
        return e;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t';
    }
}
