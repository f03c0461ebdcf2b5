package dev.wsguard;

import static dev.wsguard.testkit.servlet.ChainDouble.answering;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.AdditionalAnswers.delegatesTo;
import static org.mockito.Mockito.mock;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.startup.EndpointScanInitializer;
import dev.wsguard.startup.StartupReport;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.servlet.ChainDouble;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.management.ManagementFactory;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.eclipse.jetty.ee11.fixture.Ee11ServletContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketGuardFilterTest {

    private final GuardLogCapture log = GuardLogCapture.attach();
    private final WebSocketGuardFilter filter = new WebSocketGuardFilter();
    private final ResponseDouble response = new ResponseDouble();
    private final ServletContextDouble context = new ServletContextDouble("/app");
    private boolean initializerRan = true;
    /** When set, the startup scan's first look at the webapp waits for it, and init does not wait for the report. */
    private CountDownLatch scanGate;

    @AfterEach
    void tearDown() {
        filter.destroy();
        log.close();
    }

    private void init(String... params) throws ServletException, InterruptedException {
        init(Map.of(), params);
    }

    private void init(Map<String, String> contextParams, String... params) throws ServletException, InterruptedException {
        contextParams.forEach(context::initParameter);
        ServletContext c = context.context();
        if (c.getAttribute(StartupReport.JAKARTA_SERVER_CONTAINER) == null) {
            context.attribute(StartupReport.JAKARTA_SERVER_CONTAINER, new Object());
        }
        // As where wsguard's initializer ran and found no annotated endpoint: the registry is complete.
        if (initializerRan && c.getAttribute(EndpointScanInitializer.ENDPOINTS_ATTRIBUTE) == null) {
            context.attribute(EndpointScanInitializer.ENDPOINTS_ATTRIBUTE, Map.of());
        }
        if (scanGate != null) {
            CountDownLatch gate = scanGate;
            context.resourcePaths(directory -> {
                try {
                    gate.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                return null;
            });
        }
        filter.init(FilterConfigDouble.of(c, params));
        if (filter.core().guard() != null && scanGate == null) {
            assertTrue(filter.core().guard().awaitStartupReport(10, TimeUnit.SECONDS));
        }
    }

    private static RequestDouble request(RawRequest.Builder head) {
        return RequestDouble.of(head.build());
    }

    /** RFC 8441: an extended CONNECT over HTTP/2, with a version and no key, Upgrade or Connection. */
    private static RequestDouble http2Upgrade(String target) {
        return request(RawRequest.request("CONNECT", target, "HTTP/2.0").header("Sec-WebSocket-Version", "13"));
    }

    @Test
    void aPlainRequestReachesTheChainUnwrappedAndUntouched() throws Exception {
        init("endpoints", "/echo");
        RequestDouble r = RequestDouble.get("/app/index.html");
        assertPassedOnUntouched(r);
        assertEquals(0, r.headerValueListings());
        assertTrue(log.messages().stream().noneMatch(l -> !l.startsWith("WSG00")), log.messages().toString());
    }

    @Test
    void anIncidentDuringTheStartupScanIsWrittenRightAfterWsg00() throws Exception {
        scanGate = new CountDownLatch(1);
        init("endpoints", "/echo");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response, answering(200, "text/plain", "x"));
        assertEquals(200, response.getStatus(), "log mode passes the answer on at once");
        assertEquals(1, filter.core().guard().counters().get(DiagnosisCode.WSG01), "counted at once");
        assertTrue(log.messages().isEmpty(), "held until the startup report: " + log.messages());
        scanGate.countDown();
        assertTrue(filter.core().guard().awaitStartupReport(10, TimeUnit.SECONDS));
        List<String> lines = log.messages();
        assertEquals(List.of("WSG00", "WSG01"), lines.stream().map(l -> l.substring(0, 5)).toList(), lines.toString());
    }

    @Test
    void anUpgradeToAnotherProtocolTakesTheFastPath() throws Exception {
        init("endpoints", "/echo");
        RequestDouble h2c = request(RawRequest.get("/app/index.html").replace("Host", "h").header("Upgrade", "h2c")
                .header("Connection", "Upgrade, HTTP2-Settings").header("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA"));
        assertPassedOnUntouched(h2c);
        assertEquals(0, h2c.headerNameListings());
        assertEquals(0, filter.core().guard().counters().upgradeRequests());
    }

    @Test
    void websocketInASecondUpgradeLineIsStillAnAttempt() throws Exception {
        init();
        RequestDouble r = request(RawRequest.get("/app/echo").replace("Host", "h").header("Upgrade", "h2c")
                .header("Upgrade", "websocket").header("Connection", "Upgrade"));
        filter.doFilter(r, response, answering(400, null, ""));
        assertEquals(1, filter.core().guard().counters().upgradeRequests());
        assertTrue(log.messages("WSG04").get(0).contains("Sec-WebSocket-Key is missing"), log.messages().toString());
    }

    @Test
    void offPassesEvenUpgradesThroughUntouched() throws Exception {
        init("mode", "off");
        RequestDouble r = RequestDouble.validUpgrade("/app/ecco");
        assertPassedOnUntouched(r);
        assertEquals(1, log.messages().size(), log.messages().toString());
    }

    @Test
    void destroyLeavesNoThreadBehind() throws Exception {
        init();
        assertTrue(wsguardThreads() > 0, "the log-window sweeper runs while the filter lives");
        filter.destroy();
        assertEquals(0, wsguardThreads(), "destroy() returns only after the sweeper thread has ended");
    }

    private static long wsguardThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().equals("wsguard-log-window /app")).count();
    }

    @Test
    void logSinkMirrorsLinesToTheServletContextLog() throws Exception {
        ServletContextDouble jetty = new ServletContextDouble("/app").serverInfo("jetty/12.1.14")
                .attribute(StartupReport.JAKARTA_SERVER_CONTAINER, new Object());
        filter.init(FilterConfigDouble.of(jetty.context(), "log-sink", "servlet-context"));
        assertTrue(filter.core().guard().awaitStartupReport(10, TimeUnit.SECONDS));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response, answering(200, null, ""));
        List<String> contextLog = jetty.logged();
        assertTrue(contextLog.stream().anyMatch(l -> l.startsWith("INFO WSG00 ")), contextLog.toString());
        assertTrue(contextLog.stream().anyMatch(l -> l.startsWith("WARNING WSG01 ")), contextLog.toString());
        assertTrue(log.messages().isEmpty(), "servlet-context only: nothing on the JUL logger " + log.messages());
    }

    @Test
    void aBadParameterFailsInitNamingIt() {
        ServletException e = assertThrows(ServletException.class, () -> init("buffer-limit", "lots"));
        assertTrue(e.getMessage().contains("init-param 'buffer-limit' has the invalid value [lots]"), e.getMessage());
    }

    @Test
    void contextParamsConfigureTheFilter() throws Exception {
        init(Map.of("wsguard.mode", "enforce"));
        RequestDouble r = RequestDouble.of(RawRequest.validUpgrade("/app/echo").without("Sec-WebSocket-Version"));
        ChainDouble chain = ChainDouble.passing();
        filter.doFilter(r, response, chain);
        assertEquals(0, chain.calls());
        assertEquals(426, response.getStatus());
    }

    /** Registered by wsguard's thread just after init and gone after destroy in every mode; mode=off counts nothing. */
    @ParameterizedTest(name = "mode={0}")
    @CsvSource({"log, 1", "off, 0"})
    void theMBeanLivesExactlyAsLongAsTheFilter(String mode, long counted) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/app");
        init("mode", mode, "endpoints", "/echo");
        assertTrue(filter.core().anyGuard().awaitMBean(10, TimeUnit.SECONDS), "wsguard's thread never tried to register it");
        assertTrue(server.isRegistered(name));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response, answering(200, null, "x"));
        assertEquals(counted, server.getAttribute(name, "WSG01"));
        assertEquals(counted, server.getAttribute(name, "upgradeRequests"));
        assertEquals(0L, server.getAttribute(name, "upgradesCompleted"));
        assertEquals(mode, server.getAttribute(name, "mode"));
        filter.destroy();
        assertFalse(server.isRegistered(name));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"log", "enforce"})
    void anHttp2UpgradeJettyAcceptedIsNeitherReportedNorReplaced(String mode) throws Exception {
        // wsguard ahead of Jetty's WebSocket filter sees the accepted upgrade: a 200 that Jetty marked as upgraded
        // (a content type is set here so that only the mark, not the empty-answer fallback, can tell).
        context.serverInfo("jetty/12.1.14");
        init("mode", mode, "endpoints", "/echo");
        RequestDouble r = http2Upgrade("/app/echo")
                .attribute(ContainerProfile.JETTY_UPGRADED_STREAM_ATTRIBUTE, new Object());
        filter.doFilter(r, response, (req, res) -> {
            ((HttpServletResponse) res).setStatus(200);
            res.setContentType("application/octet-stream");
        });
        assertEquals(200, response.getStatus());
        assertNull(response.getHeader("WSGuard-Code"));
        assertTrue(log.messages("WSG01").isEmpty(), log.messages().toString());
    }

    @Test
    void anEmptyHttp2200IsTakenForAnAcceptedUpgradeWhereTheContainerSaysNothing() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(http2Upgrade("/app/echo"), response,
                (req, res) -> ((HttpServletResponse) res).setStatus(200));
        assertEquals(200, response.getStatus());
        assertTrue(log.messages("WSG01").isEmpty(), log.messages().toString());
    }

    @Test
    void anHttp2UpgradeAnsweredWithAPageIsReplaced() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(http2Upgrade("/app/ecco"), response,
                answering(200, "text/plain", "hello"));
        assertEquals(400, response.getStatus());
        String line = log.messages("WSG01").get(0);
        assertTrue(line.startsWith("WSG01 WebSocket upgrade (HTTP/2 extended CONNECT) CONNECT /app/ecco"), line);
        assertTrue(line.contains("instead of a WebSocket endpoint accepting it (body: text starting 'hello')"), line);
    }

    @Test
    void anHttp2UpgradeRefusedWith501IsNoEndpointHere() throws Exception {
        // Jetty's DefaultServlet implements no CONNECT: 501 is the HTTP/2 form of the 404 an HTTP/1.1 GET gets.
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(http2Upgrade("/app/ecco"), response, answering(501, null, ""));
        assertEquals(501, response.getStatus());
        assertTrue(log.messages("WSG07").isEmpty(), log.messages().toString());
        String line = log.messages("WSG02").get(0);
        assertTrue(line.contains("was answered 501 by servlet 'root' (mapping '/', DEFAULT) instead of a WebSocket"
                + " endpoint accepting it."), line);
        assertTrue(line.contains("Closest endpoint: /app/echo, ws://"), line);
        assertTrue(line.endsWith("Enforce mode: left unchanged."), line);
    }

    @Test
    void behindAProxyTheClosestEndpointsUrlHasTheHostAndSchemeTheClientUsed() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(RequestDouble.of(RawRequest.validUpgrade("/app/ecco").toBuilder()
                .header("X-Forwarded-Host", "chat.example, proxy.internal")
                .header("Forwarded", "for=10.0.0.1;proto=\"https\";host=ignored.example").build()), response,
                answering(200, "text/plain", "hello"));
        String line = log.messages("WSG01").get(0);
        assertTrue(line.contains("Closest endpoint: /app/echo, wss://chat.example/app/echo."), line);
    }

    @Test
    void logModeDiagnosesA200AndChangesNothing() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response,
                answering(200, "text/plain", "hello"));
        assertEquals(200, response.getStatus());
        assertEquals("hello", response.text());
        assertEquals(1, log.messages("WSG01").size(), log.messages().toString());
        String line = log.messages("WSG01").get(0);
        assertTrue(line.contains("was answered 200 text/plain by servlet 'root' (mapping '/', DEFAULT) instead of 101"
                + " (body: text starting 'hello')."), line);
        assertTrue(line.contains("Closest endpoint: /app/echo, ws://"), line);
        assertEquals(Level.WARNING, log.levelOf("WSG01"));
    }

    @Test
    void theFrameworksAnswererIsNamedInTheLineAfterTheChainReturned() throws Exception {
        init("endpoints", "/echo");
        filter.describeAnswerer(
                (req, status) -> "Spring handler " + req.getAttribute("handler") + " (pattern /{page})");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response, (req, res) -> {
            req.setAttribute("handler", "SpaController#fallback");
            ((HttpServletResponse) res).setStatus(200);
            res.setContentType("text/html");
        });
        String line = log.messages("WSG01").get(0);
        assertTrue(line.contains("was answered 200 text/html by Spring handler SpaController#fallback (pattern"
                + " /{page}) in servlet 'root' instead of 101"), line);
    }

    @Test
    void aRefusalNamesTheAnswererOnItsWayToTheServlet() throws Exception {
        init();
        filter.describeAnswerer(
                (req, status) -> status == 302 ? "Spring Security (springSecurityFilterChain)" : null);
        filter.doFilter(RequestDouble.validUpgrade("/app/secure/ws"), response,
                (req, res) -> ((HttpServletResponse) res).sendRedirect("/app/login"));
        String line = log.messages("WSG07").get(0);
        assertTrue(line.contains("by Spring Security (springSecurityFilterChain) on its way to servlet 'root'"
                + " instead of 101"), line);
    }

    @Test
    void theAnswererIsAskedOnlyForAnAnswerBeingDiagnosed() throws Exception {
        init();
        AtomicReference<String> asked = new AtomicReference<>();
        filter.describeAnswerer((req, status) -> {
            asked.set(req.getRequestURI());
            return "x";
        });
        filter.doFilter(RequestDouble.get("/app/index.html"), response, answering(200, "text/html", "<html>"));
        filter.doFilter(RequestDouble.validUpgrade("/app/echo"), new ResponseDouble(), (req, res) -> {
            ((HttpServletResponse) res).setStatus(101);
        });
        assertNull(asked.get(), "neither a plain request nor an accepted upgrade asks the framework");
    }

    @Test
    void aFailingBlankOrHostileAnswererLeavesTheServletMappingOrIsSanitized() throws Exception {
        init();
        filter.describeAnswerer((req, status) -> {
            throw new IllegalStateException("no");
        });
        filter.doFilter(RequestDouble.validUpgrade("/app/a"), new ResponseDouble(), answering(200, null, ""));
        filter.describeAnswerer((req, status) -> "   ");
        filter.doFilter(RequestDouble.validUpgrade("/app/b"), new ResponseDouble(), answering(200, null, ""));
        filter.describeAnswerer((req, status) -> "evil\nWSG99 forged" + "x".repeat(500));
        filter.doFilter(RequestDouble.validUpgrade("/app/c"), new ResponseDouble(), answering(200, null, ""));
        List<String> lines = log.messages("WSG01");
        assertEquals(3, lines.size(), log.messages().toString());
        assertTrue(lines.get(0).contains("by servlet 'root' (mapping '/', DEFAULT)"), lines.get(0));
        assertTrue(lines.get(1).contains("by servlet 'root' (mapping '/', DEFAULT)"), lines.get(1));
        assertTrue(lines.get(2).contains("by evil\\nWSG99 forgedxxx"), lines.get(2));
        assertFalse(lines.get(2).contains("\n"), "one incident, one line");
        assertFalse(lines.get(2).contains("x".repeat(200)), "cut to a bounded length");
        assertEquals(0, filter.core().guard().counters().get(DiagnosisCode.WSG99));
    }

    /** A describer that explains refusals only, and says which statuses it was asked about. */
    private static AnswerDescriber explainingRefusals(List<Integer> asked, String explanation) {
        return new AnswerDescriber() {
            @Override
            public String describe(HttpServletRequest request, int status) {
                return null;
            }

            @Override
            public String refusal(HttpServletRequest request, int status) {
                asked.add(status);
                return explanation;
            }
        };
    }

    @Test
    void aFrameworksRefusalExplanationReplacesTheGeneralOneAndIsAskedOnlyForRefusals() throws Exception {
        init("endpoints", "/echo");
        List<Integer> asked = new java.util.ArrayList<>();
        filter.describeAnswerer(explainingRefusals(asked, "the origin check refused https://evil.example."
                + " Fix: allow it"));
        filter.doFilter(RequestDouble.validUpgrade("/app/echo"), response, answering(403, null, ""));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), new ResponseDouble(), answering(200, null, ""));
        assertEquals(List.of(403), asked, "asked for the refusal only, not for the WSG01");
        String line = log.messages("WSG07").get(0);
        assertTrue(line.endsWith(" instead of 101: the origin check refused https://evil.example. Fix: allow it."),
                line);
        assertFalse(line.contains("an origin check or an access rule"), "the general explanation is replaced: " + line);
        assertEquals(Level.INFO, log.levelOf("WSG07"));
    }

    @Test
    void aFailureExplainedByTheFrameworkStillSaysWhatWasThrown() throws Exception {
        init();
        filter.describeAnswerer(explainingRefusals(new java.util.ArrayList<>(), "its CORS check threw. Fix: x"));
        assertThrows(IllegalStateException.class, () -> filter.doFilter(RequestDouble.validUpgrade("/app/ws/websocket"),
                response, (req, res) -> {
                    throw new IllegalStateException("boom");
                }));
        String line = log.messages("WSG07").get(0);
        assertTrue(line.contains(" was answered 500 on its way to servlet 'root' (mapping '/', DEFAULT) instead of 101:"
                + " the application failed while"
                + " handling the handshake (java.lang.IllegalStateException thrown): its CORS check threw. Fix: x."),
                line);
    }

    @Test
    void aHostileOrFailingRefusalExplanationIsEscapedOrLeavesTheGeneralOne() throws Exception {
        init();
        filter.describeAnswerer(explainingRefusals(new java.util.ArrayList<>(),
                "Origin evil\r\n\u001b[2J\nWSG99 forged" + "y".repeat(1100)));
        filter.doFilter(RequestDouble.validUpgrade("/app/a"), new ResponseDouble(), answering(403, null, ""));
        filter.describeAnswerer(new AnswerDescriber() {
            @Override
            public String describe(HttpServletRequest request, int status) {
                return "Spring handler X";
            }

            @Override
            public String refusal(HttpServletRequest request, int status) {
                throw new IllegalStateException("no");
            }
        });
        filter.doFilter(RequestDouble.validUpgrade("/app/b"), new ResponseDouble(), answering(403, null, ""));
        List<String> lines = log.messages("WSG07");
        assertEquals(2, lines.size(), log.messages().toString());
        assertTrue(lines.get(0).contains("instead of 101: Origin evil\\r\\n\\x1b[2J\\nWSG99 forgedyyy"), lines.get(0));
        assertFalse(lines.get(0).matches("(?s).*[\\r\\n\\u001b].*"), "one incident, one line, no ESC");
        assertFalse(lines.get(0).contains("y".repeat(1030)), "cut to a bounded length");
        assertTrue(lines.get(1).contains("by Spring handler X on its way to servlet 'root' instead of 101: the handshake"
                + " was forbidden"), "a failing explanation leaves the general one, and who answered: " + lines.get(1));
        assertEquals(0, filter.core().guard().counters().get(DiagnosisCode.WSG99));
    }

    @Test
    void withoutTheInitializerAndContainerMappingsTheLineDoesNotClaimNoEndpointMatches() throws Exception {
        // An absolute-ordering kept wsguard's initializer out, and this container's mappings cannot be read.
        initializerRan = false;
        init("endpoints", "/echo");
        assertTrue(log.messages("WSG00").get(0).contains("endpoint scan: endpoint registry unavailable:"),
                log.messages().toString());
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response, answering(200, null, ""));
        String line = log.messages("WSG01").get(0);
        assertFalse(line.contains("No WebSocket endpoint matches"), line);
        assertTrue(line.contains("(endpoint registry unavailable: wsguard's initializer did not run"), line);
        assertTrue(line.contains("Closest endpoint in the endpoints init-param (the only list wsguard has): /app/echo, ws://"),
                line);
    }

    @Test
    void enforceModeReplacesA200With400() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response,
                answering(200, "text/html", "<html>"));
        assertEquals(400, response.getStatus());
        assertEquals("WSG01", response.getHeader("WSGuard-Code"));
        assertTrue(response.text().startsWith("WSG01 "), response.text());
        assertFalse(response.text().contains("/ecco"), "no request data without details=true");
        assertTrue(log.messages("WSG01").get(0).endsWith("Answered 400 instead (mode=enforce)."));
    }

    @Test
    void detailsPutTheSanitizedDiagnosisInTheBody() throws Exception {
        init("mode", "enforce", "details", "true");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco\u001b[31m"), response,
                answering(200, null, ""));
        assertTrue(response.text().contains("GET /app/ecco\\x1b[31m from 127.0.0.1"), response.text());
    }

    @Test
    void enforceNeverAltersA404OrRedirect() throws Exception {
        init("mode", "enforce");
        filter.doFilter(RequestDouble.validUpgrade("/app/gone"), response,
                (req, res) -> ((HttpServletResponse) res).sendError(404));
        assertEquals(404, response.getStatus());
        assertTrue(log.messages("WSG02").get(0).endsWith("Enforce mode: left unchanged."));
    }

    @Test
    void malformedHandshakesAreAnsweredWithoutTheChainInEnforceMode() throws Exception {
        init("mode", "enforce");
        RequestDouble post = RequestDouble.of(new RawRequest("POST", "/app/echo", "HTTP/1.1",
                RawRequest.validUpgrade("/app/echo").headers(), null));
        ChainDouble chain = ChainDouble.passing();
        filter.doFilter(post, response, chain);
        assertEquals(0, chain.calls());
        assertEquals(400, response.getStatus());
        assertEquals("WSG04", response.getHeader("WSGuard-Code"));
        assertTrue(log.messages("WSG04").get(0).endsWith("wsguard answered 400 (mode=enforce)."));
    }

    @Test
    void strippedHeadersGet426WithUpgradeInEnforceMode() throws Exception {
        init("mode", "enforce");
        RequestDouble r = request(RawRequest.validUpgrade("/app/echo").toBuilder().remove("Upgrade").remove("Connection")
                .header("Connection", "close").header("X-Forwarded-For", "10.0.0.1"));
        filter.doFilter(r, response, ChainDouble.passing());
        assertEquals(426, response.getStatus());
        assertEquals("websocket", response.getHeader("Upgrade"));
        assertEquals("Upgrade", response.getHeader("Connection"));
        assertTrue(log.messages("WSG03").get(0).contains("(evidence: Connection: close; X-Forwarded-For: 10.0.0.1)"));
    }

    @Test
    void anXForwardedPortAloneIsNamedAsProxyEvidence() throws Exception {
        init();
        RequestDouble r = request(RawRequest.validUpgrade("/app/echo").toBuilder().remove("Upgrade").remove("Connection")
                .header("X-Forwarded-Port", "443"));
        filter.doFilter(r, response, answering(200, null, ""));
        assertTrue(log.messages("WSG03").get(0).contains("most likely by a reverse proxy (evidence: X-Forwarded-Port:"
                + " 443)."), log.messages().toString());
    }

    @Test
    void logModeDiagnosesBadHandshakesButLetsTheContainerAnswer() throws Exception {
        init();
        RequestDouble r = RequestDouble.of(RawRequest.validUpgrade("/app/echo").with("Sec-WebSocket-Version", "8"));
        filter.doFilter(r, response, (req, res) -> {
            ((HttpServletResponse) res).setStatus(426);
            ((HttpServletResponse) res).setHeader("Sec-WebSocket-Version", "13");
        });
        assertEquals(426, response.getStatus());
        assertEquals(null, response.getHeader("WSGuard-Code"));
        assertTrue(log.messages("WSG05").get(0).contains("(RFC 6455). It was answered 426 on its way to servlet 'root'"
                + " (mapping '/', DEFAULT). Fix: "), log.messages().toString());
    }

    @Test
    void aCompletedUpgradeIsCountedAndNotLogged() throws Exception {
        init("mode", "enforce");
        AtomicReference<ServletResponse> seen = new AtomicReference<>();
        filter.doFilter(RequestDouble.validUpgrade("/app/echo"), response, (req, res) -> {
            seen.set(res);
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(101);
            r.setHeader("Upgrade", "websocket");
            r.flushBuffer();
        });
        assertEquals(101, response.getStatus());
        assertTrue(response.isCommitted(), "the 101 reached the container inside the chain");
        assertEquals(1, filter.core().guard().counters().upgradesCompleted());
        assertEquals(1, log.messages().size(), log.messages().toString());
    }

    @Test
    void otherDispatchesAndSecondFiltersAreLeftAlone() throws Exception {
        init("mode", "enforce");
        RequestDouble forward = RequestDouble.validUpgrade("/app/ecco").dispatcherType(DispatcherType.FORWARD);
        assertPassedOnUntouched(forward);

        RequestDouble twice = RequestDouble.validUpgrade("/app/ecco").attribute(RequestPath.HANDLED_ATTRIBUTE, Boolean.TRUE);
        assertPassedOnUntouched(twice);
        assertEquals(0, filter.core().guard().counters().upgradeRequests());
    }

    @Test
    void anExceptionDownstreamPropagatesAndIsDiagnosed() throws Exception {
        init();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> filter.doFilter(
                RequestDouble.validUpgrade("/app/echo"), response, (req, res) -> {
                    res.getWriter().print("partial");
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertTrue(log.messages("WSG07").get(0).contains("(java.lang.IllegalStateException thrown)"),
                log.messages().toString());
    }

    @Test
    void aFaultInsideWsguardPassesTheRequestOnAndIsReportedOnce() throws Exception {
        init();
        HttpServletRequest r = new HttpServletRequestWrapper(RequestDouble.validUpgrade("/app/echo")) {
            @Override
            public Enumeration<String> getHeaders(String name) {
                throw new IllegalArgumentException("broken container");
            }
        };
        ChainDouble chain = ChainDouble.passing();
        filter.doFilter(r, response, chain);
        filter.doFilter(r, response, chain);
        assertEquals(2, chain.calls());
        assertSame(r, chain.request());
        assertSame(response, chain.response());
        assertEquals(1, log.messages("WSG99").size());
    }

    @Test
    void aClassThatCannotLoadAfterTheChainStaysInsideWsguard() throws Exception {
        // A webapp undeployed while a request is still in the filter: its class loader refuses to load more.
        init("mode", "enforce", "endpoints", "/echo");
        HttpServletRequest r = new HttpServletRequestWrapper(RequestDouble.validUpgrade("/app/ecco")) {
            @Override
            public HttpServletMapping getHttpServletMapping() {
                throw new NoClassDefFoundError("dev/wsguard/endpoints/ClosestEndpoint");
            }
        };
        filter.doFilter(r, response, answering(200, "text/html", "<html>spa</html>"));
        assertEquals(1, log.messages("WSG99").size(), log.messages().toString());
        assertTrue(response.text().contains("spa"), "the downstream answer is passed on: " + response.text());
    }

    @Test
    void asyncAnswersAreFollowedToTheirEnd() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        RequestDouble r = RequestDouble.validUpgrade("/app/ecco");
        AtomicReference<ServletResponse> wrapped = new AtomicReference<>();
        filter.doFilter(r, response, (req, res) -> {
            req.startAsync();
            wrapped.set(res);
        });
        assertTrue(log.messages("WSG01").isEmpty(), "not diagnosed before the answer is complete");
        ((HttpServletResponse) wrapped.get()).setStatus(200);
        wrapped.get().getWriter().print("late");
        r.async().complete();
        assertEquals("late", response.text());
        assertTrue(log.messages("WSG01").get(0).endsWith("could not be replaced: it was answered asynchronously."),
                log.messages().toString());
    }

    @Test
    void plainRequestsToEndpointsAreLoggedOrRejected() throws Exception {
        init("mode", "enforce", "endpoints", "/chat/{room}", "plain-requests", "reject");
        ChainDouble chain = ChainDouble.passing();
        filter.doFilter(RequestDouble.get("/app/chat/lobby"), response, chain);
        assertEquals(0, chain.calls());
        assertEquals(426, response.getStatus());
        assertEquals("WSG06", response.getHeader("WSGuard-Code"));
        assertEquals(1, log.messages("WSG06").size());
    }

    @Test
    void plainRequestsAreLoggedAfterTheAnswerInLogMode() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(request(RawRequest.get("/app/echo").replace("Host", "127.0.0.1:8080")), response,
                answering(200, "text/plain", "x"));
        assertEquals(200, response.getStatus());
        assertTrue(log.messages("WSG06").get(0).contains("was answered 200 text/plain"), log.messages().toString());
        assertTrue(log.messages("WSG06").get(0).endsWith("The WebSocket URL to use is ws://127.0.0.1:8080/app/echo."),
                log.messages().toString());
        assertEquals(Level.INFO, log.levelOf("WSG06"));
    }

    @Test
    void theWebSocketUrlHintFollowsTheSchemeATlsProxyReports() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(request(RawRequest.get("/app/echo").replace("Host", "chat.example.com")
                .header("X-Forwarded-Proto", "https")), response, answering(200, "text/plain", "x"));
        assertTrue(log.messages("WSG06").get(0).endsWith("The WebSocket URL to use is wss://chat.example.com/app/echo."),
                log.messages().toString());
    }

    @Test
    void repeatsAreCountedNotLogged() throws Exception {
        init("endpoints", "/echo");
        for (int i = 0; i < 50; i++) {
            filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), new ResponseDouble(),
                    answering(200, null, ""));
        }
        assertEquals(1, log.messages("WSG01").size());
        assertEquals(50, filter.core().guard().counters().get(DiagnosisCode.WSG01));
        filter.destroy();
        assertTrue(log.messages("WSG01").get(1).startsWith("WSG01 repeated 49 more times for /app/ecco"),
                log.messages().toString());
    }

    @Test
    void onJettyEe11TheFixNamesTheEe11Module() throws Exception {
        // The context's class is how a running Jetty 12.1 shows which environment the webapp is in.
        ServletContextDouble jetty = new ServletContextDouble("/app").serverInfo("jetty/12.1.14");
        ServletContext ee11 = mock(Ee11ServletContext.class, delegatesTo(jetty.context()));
        assertTrue(ee11.getClass().getName().startsWith("org.eclipse.jetty.ee11."), ee11.getClass().getName());
        initWithEchoEndpoint(ee11);
        String wsg10 = log.messages("WSG10").get(0);
        assertTrue(wsg10.contains("enable the Jetty module ee11-websocket-jakarta"), wsg10);
        assertFalse(wsg10.contains("ee10"), wsg10);
        filter.doFilter(RequestDouble.validUpgrade("/app/echo"), response, answering(200, null, ""));
        assertTrue(log.messages("WSG01").get(0).contains("org.eclipse.jetty.ee11.websocket.jakarta.server.config"
                + ".JakartaWebSocketServletContainerInitializer.configure"), log.messages().toString());
    }

    @Test
    void missingWebSocketSupportIsReportedAtStartup() throws Exception {
        initWithEchoEndpoint(new ServletContextDouble("").serverInfo("jetty/12.1.14").context());
        assertEquals(Level.SEVERE, log.levelOf("WSG10"));
        assertTrue(log.messages("WSG00").get(0).contains("context ROOT (jetty/12.1.14)"), log.messages().toString());
    }

    @Test
    void aFrameworksOwnFixForMissingWebSocketSupportReplacesTheContainersInWsg10AndInTheLinesThatFollow()
            throws Exception {
        // What the Spring Boot starter tells for an embedded Jetty whose WebSocket jars were left out.
        filter.webSocketSupportFix("add the dependency org.example:websocket-support");
        initWithEchoEndpoint(new ServletContextDouble("").serverInfo("jetty/12.1.14").context());
        String wsg10 = log.messages("WSG10").get(0);
        assertTrue(wsg10.endsWith("Fix: add the dependency org.example:websocket-support."), wsg10);
        assertFalse(wsg10.contains("--add-modules"), "the container's own fix is replaced: " + wsg10);

        // A framework's handler took the handshake and failed on it: the line says why, with the same fix.
        ServletException failed = new ServletException("Request processing failed: no ServerContainer");
        assertSame(failed, assertThrows(ServletException.class, () -> filter.doFilter(
                RequestDouble.validUpgrade("/echo"), response, (request, answer) -> {
                    throw failed;
                })));
        String wsg07 = log.messages("WSG07").get(0);
        assertTrue(wsg07.contains("answered 500"), wsg07);
        assertTrue(wsg07.contains("WebSocket support is not enabled in this context"), wsg07);
        assertTrue(wsg07.endsWith("Fix: add the dependency org.example:websocket-support."), wsg07);
    }

    /** Starts the filter with endpoints=/echo in a context of the caller's (one without a ServerContainer). */
    private void initWithEchoEndpoint(ServletContext jetty) throws Exception {
        filter.init(FilterConfigDouble.of(jetty, "endpoints", "/echo"));
        assertTrue(filter.core().guard().awaitStartupReport(10, TimeUnit.SECONDS));
    }

    /**
     * Sends the request through the filter to a chain that writes nothing: it and the response reached the chain
     * once, unwrapped, and wsguard left no mark on the request.
     */
    private void assertPassedOnUntouched(RequestDouble r) throws Exception {
        ChainDouble chain = ChainDouble.passing();
        filter.doFilter(r, response, chain);
        assertEquals(1, chain.calls());
        assertSame(r, chain.request());
        assertSame(response, chain.response());
        assertEquals(0, r.attributeWrites());
    }
}
