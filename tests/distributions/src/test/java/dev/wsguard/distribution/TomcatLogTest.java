package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the Tomcat set-ups read Tomcat's log, without a Tomcat: its line format, and its new file after midnight. */
class TomcatLogTest {

    /** Lines as Tomcat 11.0.24 wrote them in a run of TomcatWideInstallIT. */
    private static final String WSG01 = "07-Dec-2026 04:35:51.755 WARNING [http-nio-127.0.0.1-auto-1-exec-3]"
            + " dev.wsguard.WebSocketGuardFilter.doFilter WSG01 WebSocket upgrade GET /sample/echo2 from 127.0.0.1 was"
            + " answered 200 text/plain;charset=UTF-8 by servlet 'index' (mapping '/', DEFAULT) instead of 101.";
    private static final String WSG00 = "07-Dec-2026 04:35:47.634 INFO [wsguard-log-window /sample]"
            + " dev.wsguard.WebSocketGuardFilter.init WSG00 wsguard 1.0.0-SNAPSHOT guards context /sample"
            + " (Apache Tomcat/11.0.24): mode=enforce, plain-requests=log";
    private static final String TOMCAT = "07-Dec-2026 04:35:47.700 INFO [main]"
            + " org.apache.catalina.startup.HostConfig.deployWAR Deploying web application archive [/x/webapps/WSG01.war]";

    @Test
    void oneLineFormatterRecordsOfWsguardAreParsedAndOthersAreNot() {
        Diagnosis d = TomcatServer.LOG_FORMAT.parse(null, WSG01);
        assertNotNull(d);
        assertEquals("WSG01", d.code());
        assertEquals("WARNING", d.level());
        assertTrue(d.oneLine());
        assertTrue(d.message().startsWith("WebSocket upgrade GET /sample/echo2 "), d.message());
        // A thread name with a space ("wsguard-log-window /sample") is still one bracketed field.
        assertEquals("WSG00", TomcatServer.LOG_FORMAT.parse(WSG01, WSG00).code());
        assertNull(TomcatServer.LOG_FORMAT.parse(WSG00, TOMCAT));
    }

    /** Tomcat writes catalina.NEXT-DAY.log after midnight: the log goes on there, nothing of the old file lost. */
    @Test
    void theLogGoesOnInTheNextDaysFile(@TempDir Path logs) throws Exception {
        Path today = logs.resolve("catalina.2026-12-07.log");
        Path tomorrow = logs.resolve("catalina.2026-12-08.log");
        Files.writeString(today, TOMCAT + "\n", StandardCharsets.UTF_8);
        AtomicReference<Path> current = new AtomicReference<>(today);
        try (ServerLog log = new ServerLog("rotation", current::get, TomcatServer.LOG_FORMAT)) {
            assertNotNull(log.awaitLine(l -> l.equals(TOMCAT), Duration.ofSeconds(10)));
            Files.writeString(today, WSG00 + "\n", StandardCharsets.UTF_8, StandardOpenOption.APPEND);
            Files.writeString(tomorrow, WSG01 + "\n", StandardCharsets.UTF_8);
            current.set(tomorrow);
            assertNotNull(log.awaitLine(l -> l.equals(WSG01), Duration.ofSeconds(10)), () -> log.text());
            assertEquals(List.of(TOMCAT, WSG00, WSG01), log.lines());
        }
    }
}
