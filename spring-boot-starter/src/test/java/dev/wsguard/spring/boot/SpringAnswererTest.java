package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.http.HttpServletRequest;
import java.lang.reflect.Proxy;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/** How the handler Spring MVC chose, or Spring Security, is named in wsguard's lines; no application needed. */
class SpringAnswererTest {

    static class SpaController {
        public String fallback() {
            return "forward:/index.html";
        }
    }

    private final Map<String, Object> attributes = new LinkedHashMap<>();
    private final HttpServletRequest request = requestWith(attributes);

    /** A request with working attributes and nothing else (no spring-test here). */
    private static HttpServletRequest requestWith(Map<String, Object> attributes) {
        return (HttpServletRequest) Proxy.newProxyInstance(SpringAnswererTest.class.getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    switch (method.getName()) {
                        case "getAttribute":
                            return attributes.get((String) args[0]);
                        case "getAttributeNames":
                            return Collections.enumeration(attributes.keySet());
                        default:
                            throw new UnsupportedOperationException(method.getName());
                    }
                });
    }

    @Test
    void aControllerMethodIsNamedWithItsPattern() throws Exception {
        attributes.put(SpringAnswerer.HANDLER_ATTRIBUTE,
                new HandlerMethod(new SpaController(), SpaController.class.getMethod("fallback")));
        attributes.put(SpringAnswerer.PATTERN_ATTRIBUTE, "/{page}");
        assertEquals("Spring handler SpaController#fallback (pattern /{page})",
                new SpringAnswerer(() -> false).describe(request, 200));
    }

    @Test
    void aControllerNotAWebSocketHandlerGetsTheOrderingFix() throws Exception {
        SpringAnswerer answerer = new SpringAnswerer(() -> false);
        assertNull(answerer.shadowFix(request, 200), "no handler, no fix");
        attributes.put(SpringAnswerer.HANDLER_ATTRIBUTE,
                new HandlerMethod(new SpaController(), SpaController.class.getMethod("fallback")));
        attributes.put(SpringAnswerer.PATTERN_ATTRIBUTE, "/echo");
        String fix = answerer.shadowFix(request, 200);
        assertTrue(fix.contains("((ServletWebSocketHandlerRegistry) registry).setOrder(-1)"), fix);
        assertTrue(fix.endsWith("narrow the pattern of SpaController#fallback (/echo) so it no longer takes the"
                + " endpoint's path"), fix);
        attributes.put(SpringAnswerer.HANDLER_ATTRIBUTE, new WebSocketHttpRequestHandler(new TextWebSocketHandler()));
        assertNull(answerer.shadowFix(request, 400), "the WebSocket handler itself answered");
    }

    @Test
    void anotherHandlerIsNamedByItsClass() {
        WebSocketHttpRequestHandler ws = new WebSocketHttpRequestHandler(new TextWebSocketHandler());
        attributes.put(SpringAnswerer.HANDLER_ATTRIBUTE, ws);
        assertEquals("Spring handler WebSocketHttpRequestHandler",
                new SpringAnswerer(() -> false).describe(request, 400));
        assertTrue(SpringAnswerer.isWebSocketHandler(ws));
        assertFalse(SpringAnswerer.isWebSocketHandler(new Object()));
    }

    @Test
    void aLambdaIsNamedByItsInterfaceAndWhereItWasWritten() {
        HttpRequestHandler shell = (req, res) -> res.setStatus(200);
        attributes.put(SpringAnswerer.HANDLER_ATTRIBUTE, shell);
        attributes.put(SpringAnswerer.PATTERN_ATTRIBUTE, "/{page}");
        assertEquals("Spring handler HttpRequestHandler lambda in SpringAnswererTest (pattern /{page})",
                new SpringAnswerer(() -> false).describe(request, 200));
    }

    @Test
    void aRedirectNoHandlerAnsweredIsSpringSecuritysWhereItLeftItsMark() {
        SpringAnswerer answerer = new SpringAnswerer(() -> true);
        assertEquals("Spring Security (springSecurityFilterChain), most likely", answerer.describe(request, 302));
        attributes.put("org.springframework.security.web.csrf.CsrfToken", new Object());
        assertEquals("Spring Security (springSecurityFilterChain)", answerer.describe(request, 401));
        assertNull(answerer.describe(request, 200), "no handler and no refusal: nothing to say");
        assertNull(new SpringAnswerer(() -> false).describe(requestWith(Map.of()), 403),
                "no security chain, no mark: nothing to say");
    }
}
