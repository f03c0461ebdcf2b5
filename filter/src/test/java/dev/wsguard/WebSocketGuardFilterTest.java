package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.startup.EndpointScanInitializer;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.lang.management.ManagementFactory;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.logging.Level;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class WebSocketGuardFilterTest {

    private final LogCapture log = new LogCapture();
    private final WebSocketGuardFilter filter = new WebSocketGuardFilter();
    private final ResponseDouble response = new ResponseDouble(8192);
    private final Map<String, Object> contextAttributes = new HashMap<>();
    private String serverInfo = "Apache Tomcat/11.0.27";
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
        Map<String, String> p = new HashMap<>();
        for (int i = 0; i < params.length; i += 2) {
            p.put(params[i], params[i + 1]);
        }
        ServletContext context = mock(ServletContext.class);
        when(context.getContextPath()).thenReturn("/app");
        when(context.getServerInfo()).thenReturn(serverInfo);
        when(context.getInitParameterNames()).thenReturn(Collections.enumeration(contextParams.keySet()));
        when(context.getInitParameter(anyString())).thenAnswer(i -> contextParams.get((String) i.getArgument(0)));
        when(context.getAttribute(anyString())).thenAnswer(i -> contextAttributes.get((String) i.getArgument(0)));
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        when(config.getInitParameterNames()).thenReturn(Collections.enumeration(p.keySet()));
        when(config.getInitParameter(anyString())).thenAnswer(i -> p.get((String) i.getArgument(0)));
        contextAttributes.putIfAbsent("jakarta.websocket.server.ServerContainer", new Object());
        // As where wsguard's initializer ran and found no annotated endpoint: the registry is complete.
        if (initializerRan) {
            contextAttributes.putIfAbsent(EndpointScanInitializer.ENDPOINTS_ATTRIBUTE, Map.of());
        }
        if (scanGate != null) {
            CountDownLatch gate = scanGate;
            when(context.getResourcePaths(anyString())).thenAnswer(i -> {
                gate.await(10, TimeUnit.SECONDS);
                return null;
            });
        }
        filter.init(config);
        if (filter.guard() != null && scanGate == null) {
            assertTrue(filter.guard().awaitStartupReport(10, TimeUnit.SECONDS));
        }
    }

    /** A chain whose "servlet" answers with the given status and body. */
    private static FilterChain answering(int status, String contentType, String body) {
        return (req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(status);
            if (contentType != null) {
                r.setContentType(contentType);
            }
            r.getWriter().print(body);
        };
    }

    @Test
    void aPlainRequestReachesTheChainUnwrappedAndUntouched() throws Exception {
        init("endpoints", "/echo");
        RequestDouble r = new RequestDouble("GET", "/app/index.html");
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(r.mock, response.mock, chain);
        verify(chain).doFilter(r.mock, response.mock);
        verify(r.mock, never()).setAttribute(anyString(), any());
        verify(r.mock, never()).getHeaders(anyString());
        assertTrue(log.lines().stream().noneMatch(l -> !l.startsWith("WSG00")), log.lines().toString());
    }

    @Test
    void anIncidentDuringTheStartupScanIsWrittenRightAfterWsg00() throws Exception {
        scanGate = new CountDownLatch(1);
        init("endpoints", "/echo");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, response.mock, answering(200, "text/plain", "x"));
        assertEquals(200, response.status, "log mode passes the answer on at once");
        assertEquals(1, filter.guard().counters().get(dev.wsguard.diagnosis.DiagnosisCode.WSG01), "counted at once");
        assertTrue(log.lines().isEmpty(), "held until the startup report: " + log.lines());
        scanGate.countDown();
        assertTrue(filter.guard().awaitStartupReport(10, TimeUnit.SECONDS));
        List<String> lines = log.lines();
        assertEquals(List.of("WSG00", "WSG01"), lines.stream().map(l -> l.substring(0, 5)).toList(), lines.toString());
    }

    @Test
    void anUpgradeToAnotherProtocolTakesTheFastPath() throws Exception {
        init("endpoints", "/echo");
        RequestDouble h2c = new RequestDouble("GET", "/app/index.html").header("Host", "h").header("Upgrade", "h2c")
                .header("Connection", "Upgrade, HTTP2-Settings").header("HTTP2-Settings", "AAMAAABkAARAAAAAAAIAAAAA");
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(h2c.mock, response.mock, chain);
        verify(chain).doFilter(h2c.mock, response.mock);
        verify(h2c.mock, never()).setAttribute(anyString(), any());
        verify(h2c.mock, never()).getHeaderNames();
        assertEquals(0, filter.guard().counters().upgradeRequests());
    }

    @Test
    void websocketInASecondUpgradeLineIsStillAnAttempt() throws Exception {
        init();
        RequestDouble r = new RequestDouble("GET", "/app/echo").header("Host", "h").header("Upgrade", "h2c")
                .header("Upgrade", "websocket").header("Connection", "Upgrade");
        filter.doFilter(r.mock, response.mock, answering(400, null, ""));
        assertEquals(1, filter.guard().counters().upgradeRequests());
        assertTrue(log.lines("WSG04").get(0).contains("Sec-WebSocket-Key is missing"), log.lines().toString());
    }

    @Test
    void offPassesEvenUpgradesThroughUntouched() throws Exception {
        init("mode", "off");
        RequestDouble r = RequestDouble.validUpgrade("/app/ecco");
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(r.mock, response.mock, chain);
        verify(chain).doFilter(r.mock, response.mock);
        assertEquals(1, log.lines().size(), log.lines().toString());
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
        java.util.List<String> contextLog = new java.util.ArrayList<>();
        ServletContext context = mock(ServletContext.class);
        when(context.getContextPath()).thenReturn("/app");
        when(context.getServerInfo()).thenReturn("jetty/12.1.14");
        when(context.getInitParameterNames()).thenReturn(Collections.emptyEnumeration());
        when(context.getAttribute("jakarta.websocket.server.ServerContainer")).thenReturn(new Object());
        doAnswer(i -> contextLog.add(i.getArgument(0))).when(context).log(anyString());
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        when(config.getInitParameterNames()).thenReturn(Collections.enumeration(java.util.List.of("log-sink")));
        when(config.getInitParameter("log-sink")).thenReturn("servlet-context");
        filter.init(config);
        assertTrue(filter.guard().awaitStartupReport(10, TimeUnit.SECONDS));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, response.mock, answering(200, null, ""));
        assertTrue(contextLog.stream().anyMatch(l -> l.startsWith("INFO WSG00 ")), contextLog.toString());
        assertTrue(contextLog.stream().anyMatch(l -> l.startsWith("WARNING WSG01 ")), contextLog.toString());
        assertTrue(log.lines().isEmpty(), "servlet-context only: nothing on the JUL logger " + log.lines());
    }

    @Test
    void aBadParameterFailsInitNamingIt() {
        ServletException e = assertThrows(ServletException.class, () -> init("buffer-limit", "lots"));
        assertTrue(e.getMessage().contains("init-param 'buffer-limit' has the invalid value [lots]"), e.getMessage());
    }

    @Test
    void contextParamsConfigureTheFilter() throws Exception {
        init(Map.of("wsguard.mode", "enforce"));
        RequestDouble r = RequestDouble.validUpgrade("/app/echo").without("Sec-WebSocket-Version");
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(r.mock, response.mock, chain);
        verify(chain, never()).doFilter(any(), any());
        assertEquals(426, response.status);
    }

    /** Registered in init and gone after destroy in every mode; mode=off counts nothing. */
    @ParameterizedTest(name = "mode={0}")
    @CsvSource({"log, 1", "off, 0"})
    void theMBeanLivesExactlyAsLongAsTheFilter(String mode, long counted) throws Exception {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/app");
        init("mode", mode, "endpoints", "/echo");
        assertTrue(server.isRegistered(name));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, response.mock, answering(200, null, "x"));
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
        serverInfo = "jetty/12.1.14";
        init("mode", mode, "endpoints", "/echo");
        RequestDouble r = RequestDouble.http2Upgrade("/app/echo")
                .attribute(ContainerProfile.JETTY_UPGRADED_STREAM_ATTRIBUTE, new Object());
        filter.doFilter(r.mock, response.mock, (req, res) -> {
            ((HttpServletResponse) res).setStatus(200);
            res.setContentType("application/octet-stream");
        });
        assertEquals(200, response.status);
        assertNull(response.headers.get("WSGuard-Code"));
        assertTrue(log.lines("WSG01").isEmpty(), log.lines().toString());
    }

    @Test
    void anEmptyHttp2200IsTakenForAnAcceptedUpgradeWhereTheContainerSaysNothing() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(RequestDouble.http2Upgrade("/app/echo").mock, response.mock,
                (req, res) -> ((HttpServletResponse) res).setStatus(200));
        assertEquals(200, response.status);
        assertTrue(log.lines("WSG01").isEmpty(), log.lines().toString());
    }

    @Test
    void anHttp2UpgradeAnsweredWithAPageIsReplaced() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(RequestDouble.http2Upgrade("/app/ecco").mock, response.mock,
                answering(200, "text/plain", "hello"));
        assertEquals(400, response.status);
        String line = log.lines("WSG01").get(0);
        assertTrue(line.startsWith("WSG01 WebSocket upgrade (HTTP/2 extended CONNECT) CONNECT /app/ecco"), line);
        assertTrue(line.contains("instead of a WebSocket endpoint accepting it (body: text starting 'hello')"), line);
    }

    @Test
    void anHttp2UpgradeRefusedWith501IsNoEndpointHere() throws Exception {
        // Jetty's DefaultServlet implements no CONNECT: 501 is the HTTP/2 form of the 404 an HTTP/1.1 GET gets.
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(RequestDouble.http2Upgrade("/app/ecco").mock, response.mock, answering(501, null, ""));
        assertEquals(501, response.status);
        assertTrue(log.lines("WSG07").isEmpty(), log.lines().toString());
        String line = log.lines("WSG02").get(0);
        assertTrue(line.contains("was answered 501 by servlet 'root' (mapping '/', DEFAULT) instead of a WebSocket"
                + " endpoint accepting it."), line);
        assertTrue(line.contains("Closest endpoint: /echo."), line);
        assertTrue(line.endsWith("Enforce mode: left unchanged."), line);
    }

    @Test
    void logModeDiagnosesA200AndChangesNothing() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, response.mock,
                answering(200, "text/plain", "hello"));
        assertEquals(200, response.status);
        assertEquals("hello", response.text());
        assertEquals(1, log.lines("WSG01").size(), log.lines().toString());
        String line = log.lines("WSG01").get(0);
        assertTrue(line.contains("was answered 200 text/plain by servlet 'root' (mapping '/', DEFAULT) instead of 101"
                + " (body: text starting 'hello')."), line);
        assertTrue(line.contains("Closest endpoint: /echo."), line);
        assertEquals(Level.WARNING, log.levelOf("WSG01"));
    }

    @Test
    void withoutTheInitializerAndContainerMappingsTheLineDoesNotClaimNoEndpointMatches() throws Exception {
        // An absolute-ordering kept wsguard's initializer out, and this container's mappings cannot be read.
        initializerRan = false;
        init("endpoints", "/echo");
        assertTrue(log.lines("WSG00").get(0).contains("endpoint scan: endpoint registry unavailable:"),
                log.lines().toString());
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, response.mock, answering(200, null, ""));
        String line = log.lines("WSG01").get(0);
        assertFalse(line.contains("No WebSocket endpoint matches"), line);
        assertTrue(line.contains("(endpoint registry unavailable: wsguard's initializer did not run"), line);
        assertTrue(line.contains("Closest endpoint in the endpoints init-param (the only list wsguard has): /echo."),
                line);
    }

    @Test
    void enforceModeReplacesA200With400() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, response.mock,
                answering(200, "text/html", "<html>"));
        assertEquals(400, response.status);
        assertEquals("WSG01", response.headers.get("WSGuard-Code"));
        assertTrue(response.text().startsWith("WSG01 "), response.text());
        assertFalse(response.text().contains("/ecco"), "no request data without details=true");
        assertTrue(log.lines("WSG01").get(0).endsWith("Answered 400 instead (mode=enforce)."));
    }

    @Test
    void detailsPutTheSanitizedDiagnosisInTheBody() throws Exception {
        init("mode", "enforce", "details", "true");
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco\u001b[31m").mock, response.mock,
                answering(200, null, ""));
        assertTrue(response.text().contains("GET /app/ecco\\x1b[31m from 127.0.0.1"), response.text());
    }

    @Test
    void enforceNeverAltersA404OrRedirect() throws Exception {
        init("mode", "enforce");
        filter.doFilter(RequestDouble.validUpgrade("/app/gone").mock, response.mock,
                (req, res) -> ((HttpServletResponse) res).sendError(404));
        assertEquals(404, response.status);
        assertTrue(log.lines("WSG02").get(0).endsWith("Enforce mode: left unchanged."));
    }

    @Test
    void malformedHandshakesAreAnsweredWithoutTheChainInEnforceMode() throws Exception {
        init("mode", "enforce");
        RequestDouble post = new RequestDouble("POST", "/app/echo").header("Host", "h").header("Upgrade", "websocket")
                .header("Connection", "Upgrade").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13");
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(post.mock, response.mock, chain);
        verify(chain, never()).doFilter(any(), any());
        assertEquals(400, response.status);
        assertEquals("WSG04", response.headers.get("WSGuard-Code"));
        assertTrue(log.lines("WSG04").get(0).endsWith("wsguard answered 400 (mode=enforce)."));
    }

    @Test
    void strippedHeadersGet426WithUpgradeInEnforceMode() throws Exception {
        init("mode", "enforce");
        RequestDouble r = RequestDouble.validUpgrade("/app/echo").without("Upgrade").without("Connection")
                .header("Connection", "close").header("X-Forwarded-For", "10.0.0.1");
        filter.doFilter(r.mock, response.mock, mock(FilterChain.class));
        assertEquals(426, response.status);
        assertEquals("websocket", response.headers.get("Upgrade"));
        assertEquals("Upgrade", response.headers.get("Connection"));
        assertTrue(log.lines("WSG03").get(0).contains("(evidence: Connection: close; X-Forwarded-For: 10.0.0.1)"));
    }

    @Test
    void anXForwardedPortAloneIsNamedAsProxyEvidence() throws Exception {
        init();
        RequestDouble r = RequestDouble.validUpgrade("/app/echo").without("Upgrade").without("Connection")
                .header("X-Forwarded-Port", "443");
        filter.doFilter(r.mock, response.mock, answering(200, null, ""));
        assertTrue(log.lines("WSG03").get(0).contains("most likely by a reverse proxy (evidence: X-Forwarded-Port:"
                + " 443)."), log.lines().toString());
    }

    @Test
    void logModeDiagnosesBadHandshakesButLetsTheContainerAnswer() throws Exception {
        init();
        RequestDouble r = RequestDouble.validUpgrade("/app/echo").without("Sec-WebSocket-Version")
                .header("Sec-WebSocket-Version", "8");
        filter.doFilter(r.mock, response.mock, (req, res) -> {
            ((HttpServletResponse) res).setStatus(426);
            ((HttpServletResponse) res).setHeader("Sec-WebSocket-Version", "13");
        });
        assertEquals(426, response.status);
        assertEquals(null, response.headers.get("WSGuard-Code"));
        assertTrue(log.lines("WSG05").get(0).contains("(RFC 6455). It was answered 426 on its way to servlet 'root'"
                + " (mapping '/', DEFAULT). Fix: "), log.lines().toString());
    }

    @Test
    void aCompletedUpgradeIsCountedAndNotLogged() throws Exception {
        init("mode", "enforce");
        AtomicReference<ServletResponse> seen = new AtomicReference<>();
        filter.doFilter(RequestDouble.validUpgrade("/app/echo").mock, response.mock, (req, res) -> {
            seen.set(res);
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(101);
            r.setHeader("Upgrade", "websocket");
            r.flushBuffer();
        });
        assertEquals(101, response.status);
        assertTrue(response.committed, "the 101 reached the container inside the chain");
        assertEquals(1, filter.guard().counters().upgradesCompleted());
        assertEquals(1, log.lines().size(), log.lines().toString());
    }

    @Test
    void otherDispatchesAndSecondFiltersAreLeftAlone() throws Exception {
        init("mode", "enforce");
        RequestDouble forward = RequestDouble.validUpgrade("/app/ecco");
        when(forward.mock.getDispatcherType()).thenReturn(DispatcherType.FORWARD);
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(forward.mock, response.mock, chain);
        verify(chain).doFilter(forward.mock, response.mock);

        RequestDouble twice = RequestDouble.validUpgrade("/app/ecco");
        twice.mock.setAttribute(Guard.HANDLED_ATTRIBUTE, Boolean.TRUE);
        FilterChain chain2 = mock(FilterChain.class);
        filter.doFilter(twice.mock, response.mock, chain2);
        verify(chain2).doFilter(twice.mock, response.mock);
        assertEquals(0, filter.guard().counters().upgradeRequests());
    }

    @Test
    void anExceptionDownstreamPropagatesAndIsDiagnosed() throws Exception {
        init();
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> filter.doFilter(
                RequestDouble.validUpgrade("/app/echo").mock, response.mock, (req, res) -> {
                    res.getWriter().print("partial");
                    throw boom;
                }));
        assertSame(boom, thrown);
        assertTrue(log.lines("WSG07").get(0).contains("(java.lang.IllegalStateException thrown)"),
                log.lines().toString());
    }

    @Test
    void aFaultInsideWsguardPassesTheRequestOnAndIsReportedOnce() throws Exception {
        init();
        RequestDouble r = RequestDouble.validUpgrade("/app/echo");
        when(r.mock.getHeaders(anyString())).thenThrow(new IllegalArgumentException("broken container"));
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(r.mock, response.mock, chain);
        filter.doFilter(r.mock, response.mock, chain);
        verify(chain, org.mockito.Mockito.times(2)).doFilter(r.mock, response.mock);
        assertEquals(1, log.lines("WSG99").size());
    }

    @Test
    void aClassThatCannotLoadAfterTheChainStaysInsideWsguard() throws Exception {
        // A webapp undeployed while a request is still in the filter: its class loader refuses to load more.
        init("mode", "enforce", "endpoints", "/echo");
        RequestDouble r = RequestDouble.validUpgrade("/app/ecco");
        when(r.mock.getHttpServletMapping()).thenThrow(new NoClassDefFoundError("dev/wsguard/endpoints/ClosestEndpoint"));
        filter.doFilter(r.mock, response.mock, answering(200, "text/html", "<html>spa</html>"));
        assertEquals(1, log.lines("WSG99").size(), log.lines().toString());
        assertTrue(response.text().contains("spa"), "the downstream answer is passed on: " + response.text());
    }

    @Test
    void asyncAnswersAreFollowedToTheirEnd() throws Exception {
        init("mode", "enforce", "endpoints", "/echo");
        RequestDouble r = RequestDouble.validUpgrade("/app/ecco");
        AsyncContext async = mock(AsyncContext.class);
        AtomicReference<AsyncListener> listener = new AtomicReference<>();
        doAnswer(i -> {
            listener.set(i.getArgument(0));
            return null;
        }).when(async).addListener(any(AsyncListener.class));
        when(r.mock.isAsyncStarted()).thenReturn(true);
        when(r.mock.getAsyncContext()).thenReturn(async);
        AtomicReference<ServletResponse> wrapped = new AtomicReference<>();
        filter.doFilter(r.mock, response.mock, (req, res) -> wrapped.set(res));
        assertTrue(log.lines("WSG01").isEmpty(), "not diagnosed before the answer is complete");
        ((HttpServletResponse) wrapped.get()).setStatus(200);
        wrapped.get().getWriter().print("late");
        listener.get().onComplete(new AsyncEvent(async));
        assertEquals("late", response.text());
        assertTrue(log.lines("WSG01").get(0).endsWith("could not be replaced: it was answered asynchronously."),
                log.lines().toString());
    }

    @Test
    void plainRequestsToEndpointsAreLoggedOrRejected() throws Exception {
        init("mode", "enforce", "endpoints", "/chat/{room}", "plain-requests", "reject");
        FilterChain chain = mock(FilterChain.class);
        filter.doFilter(new RequestDouble("GET", "/app/chat/lobby").mock, response.mock, chain);
        verify(chain, never()).doFilter(any(ServletRequest.class), any(ServletResponse.class));
        assertEquals(426, response.status);
        assertEquals("WSG06", response.headers.get("WSGuard-Code"));
        assertEquals(1, log.lines("WSG06").size());
    }

    @Test
    void plainRequestsAreLoggedAfterTheAnswerInLogMode() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(new RequestDouble("GET", "/app/echo").header("Host", "127.0.0.1:8080").mock, response.mock,
                answering(200, "text/plain", "x"));
        assertEquals(200, response.status);
        assertTrue(log.lines("WSG06").get(0).contains("was answered 200 text/plain"), log.lines().toString());
        assertTrue(log.lines("WSG06").get(0).endsWith("The WebSocket URL to use is ws://127.0.0.1:8080/app/echo."),
                log.lines().toString());
        assertEquals(Level.INFO, log.levelOf("WSG06"));
    }

    @Test
    void theWebSocketUrlHintFollowsTheSchemeATlsProxyReports() throws Exception {
        init("endpoints", "/echo");
        filter.doFilter(new RequestDouble("GET", "/app/echo").header("Host", "chat.example.com")
                .header("X-Forwarded-Proto", "https").mock, response.mock, answering(200, "text/plain", "x"));
        assertTrue(log.lines("WSG06").get(0).endsWith("The WebSocket URL to use is wss://chat.example.com/app/echo."),
                log.lines().toString());
    }

    @Test
    void repeatsAreCountedNotLogged() throws Exception {
        init("endpoints", "/echo");
        for (int i = 0; i < 50; i++) {
            filter.doFilter(RequestDouble.validUpgrade("/app/ecco").mock, new ResponseDouble(8192).mock,
                    answering(200, null, ""));
        }
        assertEquals(1, log.lines("WSG01").size());
        assertEquals(50, filter.guard().counters().get(dev.wsguard.diagnosis.DiagnosisCode.WSG01));
        filter.destroy();
        assertTrue(log.lines("WSG01").get(1).startsWith("WSG01 repeated 49 more times for /app/ecco"),
                log.lines().toString());
    }

    @Test
    void onJettyEe11TheFixNamesTheEe11Module() throws Exception {
        // The context's class is how a running Jetty 12.1 shows which environment the webapp is in.
        ServletContext context = mock(org.eclipse.jetty.ee11.fixture.Ee11ServletContext.class);
        assertTrue(context.getClass().getName().startsWith("org.eclipse.jetty.ee11."), context.getClass().getName());
        initOnJettyWithoutWebSocket(context, "/app");
        String wsg10 = log.lines("WSG10").get(0);
        assertTrue(wsg10.contains("enable the Jetty module ee11-websocket-jakarta"), wsg10);
        assertFalse(wsg10.contains("ee10"), wsg10);
        filter.doFilter(RequestDouble.validUpgrade("/app/echo").mock, response.mock, answering(200, null, ""));
        assertTrue(log.lines("WSG01").get(0).contains("org.eclipse.jetty.ee11.websocket.jakarta.server.config"
                + ".JakartaWebSocketServletContainerInitializer.configure"), log.lines().toString());
    }

    @Test
    void missingWebSocketSupportIsReportedAtStartup() throws Exception {
        contextAttributes.put("jakarta.websocket.server.ServerContainer", null);
        Map<String, Object> none = contextAttributes;
        none.remove("jakarta.websocket.server.ServerContainer");
        initOnJettyWithoutWebSocket(mock(ServletContext.class), "");
        assertEquals(Level.SEVERE, log.levelOf("WSG10"));
        assertTrue(log.lines("WSG00").get(0).contains("context ROOT (jetty/12.1.14)"), log.lines().toString());
    }

    /** Starts the filter with endpoints=/echo in a Jetty context that has no ServerContainer. */
    private void initOnJettyWithoutWebSocket(ServletContext context, String contextPath) throws Exception {
        when(context.getContextPath()).thenReturn(contextPath);
        when(context.getServerInfo()).thenReturn("jetty/12.1.14");
        when(context.getInitParameterNames()).thenReturn(Collections.emptyEnumeration());
        FilterConfig config = mock(FilterConfig.class);
        when(config.getServletContext()).thenReturn(context);
        when(config.getInitParameterNames()).thenReturn(Collections.enumeration(java.util.List.of("endpoints")));
        when(config.getInitParameter("endpoints")).thenReturn("/echo");
        filter.init(config);
        assertTrue(filter.guard().awaitStartupReport(10, TimeUnit.SECONDS));
    }
}
