package dev.wsguard.sample.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** The feed behind /api/diagnoses, and the launcher's port option; no server. */
class DiagnosisFeedTest {

    @Test
    void keepsWsguardLinesInOrderWithTheirCodeAndHandsOutOnlyNewerOnes() {
        DiagnosisFeed feed = new DiagnosisFeed();
        feed.install();
        try {
            Logger wsguard = Logger.getLogger(DiagnosisFeed.LOGGER_NAME);
            wsguard.warning("WSG01 WebSocket upgrade GET /ecco from 127.0.0.1 was answered 200");
            wsguard.log(Level.INFO, "WSG00 wsguard {0} guards context ROOT", "1.0.0-SNAPSHOT");
            // A child logger's lines reach the feed too; a line without a code is kept without one.
            Logger.getLogger(DiagnosisFeed.LOGGER_NAME + ".child").info("no code here");
            Logger.getLogger("somebody.else").warning("WSG02 not from wsguard's logger");

            DiagnosisFeed.Page all = feed.after(0);
            assertEquals(3, all.latest());
            assertEquals(List.of("WSG01", "WSG00"), all.records().stream().limit(2).map(DiagnosisFeed.Entry::code).toList());
            assertEquals("WSG00 wsguard 1.0.0-SNAPSHOT guards context ROOT", all.records().get(1).line(), "parameters filled in");
            assertNull(all.records().get(2).code());
            assertEquals(List.of(3L), feed.after(2).records().stream().map(DiagnosisFeed.Entry::seq).toList());
            assertTrue(feed.after(3).records().isEmpty());
        } finally {
            feed.destroy();
        }
        Logger.getLogger(DiagnosisFeed.LOGGER_NAME).warning("WSG01 after the application closed");
        assertEquals(3, feed.after(0).latest(), "the handler left the logger when the application closed");
    }

    @Test
    void isBoundedInLinesAndInLength() {
        DiagnosisFeed feed = new DiagnosisFeed();
        feed.install();
        try {
            Logger wsguard = Logger.getLogger(DiagnosisFeed.LOGGER_NAME);
            for (int i = 0; i < DiagnosisFeed.CAPACITY + 5; i++) {
                wsguard.info("WSG01 line " + i);
            }
            wsguard.info("WSG01 " + "x".repeat(DiagnosisFeed.MAX_LINE_CHARS * 2));
            DiagnosisFeed.Page page = feed.after(0);
            assertEquals(DiagnosisFeed.CAPACITY, page.records().size());
            assertEquals(DiagnosisFeed.CAPACITY + 6, page.latest());
            assertEquals(DiagnosisFeed.MAX_LINE_CHARS + 3, page.records().get(DiagnosisFeed.CAPACITY - 1).line().length());
        } finally {
            feed.destroy();
        }
    }

    @Test
    void codeIsTheLeadingWsgNumberOnly() {
        assertEquals("WSG07", DiagnosisFeed.codeOf("WSG07 WebSocket upgrade ..."));
        assertEquals("WSG13", DiagnosisFeed.codeOf("WSG13"));
        assertNull(DiagnosisFeed.codeOf("WSG1 short"));
        assertNull(DiagnosisFeed.codeOf("WSG012 too long"));
        assertNull(DiagnosisFeed.codeOf("the WSG01 line"));
    }

    @Test
    void portOptionTakesZeroToFiveDigitsAndSaysWhatIsAllowed() {
        assertEquals(0, BootDemo.parsePort("0"));
        assertEquals(8081, BootDemo.parsePort(" 8081 "));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BootDemo.parsePort("65536"));
        assertEquals("-Dport=65536 is not a port: use 0 to 65535 (0 = any free port)", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> BootDemo.parsePort("http"));
    }
}
