package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.socket.config.annotation.ServletWebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;

/**
 * The fix wsguard gives for a controller that shadows the WebSocket handler at {@code /echo}
 * ({@link StarterNamesWhoAnsweredTest}) works as written: with the WebSocket handler mapping ordered first, the
 * handshake is upgraded and nothing is logged; the WebSocket handler then takes plain GETs to the path too (its
 * 400), as the fix says, so the controller's page there is gone: where the page must stay, narrow its pattern.
 */
class StarterShadowFixWorksTest extends OneBootAppTest {

    /** The line's fix, as an application applies it: one more configurer, given the same registry. */
    @Configuration(proxyBeanMethods = false)
    @Import(StarterNamesWhoAnsweredTest.EchoPage.class)
    static class WebSocketMappingFirst implements WebSocketConfigurer {
        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            ((ServletWebSocketHandlerRegistry) registry).setOrder(-1);
        }
    }

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(WebSocketMappingFirst.class), "--wsguard.plain-requests=ignore");
    }

    @Test
    void withTheWebSocketMappingFirstTheHandshakeIsUpgradedAndThePlainGetIsTheHandlers() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(101, response.status(), response.head());
        }
        try (RawResponse page = RawHttp.exchange(app.port(), RawRequest.request("GET", "/echo", "HTTP/1.1")
                .header("Host", "127.0.0.1").header("Connection", "close").build())) {
            assertEquals(400, page.status(), "the WebSocket handler, now first, refuses the plain GET the page had: "
                    + page.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }
}
