package dev.wsguard.boot27;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.boot27.app.Boot27App;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import javax.servlet.FilterRegistration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.RegistrationBean;
import org.springframework.core.Ordered;

/**
 * wsguard-filter-javax in a running Spring Boot 2.7 application ({@link Boot27App}) in one mode: how it is registered,
 * what its startup line says, and the scenario catalogue's rows S1, S2, S6 and S15 (docs/scenarios.md) over raw
 * sockets, with the answers, codes and words the catalogue records for Tomcat (10.1 and 11; tests/javax holds Tomcat 9
 * to them too). The rows are restated here rather than read from the catalogue (tests/container-suite): its apps are
 * described with jakarta classes, which a javax application's class path must not hold (wsguard would rightly report
 * them, WSG11). Boot serves the application at the root, so the paths are the catalogue's without its /app.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class Boot27Contract {

    /** The header of wsguard's own answers. */
    static final String GUARD_CODE_HEADER = "WSGuard-Code";

    /** wsguard's mode in this class's application: log or enforce. */
    private final String mode;
    private final boolean enforce;
    private GuardLogCapture log;
    private RunningBootApp app;

    Boot27Contract(String mode) {
        this.mode = mode;
        this.enforce = mode.equals("enforce");
    }

    @BeforeAll
    void start() throws Exception {
        // Attached first: WSG00 is written once, when the filter starts with the application.
        log = GuardLogCapture.attach();
        app = RunningBootApp.start("--wsguard.mode=" + mode);
        log.awaitCode("WSG00");
    }

    @AfterAll
    void stop() {
        if (app != null) {
            app.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void registeredFirstOnEveryPathAsyncWithTheModeAndEndpointsParams() {
        FilterRegistrationBean<?> wsguard = app.context().getBean(Boot27App.FILTER_NAME, FilterRegistrationBean.class);
        assertEquals(Ordered.HIGHEST_PRECEDENCE, wsguard.getOrder());
        app.context().getBeansOfType(RegistrationBean.class).forEach((name, other) ->
                assertTrue(wsguard.getOrder() <= other.getOrder(), () -> name + " is ordered before wsguard"));
        assertTrue(wsguard.isAsyncSupported());

        // What Tomcat was given.
        FilterRegistration inTomcat = app.servletContext().getFilterRegistration(Boot27App.FILTER_NAME);
        assertEquals(WebSocketGuardFilter.class.getName(), inTomcat.getClassName());
        assertEquals(List.of("/*"), List.copyOf(inTomcat.getUrlPatternMappings()));
        assertEquals(mode, inTomcat.getInitParameter("mode"));
        assertEquals("/echo", inTomcat.getInitParameter("endpoints"));
    }

    /**
     * Boot 2.7.18 as its BOM has it (the parent's Tomcat 11 must not win: WSG00 names Tomcat 9.0.83), and the javax
     * jar on a class path with no jakarta API beside it (wsguard would report one: WSG11).
     */
    @Test
    void bootTwoSevenWithTheJavaxFilterAndNoJakartaApi() {
        assertEquals("2.7.18", SpringBootVersion.getVersion());
        assertTrue(javax.servlet.Filter.class.isAssignableFrom(WebSocketGuardFilter.class));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.servlet.Filter"));
        assertThrows(ClassNotFoundException.class, () -> Class.forName("jakarta.websocket.server.ServerEndpoint"));
    }

    /**
     * Once, and naming the endpoint. Read after a marker: wsguard holds request lines until its startup report is
     * written, so once the marker's line is there, every startup line is too.
     */
    @Test
    void startupLineIsWrittenOnceAndKnowsTheEndpoint() throws Exception {
        log.linesBefore(Marker.at(app.port(), ""), 0);
        List<String> wsg00 = log.messages("WSG00");
        assertEquals(1, wsg00.size(), () -> "one WSG00 per context; logged:" + log.describe());
        String line = wsg00.get(0);
        assertTrue(line.contains("guards context ROOT (Apache Tomcat/9.0.83): mode=" + mode + ","), line);
        assertTrue(line.contains("WebSocket container: org.apache.tomcat.websocket.server.WsServerContainer (javax)"),
                line);
        assertTrue(line.contains("endpoints known: 1 (/echo from init-param endpoints);"), line);
        // Boot's embedded Tomcat runs no ServletContainerInitializer from jars; Tomcat's mappings are read instead.
        assertTrue(line.contains("endpoint scan: endpoint registry unavailable: wsguard's initializer did not run"
                + " (the container runs no initializers from jars, as embedded servers often do not); container"
                + " mappings: read (deployed endpoints are still known from them);"), line);
        Set<String> startupCodes = log.messages().stream().filter(GuardLogCapture::isStartupLine)
                .map(GuardLogCapture::codeOf).collect(Collectors.toCollection(LinkedHashSet::new));
        assertEquals(Set.of("WSG00"), startupCodes, () -> "no other startup line; logged:" + log.describe());
    }

    /** S1: 101 with Tomcat's accept, two text frames echoed (one over 125 bytes), the close answered. */
    @Test
    void validUpgradeGets101AndEchoesTwoFramesWithNoLine() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(101, response.status(), () -> "no upgrade:\n" + response + "\nwsguard log:" + log.describe());
            assertEquals("websocket", response.header("Upgrade").orElse("").toLowerCase(Locale.ROOT), response::head);
            assertEquals(RawRequest.SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept").orElse(null), response::head);
            for (String text : new String[] {"hello wsguard", "x".repeat(300)}) {
                WebSocketFrames.sendText(response.upgradedOutput(), text);
                WebSocketFrames.Frame frame = WebSocketFrames.read(response.upgradedInput());
                assertEquals(WebSocketFrames.OPCODE_TEXT, frame.opcode(), "opcode of the echoed frame");
                assertEquals(text, frame.text(), "echoed text");
            }
            WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
            assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(response.upgradedInput()).opcode(),
                    "the endpoint answers the close handshake");
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    /**
     * S2: a typo's valid upgrade reaches the SPA fallback, which answers 200. Log mode: the fallback's answer, and
     * WSG01 naming the closest endpoint; enforce mode: wsguard's 400 in its place.
     */
    @Test
    void typoIsWsg01NamingTheClosestEndpoint() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo2"))) {
            if (enforce) {
                assertGuardAnswer(response, 400, "WSG01");
            } else {
                assertFallbackAnswer(response);
            }
        }
        String line = onlyLine(mark, "WSG01", "/echo2");
        assertSays(line, "by servlet 'dispatcherServlet' (mapping '/', DEFAULT) instead of 101",
                "No WebSocket endpoint matches /echo2.", "Closest endpoint: /echo, ws://127.0.0.1:" + app.port() + "/echo",
                "Fix the client URL");
        assertModeSaid(line, 400);
    }

    /**
     * S6: the valid upgrade as nginx's plain proxy_pass forwards it (key and version, no Upgrade, Connection: close).
     * Tomcat does not upgrade it, the fallback answers 200; WSG03 blames nginx and says the fix; in enforce mode 426.
     */
    @Test
    void upgradeStrippedByNginxIsWsg03() throws Exception {
        RawRequest stripped = RawRequest.get("/echo")
                .header("X-Real-IP", "127.0.0.1")
                .header("X-Forwarded-For", "127.0.0.1")
                .header("Connection", "close")
                .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                .header("Sec-WebSocket-Version", "13")
                .build();
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), stripped)) {
            if (enforce) {
                assertGuardAnswer(response, 426, "WSG03");
                // As the catalogue has it for Tomcat: a 426 names the protocol to switch to (RFC 9110). Tomcat adds
                // its own "Connection: close" header after wsguard's "Connection: Upgrade", as the request asked.
                assertEquals("websocket", response.header("Upgrade").orElse("").toLowerCase(Locale.ROOT),
                        response::head);
                assertTrue(response.headers("Connection").stream()
                        .anyMatch(v -> v.trim().equalsIgnoreCase("upgrade")), response::head);
            } else {
                assertFallbackAnswer(response);
                // Tomcat closes the connection as the request asked.
                assertEquals(List.of("close"), response.headers("Connection"), response::head);
            }
        }
        String line = onlyLine(mark, "WSG03", "/echo");
        assertSays(line, "likely nginx, which forwards neither Upgrade nor Connection unless its location sets them"
                        + " (evidence: Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1)",
                "Fix the nginx location: proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade;");
        assertModeSaid(line, 426);
    }

    /** S15: a plain GET to the endpoint's path, answered by the fallback in both modes, is WSG06 (plain-requests=log). */
    @Test
    void plainGetToTheEndpointPathIsWsg06() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.get("/echo").build())) {
            assertFallbackAnswer(response);
        }
        String line = onlyLine(mark, "WSG06", "/echo");
        assertSays(line, "reached WebSocket endpoint path /echo", "plain-requests=ignore silences it");
        assertTrue(!line.contains("(mode=enforce)"), () -> "WSG06 only logs by default: " + line);
    }

    /** The SPA fallback's own answer: the catalogue's plain-text 200. */
    private static void assertFallbackAnswer(RawResponse response) {
        assertEquals(200, response.status(), response::head);
        assertEquals("text/plain;charset=utf-8", response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT),
                response::head);
        assertEquals(Boot27App.SHELL, response.bodyText(), response::head);
        assertTrue(response.header(GUARD_CODE_HEADER).isEmpty(), response::head);
    }

    /** wsguard's own answer in enforce mode, as the catalogue describes it for every code. */
    private static void assertGuardAnswer(RawResponse response, int status, String code) {
        assertEquals(status, response.status(), response::head);
        assertEquals(code, response.header(GUARD_CODE_HEADER).orElse(null), response::head);
        assertEquals("text/plain;charset=utf-8", response.header("Content-Type").orElse("").toLowerCase(Locale.ROOT),
                response::head);
        assertEquals("nosniff", response.header("X-Content-Type-Options").orElse(null), response::head);
        assertEquals("no-store", response.header("Cache-Control").orElse(null), response::head);
        assertTrue(!response.bodyText().equals(Boot27App.SHELL), "wsguard answered in the fallback's place");
    }

    /**
     * The request's line, awaited first (in log mode it may come after the answer), then proved the only one before a
     * marker: nothing else was logged for the request.
     */
    private String onlyLine(int mark, String code, String path) throws Exception {
        String line = log.find(m -> m.startsWith(code + " ") && m.contains(" " + path + " "),
                GuardLogCapture.APPEAR_TIMEOUT).orElseThrow(() -> new AssertionError("no " + code + " line for "
                + path + "; logged:" + log.describe()));
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
        return line;
    }

    private static void assertSays(String line, String... fragments) {
        for (String fragment : fragments) {
            assertTrue(line.contains(fragment), () -> "expected '" + fragment + "' in:\n" + line);
        }
    }

    /** The line tells which mode acted: an enforce answer is said, and never claimed in log mode. */
    private void assertModeSaid(String line, int status) {
        if (enforce) {
            assertTrue(line.contains("(mode=enforce)") && line.toLowerCase(Locale.ROOT).contains("answered " + status),
                    () -> "the line must say wsguard answered " + status + ": " + line);
        } else {
            assertTrue(!line.contains("(mode=enforce)"), () -> "log mode claims an answer: " + line);
        }
    }
}
