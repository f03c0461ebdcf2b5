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
 * The fix wsguard gives for a router function that shadows the WebSocket handler at {@code /echo}
 * ({@link StarterNamesRouterFunctionTest}) works as written: with the WebSocket handler mapping at order -2, before
 * the router functions' -1, the handshake is upgraded and nothing is logged.
 */
class StarterRouterFunctionFixWorksTest extends OneBootAppTest {

    /** The line's fix, as an application applies it: one more configurer, given the same registry. */
    @Configuration(proxyBeanMethods = false)
    @Import(StarterNamesRouterFunctionTest.EchoRoute.class)
    static class WebSocketMappingBeforeRoutes implements WebSocketConfigurer {
        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            ((ServletWebSocketHandlerRegistry) registry).setOrder(-2);
        }
    }

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(WebSocketMappingBeforeRoutes.class));
    }

    @Test
    void withTheWebSocketMappingBeforeTheRoutesTheHandshakeIsUpgraded() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(101, response.status(), response.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }
}
