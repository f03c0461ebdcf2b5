package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * A functional route ({@code RouterFunctions.route().GET("/echo", ...)}) at the WebSocket handler's path: Spring MVC
 * asks its router functions (order -1) before the WebSocket handler mapping (order 1), so the route takes the
 * handshake. {@link StarterRouterFunctionFixWorksTest} applies the fix the line gives.
 */
class StarterNamesRouterFunctionTest extends OneBootAppTest {

    @Configuration(proxyBeanMethods = false)
    static class EchoRoute {
        @Bean
        RouterFunction<ServerResponse> echoPage() {
            return RouterFunctions.route().GET("/echo", request -> ServerResponse.ok().body("echo page")).build();
        }
    }

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(EchoRoute.class));
    }

    @Test
    void aRouteShadowingTheWebSocketHandlerIsNamedWithAFixThatPutsTheHandlerFirst() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(200, response.status(), "the route took the handshake: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/echo");
        assertTrue(line.contains(" by Spring handler HandlerFunction lambda in StarterNamesRouterFunctionTest.EchoRoute"
                + " (pattern /echo) in servlet 'dispatcherServlet'"), line);
        // -1 would tie with the router functions' own mapping: the fix puts the WebSocket mapping before it.
        assertTrue(line.contains("is mapped to the same path and was asked first. Fix: order Spring's WebSocket handler"
                + " mapping first (in registerWebSocketHandlers: ((ServletWebSocketHandlerRegistry) registry)"
                + ".setOrder(-2); STOMP: registry.setOrder(-2) in registerStompEndpoints)"), line);
    }
}
