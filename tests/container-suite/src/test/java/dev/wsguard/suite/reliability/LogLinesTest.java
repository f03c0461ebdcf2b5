package dev.wsguard.suite.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The invariant checker itself: it must flag what the container tests rely on it to flag. */
class LogLinesTest {

    @Test
    void cleanLinePasses() {
        assertEquals("", LogLines.problems("WSG01 WebSocket upgrade GET /app/chat%0d%0aWSG01 from 127.0.0.1 was"
                + " answered 200 [" + "x".repeat(253) + "...]", 'x')); // the cut includes its "..."
    }

    @Test
    void forgedLineControlsAndOverlongFieldsAreFlagged() {
        assertTrue(LogLines.problems("WSG01 GET /app/chat\r\nWSG01 forged from 127.0.0.1", (char) 0)
                .contains("forged"));
        assertTrue(LogLines.problems("WSG04 key is [a\u001b[2Jb]", (char) 0).contains("U+001B"));
        assertTrue(LogLines.problems("WSG04 key is [" + "K".repeat(257) + "]", 'K').contains("257"));
        assertTrue(LogLines.problems("WSG01 GET /app/\u202eexe.txt from 127.0.0.1", (char) 0).contains("U+202E"));
    }
}
