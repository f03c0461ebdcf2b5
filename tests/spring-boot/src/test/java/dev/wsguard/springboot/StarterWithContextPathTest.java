package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application under a context path ({@code server.servlet.context-path=/site}; not {@code /app}, the test
 * application's STOMP prefix, where {@code /app/app/echo} would be the STOMP destination {@code /app/echo}), as many
 * Boot applications run behind a shared host: wsguard guards context {@code /site}, knows Spring's endpoints by their
 * context-relative paths, and a URL that repeats the context path is told so.
 */
class StarterWithContextPathTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--server.servlet.context-path=/site");
    }

    @Test
    void wsg00NamesTheContextAndTheEndpointsWork() throws Exception {
        String wsg00 = log.awaitCode("WSG00");
        assertTrue(wsg00.contains(" guards context /site "), wsg00);
        assertTrue(wsg00.contains("/echo from Spring WebSocketHandler"), wsg00);
        try (RawResponse echo = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/site/echo"))) {
            assertEquals(101, echo.status(), echo.head());
        }
        try (RawResponse jsr = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/site/jsr-echo"))) {
            assertEquals(101, jsr.status(), jsr.head());
        }
    }

    @Test
    void aTypoInsideTheContextNamesTheEndpoint() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/site/ecco"))) {
            assertEquals(200, response.status(), "the fallback answers: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/site/ecco");
        assertTrue(line.contains("Closest endpoint: /site/echo, ws://"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), "/site"), mark));
    }

    @Test
    void aDoubledContextPathIsToldSo() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/site/site/echo"))) {
            assertEquals(404, response.status(), "two segments: not the fallback's: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG02", "/site/site/echo");
        assertTrue(line.contains("Closest endpoint: /site/echo (the URL holds the context path twice), ws://"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), "/site"), mark));
    }
}
