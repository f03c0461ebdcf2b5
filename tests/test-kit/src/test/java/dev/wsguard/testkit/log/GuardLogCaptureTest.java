package dev.wsguard.testkit.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class GuardLogCaptureTest {

    @Test
    void aRequestLineHasAPerRequestCodeAndIsNoSummaryOfRepeats() {
        assertTrue(GuardLogCapture.isRequestLine("WSG01 WebSocket upgrade GET /app/echo2 from 127.0.0.1 was answered 200"));
        assertFalse(GuardLogCapture.isRequestLine("WSG00 wsguard 1.0.0 guards context /app"));
        assertFalse(GuardLogCapture.isRequestLine("not wsguard's"));
        String repeats = "WSG01 repeated 1 more time for /app/echo2 in the last 1 s (the first was logged in full)";
        assertTrue(GuardLogCapture.isSummaryLine(repeats));
        assertFalse(GuardLogCapture.isRequestLine(repeats));
        String overflow = "WSG01 occurred 9 more times, WSG02 1 more time in the last 60 s on paths not tracked one by"
                + " one (more than 1024 distinct code and path pairs; the first of each code was logged in full)";
        assertTrue(GuardLogCapture.isSummaryLine(overflow));
        assertEquals("WSG01", GuardLogCapture.codeOf(overflow));
        assertFalse(GuardLogCapture.isSummaryLine("WSG01 WebSocket upgrade GET /app/repeated 3 more times for x"));
    }
}
