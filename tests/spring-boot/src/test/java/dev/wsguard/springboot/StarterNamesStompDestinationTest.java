package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A STOMP destination used as the WebSocket URL, a common first mistake with {@code @EnableWebSocketMessageBroker}:
 * the application's {@code /app} prefix (its {@code @MessageMapping}s) and its broker's {@code /topic} are no URLs,
 * and the line says so, with the STOMP endpoints to connect to instead.
 */
class StarterNamesStompDestinationTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of());
    }

    @Test
    void anApplicationDestinationIsToldToBeSentToOverAStompEndpoint() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/app/echo"))) {
            assertEquals(404, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG02", "/app/echo");
        assertTrue(line.contains("No WebSocket endpoint matches /app/echo: it is a STOMP destination (the application"
                + " destination prefix /app), which a STOMP client names in its frames over a connection to a STOMP"
                + " endpoint, not a URL to connect to. Fix: connect the STOMP client to /ws (with a SockJS client) or"
                + " /ws-plain, and SEND to /app/echo there."), line);
    }

    @Test
    void aBrokerDestinationIsToldToBeSubscribedTo() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/topic/echo"))) {
            assertEquals(404, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG02", "/topic/echo");
        assertTrue(line.contains("it is a STOMP destination (the broker destination prefix /topic)"), line);
        assertTrue(line.contains("and SUBSCRIBE to /topic/echo there."), line);
    }

    @Test
    void anotherPathKeepsTheClosestEndpoint() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/apps/echo"))) {
            assertEquals(404, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG02", "/apps/echo");
        assertTrue(line.contains("No WebSocket endpoint matches /apps/echo."), line);
    }
}
