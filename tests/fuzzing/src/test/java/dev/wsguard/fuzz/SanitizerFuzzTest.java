package dev.wsguard.fuzz;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.wsguard.text.Sanitizer;
import java.nio.charset.StandardCharsets;

/**
 * The log sanitizer on any sequence of UTF-16 units (input bytes read as UTF-16BE, so lone
 * surrogates, controls and bidi marks all occur): the result is one safe line, never longer than
 * the cut, and when nothing was cut, unescaping gives the input back exactly.
 */
class SanitizerFuzzTest {

    @FuzzTest(maxDuration = "2h")
    void escapesEverythingAndKeepsTheCut(byte[] data) {
        String input = new String(data, 0, data.length & ~1, StandardCharsets.UTF_16BE);
        for (int limit : new int[] {4, 16, Sanitizer.FIELD_LIMIT}) {
            String out = Sanitizer.field(input, limit);
            assertTrue(out.length() <= limit, () -> "longer than " + limit + ": " + out.length());
            Invariants.isOneSafeLine("sanitized field", out);
            for (int i = 0; i < out.length(); i++) {
                char c = out.charAt(i);
                if (Character.isHighSurrogate(c)) {
                    assertTrue(i + 1 < out.length() && Character.isLowSurrogate(out.charAt(i + 1)), "lone surrogate");
                    i++;
                } else {
                    assertTrue(!Character.isSurrogate(c), "lone low surrogate");
                    assertTrue(Character.getType(c) != Character.FORMAT, "format (bidi) character left in");
                }
            }
            if (!out.endsWith("...") || Sanitizer.isClean(input) && input.length() <= limit) {
                assertEquals(input, unescape(out), "escaping must be reversible");
            }
        }
    }

    /** The inverse of the sanitizer's escapes; proves no two inputs look alike in a log. */
    static String unescape(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char n = s.charAt(++i);
            switch (n) {
                case '\\':
                    b.append('\\');
                    break;
                case 'r':
                    b.append('\r');
                    break;
                case 'n':
                    b.append('\n');
                    break;
                case 't':
                    b.append('\t');
                    break;
                case '0':
                    b.append('\0');
                    break;
                case 'x':
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 3), 16));
                    i += 2;
                    break;
                case 'u':
                    b.append((char) Integer.parseInt(s.substring(i + 1, i + 5), 16));
                    i += 4;
                    break;
                default:
                    throw new AssertionError("unknown escape \\" + n + " in " + s);
            }
        }
        return b.toString();
    }
}
