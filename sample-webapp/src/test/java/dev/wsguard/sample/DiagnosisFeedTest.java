package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import java.lang.reflect.Proxy;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

class DiagnosisFeedTest {

    @Test
    void linesGetIncreasingSequenceNumbersAndTheirCode() {
        DiagnosisFeed feed = new DiagnosisFeed();
        feed.publish(new LogRecord(Level.INFO, "WSG00 wsguard guards context /demo"));
        feed.publish(new LogRecord(Level.WARNING, "WSG01 WebSocket upgrade GET /demo/ecco from 127.0.0.1 was answered 200"));

        DiagnosisFeed.Page page = feed.after(0);
        assertEquals(2, page.latest());
        assertEquals(List.of(1L, 2L), page.entries().stream().map(DiagnosisFeed.Entry::sequence).toList());
        assertEquals("WSG01", page.entries().get(1).code());
        assertEquals("WARNING", page.entries().get(1).level());
        assertEquals(List.of(2L), feed.after(1).entries().stream().map(DiagnosisFeed.Entry::sequence).toList());
        assertTrue(feed.after(2).entries().isEmpty());
    }

    @Test
    void onlyTheLatestLinesAreKept() {
        DiagnosisFeed feed = new DiagnosisFeed();
        int published = DiagnosisFeed.CAPACITY + 50;
        for (int i = 1; i <= published; i++) {
            feed.publish(new LogRecord(Level.WARNING, "WSG01 line " + i));
        }
        DiagnosisFeed.Page page = feed.after(0);
        assertEquals(published, page.latest());
        assertEquals(DiagnosisFeed.CAPACITY, page.entries().size());
        assertEquals(51, page.entries().get(0).sequence());
        assertEquals("WSG01 line " + published, page.entries().get(DiagnosisFeed.CAPACITY - 1).line());
    }

    @Test
    void parametersAreFilledInAndHugeLinesAreCut() {
        DiagnosisFeed feed = new DiagnosisFeed();
        LogRecord withParameters = new LogRecord(Level.INFO, "WSG00 context {0}");
        withParameters.setParameters(new Object[] {"/demo"});
        feed.publish(withParameters);
        feed.publish(new LogRecord(Level.WARNING, "WSG01 " + "x".repeat(DiagnosisFeed.MAX_LINE_CHARS * 2)));

        List<DiagnosisFeed.Entry> entries = feed.after(0).entries();
        assertEquals("WSG00 context /demo", entries.get(0).line());
        assertEquals(DiagnosisFeed.MAX_LINE_CHARS + 3, entries.get(1).line().length());
    }

    @Test
    void codeIsTheLeadingWsgNumberOnly() {
        assertEquals("WSG07", DiagnosisFeed.codeOf("WSG07 WebSocket upgrade ..."));
        assertEquals("WSG00", DiagnosisFeed.codeOf("WSG00"));
        assertNull(DiagnosisFeed.codeOf("WSG1 short"));
        assertNull(DiagnosisFeed.codeOf("WSG012 too long"));
        assertNull(DiagnosisFeed.codeOf("wsguard: no jakarta.websocket API"));
        assertNull(DiagnosisFeed.codeOf(""));
    }

    @Test
    void theListenerInstallsTheFeedOnWsguardsLoggerAndRemovesItAgain() {
        Map<String, Object> attributes = new HashMap<>();
        ServletContextEvent event = new ServletContextEvent(contextWith(attributes));
        Logger logger = Logger.getLogger(DiagnosisFeed.LOGGER_NAME);
        DiagnosisFeed feed = new DiagnosisFeed();
        int handlers = logger.getHandlers().length;

        feed.contextInitialized(event);
        try {
            assertSame(feed, DiagnosisFeed.in(event.getServletContext()));
            assertEquals(handlers + 1, logger.getHandlers().length);
            logger.warning("WSG01 through the logger");
            assertEquals("WSG01 through the logger", feed.after(0).entries().get(0).line());
        } finally {
            feed.contextDestroyed(event);
        }
        assertEquals(handlers, logger.getHandlers().length, "a stopped context must leave no handler behind");
        logger.warning("WSG01 after the context stopped");
        assertEquals(1, feed.after(0).latest(), "nothing reaches the feed of a stopped context");
        assertNull(DiagnosisFeed.in(event.getServletContext()));
    }

    /** A ServletContext that only keeps attributes: all the listener touches. */
    static ServletContext contextWith(Map<String, Object> attributes) {
        return (ServletContext) Proxy.newProxyInstance(DiagnosisFeedTest.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAttribute": return attributes.get((String) args[0]);
                        case "setAttribute": attributes.put((String) args[0], args[1]); return null;
                        case "removeAttribute": attributes.remove((String) args[0]); return null;
                        case "getContextPath": return "/demo";
                        default: throw new UnsupportedOperationException(method.getName());
                    }
                });
    }
}
