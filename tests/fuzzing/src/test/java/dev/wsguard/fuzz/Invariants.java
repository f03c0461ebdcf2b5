package dev.wsguard.fuzz;

import static org.junit.jupiter.api.Assertions.fail;

/** What must hold for every input, whatever its bytes. */
final class Invariants {

    private Invariants() {
    }

    /** A log line is one line: no CR, LF, NUL, ESC, other C0/C1 controls, or line separators. */
    static void isOneSafeLine(String what, String line) {
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (c < 0x20 || c == 0x7f || (c >= 0x80 && c <= 0x9f) || c == '\u2028' || c == '\u2029') {
                fail(what + " holds the control character U+" + Integer.toHexString(c | 0x10000).substring(1)
                        + " at " + i + ": " + line);
            }
        }
    }
}
