package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.servlet.RequestDouble;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.support.StaticApplicationContext;
import org.springframework.scheduling.concurrent.ConcurrentTaskScheduler;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.transport.handler.DefaultSockJsService;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;

/**
 * Which Spring refusal a WSG07 answer is, and the cause and fix the starter gives for it, from the request as Spring
 * left it (handler attributes, Spring Security's marks); no application needed.
 */
class SpringAnswererRefusalTest {

    /** What a request to the application at 127.0.0.1:8080 over plain http carries; the double has no server. */
    private static RequestDouble handshake(String target, String... headers) {
        RawRequest.Builder b = RawRequest.validUpgrade(target).toBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        return new RequestDouble(b.build()) {
            @Override
            public String getServerName() {
                return "127.0.0.1";
            }

            @Override
            public int getServerPort() {
                return 8080;
            }
        };
    }

    /** The request after the DispatcherServlet gave it to {@code handler}, mapped at {@code pattern}. */
    private static RequestDouble handledBy(RequestDouble request, Object handler, String pattern) {
        return request.attribute(SpringAnswerer.DISPATCHER_RAN_ATTRIBUTE, new Object())
                .attribute(SpringAnswerer.HANDLER_ATTRIBUTE, handler)
                .attribute(SpringAnswerer.PATTERN_ATTRIBUTE, pattern);
    }

    private static WebSocketHttpRequestHandler rawHandler(String... allowedOrigins) {
        WebSocketHttpRequestHandler handler = new WebSocketHttpRequestHandler(new TextWebSocketHandler());
        handler.setHandshakeInterceptors(List.of(new OriginHandshakeInterceptor(List.of(allowedOrigins))));
        return handler;
    }

    private static SockJsHttpRequestHandler sockJs(String... allowedOrigins) {
        DefaultSockJsService service = new DefaultSockJsService(new ConcurrentTaskScheduler());
        service.setAllowedOrigins(List.of(allowedOrigins));
        return new SockJsHttpRequestHandler(service, new TextWebSocketHandler());
    }

    private final SpringAnswerer answerer = new SpringAnswerer(() -> true,
            new WebSocketOrigins(new StaticApplicationContext()));

    @Test
    void aForeignOriginAtARawHandlerNamesWhatItAllowsAndTheRegistrationToWiden() {
        RequestDouble request = handledBy(handshake("/app/echo", "Origin", "https://evil.example"), rawHandler(),
                "/echo");
        assertEquals("Spring's origin check (the OriginHandshakeInterceptor every WebSocket and STOMP endpoint has)"
                + " refused Origin https://evil.example at /echo (Spring WebSocketHandler), which allows same origin"
                + " only (no allowed origins set). Fix: if pages on that origin may connect, allow it on that"
                + " registration: registry.addHandler(handler, \"/echo\").setAllowedOrigins(\"https://evil.example\")"
                + " (or setAllowedOriginPatterns for a family of origins, such as \"https://*.example.com\")",
                answerer.refusal(request, 403));

        RequestDouble listed = handledBy(handshake("/app/echo", "Origin", "https://evil.example"),
                rawHandler("https://app.example.com"), "/echo");
        String text = answerer.refusal(listed, 403);
        assertTrue(text.contains("which allows https://app.example.com. Fix:"), text);
        assertTrue(text.contains(".setAllowedOrigins(\"https://app.example.com\", \"https://evil.example\")"), text);
    }

    @Test
    void anAllowedOrSameOriginOrMissingOriginIsNoOriginRefusal() {
        assertNull(answerer.refusal(handledBy(handshake("/app/echo", "Origin", "https://app.example.com"),
                rawHandler("https://app.example.com"), "/echo"), 403), "the check let it in: something else refused");
        assertNull(answerer.refusal(handledBy(handshake("/app/echo", "Origin", "http://127.0.0.1:8080"),
                rawHandler(), "/echo"), 403), "same origin");
        assertNull(answerer.refusal(handledBy(handshake("/app/echo"), rawHandler(), "/echo"), 403), "no Origin");
        assertNull(answerer.refusal(handledBy(handshake("/app/echo", "Origin", "https://evil.example"),
                new WebSocketHttpRequestHandler(new TextWebSocketHandler()), "/echo"), 403),
                "a handler without Spring's origin check");
        assertNull(answerer.refusal(handledBy(handshake("/app/echo", "Origin", "https://evil.example"), "a controller",
                "/echo"), 403), "not a WebSocket endpoint");
    }

    @Test
    void behindATlsTerminatingProxyTheFixIsForwardedHeadersNotWiderOrigins() {
        String text = answerer.refusal(handledBy(handshake("/app/echo", "Origin", "https://127.0.0.1:8080",
                "X-Forwarded-Proto", "https"), rawHandler(), "/echo"), 403);
        assertTrue(text.startsWith("Spring's origin check (the OriginHandshakeInterceptor every WebSocket and STOMP"
                + " endpoint has) refused Origin https://127.0.0.1:8080 at /echo (Spring WebSocketHandler): the page is"
                + " on this server's host, but the application sees the handshake as http://127.0.0.1:8080 (its"
                + " X-Forwarded-Proto: https is not applied), so the scheme or port differ"), text);
        assertTrue(text.endsWith("Fix: set server.forward-headers-strategy=native (or framework) so Spring sees the"
                + " scheme and host the browser used; the allowed origins need no widening"), text);
        // The public host as the proxy names it, without any header saying the scheme: https against http.
        String byHost = answerer.refusal(handledBy(handshake("/app/echo", "Origin", "https://chat.example.com",
                "X-Forwarded-Host", "chat.example.com"), rawHandler(), "/echo"), 403);
        assertTrue(byHost.contains("(its X-Forwarded-Host: chat.example.com is not applied)"), byHost);
        // Same host, same scheme, another port and no proxy header: a page from a development server, a real
        // foreign origin.
        String devServer = answerer.refusal(handledBy(handshake("/app/echo", "Origin", "http://127.0.0.1:3000"),
                rawHandler(), "/echo"), 403);
        assertTrue(devServer.contains("setAllowedOrigins(\"http://127.0.0.1:3000\")"), devServer);
    }

