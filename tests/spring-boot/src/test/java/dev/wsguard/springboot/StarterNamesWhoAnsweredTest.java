package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The starter's lines name who answered inside the {@code DispatcherServlet} (the handler Spring MVC chose and its
 * pattern, or Spring Security), not only {@code dispatcherServlet}; in an application where a controller also maps
 * {@code /echo}, the raw WebSocket handler's path, and takes its handshakes (request mappings come before
 * WebSocket handler mappings).
 */
class StarterNamesWhoAnsweredTest extends OneBootAppTest {

    /** A controller mapping the WebSocket handler's path: a page at /echo, asked before the WebSocket handler. */
    @Configuration(proxyBeanMethods = false)
    @Import(EchoPage.class)
    static class ShadowingController {
    }

    @Controller
    static class EchoPage {
        @GetMapping(path = "/echo", produces = "text/html")
        @ResponseBody
        String page() {
            return "<html><head><title>Echo</title></head><body>echo page</body></html>";
        }
    }

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(ShadowingController.class));
    }

    @Test
    void aTypoNamesTheFallbackHandlerAndItsPattern() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ecco"))) {
            assertEquals(200, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/ecco");
        assertTrue(line.contains(" by Spring handler HttpRequestHandler lambda in WsguardBootApp (pattern /{page})"
                + " in servlet 'dispatcherServlet' instead of 101"), line);
    }

    @Test
    void aLoginRedirectNamesSpringSecurity() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/secure/ws"))) {
            assertEquals(302, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG07", "/secure/ws");
        assertTrue(line.contains(" by Spring Security (springSecurityFilterChain) on its way to servlet"
                + " 'dispatcherServlet' instead of 101"), line);
    }

    @Test
    void aControllerShadowingTheWebSocketHandlerIsNamedWithTheOrderingFix() throws Exception {
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(200, response.status(), "the controller took the handshake: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/echo");
        assertTrue(line.contains(" by Spring handler EchoPage#page (pattern /echo) in servlet 'dispatcherServlet'"),
                line);
        assertTrue(line.contains("An endpoint is declared at /echo (Spring WebSocketHandler) but the request did not"
                + " reach it: Spring handler EchoPage#page (pattern /echo) is mapped to the same path and was asked"
                + " first. Fix: order Spring's WebSocket handler mapping first (in registerWebSocketHandlers:"
                + " ((ServletWebSocketHandlerRegistry) registry).setOrder(-1); STOMP: registry.setOrder(-1) in"
                + " registerStompEndpoints), which gives it plain requests there too, or narrow the pattern of"
                + " EchoPage#page (/echo) so it no longer takes the endpoint's path."), line);
    }
}
