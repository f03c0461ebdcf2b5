package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * In log mode, each refusal Spring answers a handshake with is one {@code WSG07} line with its Spring cause and fix
 * ({@code SpringRefusal}): an endpoint's origin check (raw handler, STOMP, SockJS) naming the Origin and what that
 * registration allows, a TLS-terminating proxy's https Origin, SockJS's origins "*" failing with 500, and Spring
 * Security's login redirect, 401 challenge and 403 access rule. Each answer is the application's own; each test sends
 * a marker and finds that line alone.
 */
class StarterExplainsRefusalsTest extends OneBootAppTest {

    static final String FOREIGN = "https://evil.example";

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(RefusingEndpoints.Origins.class, RefusingEndpoints.GuardedPaths.class));
    }

    /** Sends the handshake, checks the application's status, and returns wsguard's line for it, the only one. */
    private String refused(RawRequest request, int status) throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), request)) {
            assertEquals(status, response.status(), response.head());
        }
        String path = request.target();
        String line = WsguardLines.await(log, "WSG07", path);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
        System.out.println("[refusals] " + line);
        return line;
    }

    private static RawRequest from(String origin, String path) {
        return RawRequest.validUpgrade(path).toBuilder().header("Origin", origin).build();
    }

    @Test
    void aForeignOriginAtTheRawHandlerNamesItSameOriginOnlyAndTheRegistrationToWiden() throws Exception {
        String line = refused(from(FOREIGN, "/echo"), 403);
        assertTrue(line.contains(" was answered 403 by Spring handler WebSocketHttpRequestHandler (pattern /echo) in"
                + " servlet 'dispatcherServlet' instead of 101: Spring's origin check (the"
                + " OriginHandshakeInterceptor every WebSocket and STOMP endpoint has) refused Origin"
                + " https://evil.example at /echo (Spring WebSocketHandler), which allows same origin only (no allowed"
                + " origins set). Fix: if pages on that origin may connect, allow it on that registration:"
                + " registry.addHandler(handler, \"/echo\").setAllowedOrigins(\"https://evil.example\") (or"
                + " setAllowedOriginPatterns for a family of origins, such as \"https://*.example.com\")."), line);
        assertFalse(line.contains("an origin check or an access rule"), "the general explanation is gone: " + line);
    }

    @Test
    void anEndpointsListedOriginIsLetInAndAnotherIsNamedBesideIt() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(),
                from(RefusingEndpoints.LISTED_ORIGIN, "/echo-listed"))) {
            assertEquals(101, response.status(), "the listed origin is let in: " + response.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
        String line = refused(from(FOREIGN, "/echo-listed"), 403);
        assertTrue(line.contains("refused Origin https://evil.example at /echo-listed (Spring WebSocketHandler),"
                + " which allows https://app.example.com. Fix: if pages on that origin may connect, allow it on that"
                + " registration: registry.addHandler(handler, \"/echo-listed\").setAllowedOrigins("
                + "\"https://app.example.com\", \"https://evil.example\")"), line);
    }

    @Test
    void sockJsRefusesAForeignOriginInItsCorsCheckAndTheFixGoesBeforeWithSockJs() throws Exception {
        String line = refused(from(FOREIGN, "/ws/websocket"), 403);
        // SockJS's CORS check refuses before the handler mapping's interceptors name the handler: the starter finds
        // it by the path, as the mapping matched it (and Spring Security, which let it through, is not named).
        assertTrue(line.contains(" was answered 403 by Spring handler SockJsHttpRequestHandler (pattern /ws/**) in"
                + " servlet 'dispatcherServlet' instead of 101: SockJS's origin check (its CORS configuration) refused Origin"
                + " https://evil.example at /ws (SockJS endpoint), which allows same origin only (no allowed origins"
                + " set). Fix: if pages on that origin may connect, allow it on that registration:"
                + " registry.addEndpoint(\"/ws\").setAllowedOrigins(\"https://evil.example\").withSockJS()"), line);
    }

    @Test
    void behindATlsTerminatingProxyTheFixIsForwardedHeadersNotWiderOrigins() throws Exception {
        RawRequest proxied = RawRequest.validUpgrade("/ws-plain").toBuilder()
                .header("X-Forwarded-Proto", "https")
                .header("Origin", "https://" + RawRequest.AUTHORITY)
                .build();
        String line = refused(proxied, 403);
        String authority = "127.0.0.1:" + app.port();
        assertTrue(line.contains(" instead of 101: Spring's origin check (the OriginHandshakeInterceptor every"
                + " WebSocket and STOMP endpoint has) refused Origin https://" + authority + " at /ws-plain (STOMP"
                + " endpoint): the page is on this server's host, but the application sees the handshake as http://"
                + authority + " (its X-Forwarded-Proto: https is not applied), so the scheme or port differ, as they do"
                + " behind a proxy that terminates TLS. Fix: set server.forward-headers-strategy=native (or framework)"
                + " so Spring sees the scheme and host the browser used; the allowed origins need no widening."), line);
    }

    @Test
    void aProxiedBrowserHandshakeToSockJsGetsTheForwardedHeadersFix() throws Exception {
        // What StarterForwardedHeadersFixWorksTest sends to the application with the fix applied.
        String line = refused(RefusingEndpoints.proxiedHandshake("/ws/001/proxied/websocket"), 403);
        assertTrue(line.contains(" instead of 101: SockJS's origin check (its CORS configuration) refused Origin"
                + " https://chat.example.com at /ws (SockJS endpoint): the page is on this server's host, but the"
                + " application sees the handshake as http://chat.example.com (its X-Forwarded-Proto: https is not"
                + " applied), so the scheme or port differ"), line);
        assertTrue(line.contains("Fix: set server.forward-headers-strategy=native (or framework)"), line);
    }

    @Test
    void sockJsAllowingEveryOriginFailsEveryRequestWithAnOriginWith500() throws Exception {
        int mark = log.mark();
        // Without an Origin, SockJS has no CORS configuration to validate: the raw transport works.
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/sockjs-any/websocket"))) {
            assertEquals(101, response.status(), response.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
        String line = refused(from("https://any.example", "/sockjs-any/websocket"), 500);
        assertTrue(line.contains(" was answered 500 by Spring handler SockJsHttpRequestHandler (pattern /sockjs-any/**)"
                + " in servlet 'dispatcherServlet' instead of 101: the application failed while handling the"
                + " handshake ("), line);
        assertTrue(line.contains(" thrown): the SockJS endpoint at /sockjs-any allows origins \"*\""
                + " (setAllowedOrigins(\"*\")), but SockJS's CORS configuration always allows credentials, and Spring's"
                + " CorsConfiguration refuses \"*\" with credentials (IllegalArgumentException: When allowCredentials"
                + " is true, allowedOrigins cannot contain the special value \"*\"), so every request to it that"
                + " carries an Origin fails with 500, every browser's handshake included. Fix:"
                + " registry.addEndpoint(\"/sockjs-any\").setAllowedOriginPatterns(\"*\").withSockJS() instead, or list"
                + " the origins in setAllowedOrigins."), line);
    }

    @Test
    void aHostileOriginIsEscapedInTheLine() throws Exception {
        // What can reach the application: CR and LF would end the header, Tomcat and Jetty refuse an ESC in a value
        // before any filter, and Spring answers 400 to an Origin with bytes beyond ASCII. A backslash reaches SockJS's
        // CORS check, which refuses an Origin it cannot parse: doubled in the line, it cannot forge an escape.
        String line = refused(from("https://evil.example\\x1b[2J\\nWSG99 forged", "/ws/000/hostile/websocket"), 403);
        assertTrue(line.contains("refused Origin https://evil.example\\\\x1b[2J\\\\nWSG99 forged (no browser's"
                + " origin: a browser sends scheme://host[:port]) at /ws (SockJS endpoint)"), line);
        assertTrue(line.contains("registry.addEndpoint(\"/ws\").setAllowedOrigins(\"<the page's origin>\")"), line);
    }

    @Test
    void springSecuritysLoginRedirectIsExplainedWithItsFix() throws Exception {
        String line = refused(RawRequest.validUpgrade("/secure/ws"), 302);
        assertTrue(line.contains(" by Spring Security (springSecurityFilterChain) on its way to servlet"
                + " 'dispatcherServlet' instead of 101: Spring Security sent the unauthenticated handshake to its login"
                + " page, and a WebSocket client cannot follow a redirect. Fix: if the endpoint needs no login, permit"
                + " its path in the SecurityFilterChain (requestMatchers(\"/secure/ws\").permitAll()); else"
                + " authenticate the handshake: a browser page on this origin sends its session cookie with it once the"
                + " user logged in; another client sends a token in a query parameter or a cookie (a browser cannot add"
                + " headers to a WebSocket handshake)."), line);
    }

    @Test
    void springSecuritysChallengeIsExplainedWithItsFix() throws Exception {
        String line = refused(RawRequest.validUpgrade("/basic/ws"), 401);
        assertTrue(line.contains(" was answered 401 (WWW-Authenticate: Basic realm=\"Realm\") by Spring Security"
                + " (springSecurityFilterChain) on its way to servlet 'dispatcherServlet' instead of 101: Spring"
                + " Security demands authentication for /basic/ws, and a browser cannot answer a challenge during a"
                + " handshake. Fix: if the endpoint needs no login, permit its path in the SecurityFilterChain"
                + " (requestMatchers(\"/basic/ws\").permitAll())"), line);
    }

    @Test
    void springSecuritysAccessRuleIsExplainedWithItsFix() throws Exception {
        RawRequest authenticated = RawRequest.validUpgrade("/forbidden/ws").toBuilder()
                .header("Authorization", RefusingEndpoints.BASIC_AUTHORIZATION).build();
        String line = refused(authenticated, 403);
        assertTrue(line.contains(" was answered 403 by Spring Security (springSecurityFilterChain) on its way to"
                + " servlet 'dispatcherServlet' instead of 101: Spring Security's access rules deny /forbidden/ws to"
                + " this user (an authorizeHttpRequests rule such as denyAll, hasRole or access). Fix: grant the users"
                + " who may connect the handshake path in the SecurityFilterChain"
                + " (requestMatchers(\"/forbidden/ws\").permitAll(), .authenticated() or .hasRole(...))"), line);
    }
}