    @Test
    void aSockJsEndpointIsNamedByItsBaseAndFixedBeforeWithSockJs() {
        String text = answerer.refusal(handledBy(handshake("/app/ws/websocket", "Origin", "https://evil.example"),
                sockJs(), "/ws/**"), 403);
        assertTrue(text.startsWith("SockJS's origin check (its CORS configuration) refused Origin https://evil.example"
                + " at /ws (SockJS endpoint), which allows same origin only"), text);
        assertTrue(text.contains("registry.addHandler(handler, \"/ws\").setAllowedOrigins(\"https://evil.example\")"
                + ".withSockJS()"), text);
    }

    @Test
    void aSockJsEndpointAllowingEveryOriginFailsWith500AndTheFixIsOriginPatterns() {
        RequestDouble request = handledBy(handshake("/app/ws/websocket", "Origin", "https://any.example"),
                sockJs("*"), "/ws/**");
        String text = answerer.refusal(request, 500);
        assertTrue(text.startsWith("the SockJS endpoint at /ws allows origins \"*\" (setAllowedOrigins(\"*\")), but"
                + " SockJS's CORS configuration always allows credentials"), text);
        assertTrue(text.contains("every request to it that carries an Origin fails with 500"), text);
        assertTrue(text.contains("Fix: registry.addHandler(handler, \"/ws\").setAllowedOriginPatterns(\"*\")"
                + ".withSockJS() instead, or list the origins in setAllowedOrigins"), text);
        assertNull(answerer.refusal(handledBy(handshake("/app/ws/websocket", "Origin", "https://any.example"),
                sockJs("https://any.example"), "/ws/**"), 500), "another failure: wsguard's general explanation");
        assertNull(answerer.refusal(handledBy(handshake("/app/echo", "Origin", "https://any.example"),
                rawHandler("*"), "/echo"), 500), "a raw endpoint's \"*\" has no credentials: not this failure");
    }

    @Test
    void aHostileOriginIsCutAndLeftForTheFilterToEscape() {
        String hostile = "https://evil.example\r\n\u001b[2JWSG99 forged" + "z".repeat(300);
        String text = answerer.refusal(handledBy(handshake("/app/echo", "Origin", hostile), rawHandler(), "/echo"),
                403);
        assertTrue(text.contains("refused Origin " + hostile.substring(0, WebSocketOrigins.ORIGIN_SHOWN) + "... (no"
                + " browser's origin: a browser sends scheme://host[:port]) at /echo"), text);
        assertTrue(text.contains(".setAllowedOrigins(\"<the page's origin>\")"), "no hostile value to allow: " + text);
    }

    @Test
    void springSecurityRefusalsBeforeTheDispatcherServletGetItsFixes() {
        String csrf = "org.springframework.security.web.csrf.CsrfToken";
        String redirect = answerer.refusal(handshake("/app/secure/ws").attribute(csrf, "t"), 302);
        assertTrue(redirect.startsWith("Spring Security sent the unauthenticated handshake to its login page"),
                redirect);
        assertTrue(redirect.contains("requestMatchers(\"/secure/ws\").permitAll()"), redirect);
        String challenge = answerer.refusal(handshake("/app/basic/ws").attribute(csrf, "t"), 401);
        assertTrue(challenge.startsWith("Spring Security demands authentication for /basic/ws, and a browser cannot"
                + " answer a challenge during a handshake. Fix: if the endpoint needs no login, permit its path"), challenge);
        assertTrue(challenge.contains("a token in a query parameter or a cookie (a browser cannot add headers to a"
                + " WebSocket handshake)"), challenge);
        String denied = answerer.refusal(handshake("/app/forbidden/ws").attribute(csrf, "t"), 403);
        assertTrue(denied.startsWith("Spring Security's access rules deny /forbidden/ws to this user"), denied);
        assertNull(answerer.refusal(handshake("/app/x").attribute(csrf, "t"), 500), "a failure is not Security's");
        assertNull(new SpringAnswerer(() -> false).refusal(handshake("/app/basic/ws"), 401),
                "no Spring Security in the application");
        assertNull(answerer.refusal(handshake("/app/basic/ws").attribute(SpringAnswerer.DISPATCHER_RAN_ATTRIBUTE,
                new Object()), 401), "the DispatcherServlet ran: a handler answered, not Security's filters");
    }

    @Test
    void aRequestTheDispatcherServletServedIsNeverNamedSpringSecurity() {
        RequestDouble sockJs = handshake("/app/ws/websocket", "Origin", "https://evil.example")
                .attribute("org.springframework.security.web.csrf.CsrfToken", "t")
                .attribute(SpringAnswerer.DISPATCHER_RAN_ATTRIBUTE, new Object());
        assertNull(new SpringAnswerer(() -> true).describe(sockJs, 403),
                "Security let it through to the DispatcherServlet; without spring-websocket nothing is named");
        assertNull(answerer.describe(sockJs, 403), "no WebSocket handler mapping matches in an empty application");
        assertEquals(SpringAnswerer.SECURITY, answerer.describe(handshake("/app/secure/ws")
                .attribute("org.springframework.security.web.csrf.CsrfToken", "t"), 403));
    }
}
