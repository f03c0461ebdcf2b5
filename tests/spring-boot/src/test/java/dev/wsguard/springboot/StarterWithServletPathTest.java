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
 * The {@code DispatcherServlet} on {@code /api/*} ({@code spring.mvc.servlet.path=/api}): Spring's endpoints are
 * within it, so wsguard knows them by their context-relative paths, {@code /api/echo} and so on, as Boot's
 * {@code DispatcherServletPath} bean says (its package differs in Boot 3.5 and 4.0).
 */
class StarterWithServletPathTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--spring.mvc.servlet.path=/api");
    }

    @Test
    void theEndpointsAreKnownByTheirPathsWithinTheContext() throws Exception {
        String wsg00 = log.awaitCode("WSG00");
        assertTrue(wsg00.contains("/api/echo from Spring WebSocketHandler"), wsg00);
        assertTrue(wsg00.contains("/api/ws-plain from STOMP endpoint"), wsg00);
        assertTrue(wsg00.contains("/api/ws, /api/ws/websocket, /api/ws/{server}/{session}/websocket from SockJS"
                + " endpoint"), wsg00);
        // The container's own endpoint is outside the DispatcherServlet: no prefix.
        assertTrue(wsg00.contains("/jsr-echo from ServerEndpointExporter"), wsg00);
        try (RawResponse echo = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/api/echo"))) {
            assertEquals(101, echo.status(), echo.head());
        }
    }

    @Test
    void theCsrfWarningNamesTheSockJsEndpointByItsWholePathAndAMatcherThatTakesIt() throws Exception {
        log.awaitCode("WSG00");
        List<String> warnings = StarterWarnsOfCsrfOnSockJsTest.csrfWarnings(log);
        assertEquals(1, warnings.size(), log.describe());
        assertTrue(warnings.get(0).startsWith("Spring Security's CSRF protection covers the SockJS endpoint /api/ws:"),
                warnings.get(0));
        // Spring Security 6.5 reads a string pattern within the servlet; this matcher takes the application's path.
        assertTrue(warnings.get(0).endsWith("http.csrf(csrf -> csrf.ignoringRequestMatchers("
                + "PathPatternRequestMatcher.withDefaults().matcher(\"/api/ws/**\")))."), warnings.get(0));
    }

    @Test
    void aTypoWithinTheServletPathNamesTheEndpointByItsWholePath() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/api/ecco"))) {
            assertEquals(200, response.status(), "the fallback answers: " + response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/api/ecco");
        assertTrue(line.contains("Closest endpoint: /api/echo, ws://"), line);
        // Outside /api/* no servlet is mapped: embedded Tomcat answers 404 without running the filters, so the marker
        // goes within it.
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), "/api"), mark));
    }
}
