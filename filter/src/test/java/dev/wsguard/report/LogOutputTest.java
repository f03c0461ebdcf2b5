package dev.wsguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A record names where its line comes from: the filter's start for the startup report, a request for the rest. */
class LogOutputTest {

    /** The records a write produces, as "class method: message". */
    private static List<String> sources(LogOutput output, String... lines) {
        List<String> seen = new ArrayList<>();
        Handler handler = new Handler() {
            @Override
            public void publish(LogRecord r) {
                seen.add(r.getSourceClassName() + " " + r.getSourceMethodName() + ": " + r.getMessage());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger(LogOutput.LOGGER_NAME);
        logger.addHandler(handler);
        try {
            for (String line : lines) {
                output.write(Level.WARNING, line);
            }
        } finally {
            logger.removeHandler(handler);
        }
        return seen;
    }

    @Test
    void startupLinesNameInitAndRequestLinesTheirWriter() {
        assertEquals(List.of("dev.wsguard.WebSocketGuardFilter init: WSG00 wsguard guards context /app",
                "dev.wsguard.WebSocketGuardFilter init: WSG10 No jakarta.websocket.server.ServerContainer",
                "dev.wsguard.WebSocketGuardFilter init: WSG09 Unknown parameter",
                "dev.wsguard.WebSocketGuardFilter doFilter: WSG01 WebSocket upgrade GET /app/ecco",
                "dev.wsguard.WebSocketGuardFilter doFilter: WSG99 wsguard failed",
                "dev.wsguard.WebSocketGuardFilter doFilter: WSG03 (summary) 4 more"),
                sources(new LogOutput(true, null), "WSG00 wsguard guards context /app",
                        "WSG10 No jakarta.websocket.server.ServerContainer", "WSG09 Unknown parameter",
                        "WSG01 WebSocket upgrade GET /app/ecco", "WSG99 wsguard failed", "WSG03 (summary) 4 more"));
        assertEquals(List.of("dev.wsguard.jetty.BeforeFiltersRequestLog log: WSG03 WebSocket handshake GET /app/echo"),
                sources(new LogOutput(true, null, "dev.wsguard.jetty.BeforeFiltersRequestLog", "log"),
                        "WSG03 WebSocket handshake GET /app/echo"));
    }
}
