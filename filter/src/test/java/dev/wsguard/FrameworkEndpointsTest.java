package dev.wsguard;

import static dev.wsguard.testkit.servlet.ChainDouble.answering;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.startup.StartupReport;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.servlet.ChainDouble;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.servlet.http.HttpServletRequest;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A framework that registers the filter tells it its own endpoints ({@link WebSocketGuardFilter#frameworkReady}):
 * as where Spring Boot runs no initializer from jars and the container's mappings do not hold Spring's handlers.
 * This context's container mappings cannot be read and wsguard's initializer did not run, so without the framework
 * the registry is unavailable.
 */
class FrameworkEndpointsTest {

    private static final List<FrameworkEndpoint> SPRING = List.of(
            FrameworkEndpoint.of("/echo", "Spring WebSocketHandler"),
            FrameworkEndpoint.of("/ws-plain", "STOMP endpoint"),
            FrameworkEndpoint.of("/ws", "SockJS endpoint").alsoPlainHttp(),
            FrameworkEndpoint.of("/ws/websocket", "SockJS endpoint"),
            FrameworkEndpoint.of("/ws/{server}/{session}/websocket", "SockJS endpoint"));

    private final GuardLogCapture log = GuardLogCapture.attach();
    private final ServletContextDouble context = new ServletContextDouble("/app")
            .attribute(StartupReport.JAKARTA_SERVER_CONTAINER, new Object());
    private WebSocketGuardFilter filter;

    @AfterEach
    void tearDown() {
        if (filter != null) {
            filter.destroy();
        }
        log.close();
    }

    /** A filter for a framework, with these bounds on its wait (milliseconds). */
    private WebSocketGuardFilter forFramework(long afterFirstHeldLine, long atMost) {
        filter = new WebSocketGuardFilter(new FilterCore(new FrameworkHandover(true,
                TimeUnit.MILLISECONDS.toNanos(afterFirstHeldLine),
                TimeUnit.MILLISECONDS.toNanos(atMost))));
        return filter;
    }

    private FrameworkHandover handover() {
        return filter.core().framework().handover;
    }

    /** The kit's marker, sent through this filter as a handshake that the chain answers 404. */
    private Marker marker() {
        return Marker.using("/app", path -> {
            ResponseDouble r = new ResponseDouble();
            filter.doFilter(RequestDouble.validUpgrade(path), r, answering(404, "text/plain", "not here"));
            return String.valueOf(r.getStatus());
        });
    }

    private void awaitReport() throws InterruptedException {
        assertTrue(filter.core().guard().awaitStartupReport(10, TimeUnit.SECONDS), "no WSG00: " + log.messages());
    }

    @Test
    void wsg00WaitsForTheFrameworkThenListsItsEndpointsByTheirSourcesBesideTheInitParams() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context(), "endpoints", "/extra"));
        assertTrue(handover().awaitWaiting(10, TimeUnit.SECONDS), "the report never waited for the framework");
        // The scan is done and the report waits: nothing is written until the framework tells its endpoints.
        assertFalse(filter.core().guard().awaitStartupReport(0, TimeUnit.SECONDS), log.messages().toString());
        assertEquals(List.of(), log.messages("WSG00"));

        assertTrue(filter.frameworkReady(SPRING));
        awaitReport();
        String wsg00 = log.messages("WSG00").get(0);
        assertTrue(wsg00.contains("endpoints known: 6 (/echo from Spring WebSocketHandler; /ws-plain from STOMP endpoint;"
                + " /ws, /ws/websocket, /ws/{server}/{session}/websocket from SockJS endpoint; /extra from init-param"
                + " endpoints)"), wsg00);
        assertTrue(wsg00.contains("; framework endpoints: told by the framework that registered wsguard once its"
                + " application was ready;"), wsg00);
        assertFalse(wsg00.contains("registry unavailable"), wsg00);
        assertFalse(wsg00.contains("Fix:"), wsg00);
        assertFalse(filter.frameworkReady(List.of(FrameworkEndpoint.of("/late", "x"))), "only the first call counts");

        ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/app");
        assertEquals(List.of("/echo", "/ws-plain", "/ws", "/ws/websocket", "/ws/{server}/{session}/websocket", "/extra"),
                List.of((String[]) ManagementFactory.getPlatformMBeanServer().getAttribute(name, "endpoints")),
                "other contexts read the framework's endpoints from JMX too");
    }

    @Test
    void aHandshakeDuringTheWaitIsHeldAndThenNamesTheClosestFrameworkEndpoint() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        ResponseDouble response = new ResponseDouble();
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), response, answering(200, "text/html", "<html>"));
        assertEquals(200, response.getStatus(), "log mode passes the answer on at once");
        assertEquals(List.of(), log.messages(), "held until the framework told its endpoints");

        filter.frameworkReady(SPRING);
        awaitReport();
        List<String> lines = log.messages();
        assertEquals(List.of("WSG00", "WSG01"), lines.stream().map(GuardLogCapture::codeOf).toList(), lines.toString());
        // Rendered when written: it knows what the framework told meanwhile.
        assertTrue(lines.get(1).contains("No WebSocket endpoint matches /ecco. Closest endpoint: /app/echo, ws://"), lines.get(1));
        assertEquals(List.of(lines.get(1)), filter.snapshot().lastIncidents(), "the snapshot has the line as written");
    }

    /**
     * A line that comes while the held ones are being written after WSG00 follows them: here the held line's writing
     * is stopped in the log until the second request's thread has either written its own line (the order broken) or
     * stands waiting for the held ones.
     */
    @Test
    void aLineThatComesWhileTheHeldOnesAreWrittenFollowsThem() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), new ResponseDouble(), answering(200, "text/html", "<p>"));
        CountDownLatch writingHeld = new CountDownLatch(1);
        CountDownLatch letGo = new CountDownLatch(1);
        List<String> order = new CopyOnWriteArrayList<>();
        Handler stopping = new Handler() {
            @Override
            public void publish(LogRecord r) {
                String message = r.getMessage();
                if (message.contains(" GET /app/ecco ")) {
                    writingHeld.countDown();
                    try {
                        letGo.await(10, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                order.add(message);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("dev.wsguard");
        logger.addHandler(stopping);
        try {
            filter.frameworkReady(SPRING);
            assertTrue(writingHeld.await(10, TimeUnit.SECONDS), "the held line was never written: " + log.messages());
            Thread second = new Thread(() -> {
                try {
                    filter.doFilter(RequestDouble.validUpgrade("/app/wss"), new ResponseDouble(),
                            answering(200, "text/html", "<p>"));
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            });
            second.start();
            long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (second.getState() != Thread.State.BLOCKED && second.getState() != Thread.State.TERMINATED
                    && System.nanoTime() < end) {
                Thread.onSpinWait();
            }
            letGo.countDown();
            second.join(TimeUnit.SECONDS.toMillis(10));
            awaitReport();
        } finally {
            letGo.countDown();
            logger.removeHandler(stopping);
        }
        List<String> lines = order.stream().filter(l -> l.contains(" GET /app/")).toList();
        assertEquals(2, lines.size(), order.toString());
        assertTrue(lines.get(0).contains(" GET /app/ecco ") && lines.get(1).contains(" GET /app/wss "), lines.toString());
    }

    @Test
    void frameworkEndpointsCountAsTheInitParamsDoForHintsAndWsg06() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.frameworkReady(SPRING);
        awaitReport();
        int mark = log.mark();
        for (String typo : List.of("/app/echo/", "/app/Echo", "/app/ws-plian")) {
            filter.doFilter(RequestDouble.validUpgrade(typo), new ResponseDouble(), answering(200, "text/html", "<p>"));
        }
        filter.doFilter(RequestDouble.get("/app/ws/websocket"), new ResponseDouble(), answering(400, "text/plain",
                "Can \"Upgrade\" only to \"WebSocket\"."));
        // A SockJS endpoint's base path answers plain HTTP (its greeting): no WSG06 there.
        filter.doFilter(RequestDouble.get("/app/ws"), new ResponseDouble(), answering(200, "text/plain",
                "Welcome to SockJS!"));
        List<String> lines = log.requestLinesBefore(marker(), mark);
        assertEquals(4, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("Closest endpoint: /app/echo (the URL differs from it by a trailing slash), ws://"),
                lines.get(0));
        assertTrue(lines.get(1).contains("Closest endpoint: /app/echo (the URL differs from it only in letter case"),
                lines.get(1));
        assertTrue(lines.get(2).contains("Closest endpoint: /app/ws-plain, ws://"), lines.get(2));
        assertTrue(lines.get(3).startsWith("WSG06 Plain GET /app/ws/websocket ")
                && lines.get(3).contains("reached WebSocket endpoint path /ws/websocket"), lines.get(3));
        for (String line : lines) {
            assertFalse(line.contains("registry unavailable"), line);
        }
    }

    @Test
    void aFrameworkEndpointSomethingElseAnsweredIsNotCalledUndeployed() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.frameworkReady(SPRING);
        awaitReport();
        int mark = log.mark();
        filter.doFilter(RequestDouble.validUpgrade("/app/echo"), new ResponseDouble(),
                answering(200, "application/json", "{}"));
        List<String> lines = log.requestLinesBefore(marker(), mark);
        assertEquals(1, lines.size(), lines.toString());
        String line = lines.get(0);
        assertTrue(line.contains("An endpoint is declared at /echo (Spring WebSocketHandler) but the request did not"
                + " reach it: something ahead of it in the application answered first"), line);
        assertFalse(line.contains("has not deployed"), line);
    }

    @Test
    void aFrameworkHandlerShadowingItsOwnEndpointGetsTheFrameworksFix() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.describeAnswerer(new AnswerDescriber() {
            @Override
            public String describe(HttpServletRequest request, int status) {
                return "Spring handler EchoPage#page (pattern /echo)";
            }

            @Override
            public String shadowFix(HttpServletRequest request, int status) {
                return "order the WebSocket handler mapping first";
            }
        });
        filter.frameworkReady(SPRING);
        awaitReport();
        int mark = log.mark();
        filter.doFilter(RequestDouble.validUpgrade("/app/echo"), new ResponseDouble(),
                answering(200, "text/html", "<html>"));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), new ResponseDouble(),
                answering(200, "text/html", "<html>"));
        List<String> lines = log.requestLinesBefore(marker(), mark);
        assertEquals(2, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("An endpoint is declared at /echo (Spring WebSocketHandler) but the request did"
                + " not reach it: Spring handler EchoPage#page (pattern /echo) is mapped to the same path and was asked"
                + " first. Fix: order the WebSocket handler mapping first."), lines.get(0));
        assertFalse(lines.get(1).contains("order the WebSocket handler mapping"),
                "only a framework endpoint's own path: " + lines.get(1));
    }

    @Test
    void aHandshakeAPlainHttpEndpointAnsweredItselfNamesTheWebSocketPathsBelowIt() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.frameworkReady(SPRING);
        awaitReport();
        int mark = log.mark();
        filter.doFilter(RequestDouble.validUpgrade("/app/ws"), new ResponseDouble(),
                answering(200, "text/plain;charset=UTF-8", "Welcome to SockJS!\n"));
        List<String> lines = log.requestLinesBefore(marker(), mark);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).contains("An endpoint is declared at /ws (SockJS endpoint) and it answers plain HTTP"
                + " too: it answered this handshake itself without upgrading it"), lines.get(0));
        // Not "an ordinary resource": the endpoint itself answered.
        assertTrue(lines.get(0).contains("instead of 101 (body: text starting 'Welcome to SockJS!'). An endpoint is"
                + " declared at /ws"), lines.get(0));
        // The session's own path (a template, SockJS framing) is no URL for a plain client.
        assertTrue(lines.get(0).contains("Fix: connect a plain WebSocket client to /ws/websocket, or use the client"
                + " library this endpoint is made for."), lines.get(0));
    }

    @Test
    void theClientAFrameworkNamesIsTheFixForAPlainClientAtItsEndpoint() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.frameworkReady(List.of(FrameworkEndpoint.of("/ws", "SockJS endpoint").alsoPlainHttp()
                .madeFor("a SockJS client\r\nWSG00 forged"),
                FrameworkEndpoint.of("/ws/{server}/{session}/websocket", "SockJS endpoint")));
        awaitReport();
        int mark = log.mark();
        filter.doFilter(RequestDouble.validUpgrade("/app/ws"), new ResponseDouble(), answering(400, null, ""));
        List<String> lines = log.requestLinesBefore(marker(), mark);
        assertEquals(1, lines.size(), lines.toString());
        assertTrue(lines.get(0).startsWith("WSG08 "), lines.get(0));
        assertFalse(lines.get(0).contains("ordinary resource"), lines.get(0));
        // No literal WebSocket path below /ws: the template is all there is to name.
        assertTrue(lines.get(0).contains("Fix: connect a plain WebSocket client to /ws/{server}/{session}/websocket,"
                + " or use a SockJS client\\r\\nWSG00 forged at /ws."), lines.get(0));
    }

    @Test
    void withoutTheSignalWsg00IsWrittenSoonAfterTheFirstHeldLineAndTheLineFollows() throws Exception {
        forFramework(200, 60_000).init(FilterConfigDouble.of(context.context(), "endpoints", "/echo"));
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), new ResponseDouble(), answering(200, "text/html", "x"));
        awaitReport();
        List<String> lines = log.messages();
        assertEquals(List.of("WSG00", "WSG01"), lines.stream().map(GuardLogCapture::codeOf).toList(), lines.toString());
        assertTrue(lines.get(0).contains("; framework endpoints: not told in time by the framework that registered"
                + " wsguard (they count from when it tells them) (waited "), lines.get(0));
        assertTrue(lines.get(0).contains("endpoint scan: endpoint registry unavailable:"), lines.get(0));
        assertTrue(lines.get(1).contains("Closest endpoint in the endpoints init-param (the only list wsguard has):"
                + " /app/echo, ws://"), lines.get(1));

        // Told late, the endpoints still count; the startup line is not repeated.
        assertTrue(filter.frameworkReady(SPRING));
        int mark = log.mark();
        filter.doFilter(RequestDouble.validUpgrade("/app/ws-plian"), new ResponseDouble(),
                answering(200, "text/html", "x"));
        List<String> after = log.linesBefore(marker(), mark);
        assertEquals(1, after.size(), after.toString());
        assertTrue(after.get(0).contains("Closest endpoint: /app/ws-plain, ws://"), after.get(0));
    }

    @Test
    void withoutTheSignalOrAnyRequestWsg00IsWrittenAtTheOuterBound() throws Exception {
        forFramework(60_000, 300).init(FilterConfigDouble.of(context.context()));
        awaitReport();
        assertTrue(log.messages("WSG00").get(0).contains("framework endpoints: not told in time"),
                log.messages().toString());
    }

    @Test
    void endpointsToldBeforeInitAreThereWhenItRuns() throws Exception {
        forFramework(60_000, 60_000);
        assertTrue(filter.frameworkReady(SPRING));
        filter.init(FilterConfigDouble.of(context.context()));
        awaitReport();
        assertTrue(log.messages("WSG00").get(0).contains("endpoints known: 5 (/echo from Spring WebSocketHandler;"),
                log.messages().toString());
    }

    @Test
    void theFrameworksCheckRunsOnWsguardsThreadJustBeforeWsg00() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        List<String> ran = new CopyOnWriteArrayList<>();
        Thread caller = Thread.currentThread();
        assertTrue(filter.frameworkReady(SPRING, () -> {
            // What the check logs comes before the startup line.
            ran.add((Thread.currentThread() == caller ? "caller" : "wsguard") + " " + log.messages("WSG00").size());
            Logger.getLogger(GuardLogCapture.LOGGER_NAME).warning("the framework's own warning");
        }));
        awaitReport();
        assertEquals(List.of("wsguard 0"), ran);
        List<String> messages = log.messages();
        assertTrue(messages.indexOf("the framework's own warning") < messages.indexOf(log.messages("WSG00").get(0)),
                messages.toString());
        assertFalse(filter.frameworkReady(List.of(), () -> ran.add("again")), "only the first call counts");
        assertEquals(List.of("wsguard 0"), ran);
    }

    @Test
    void aCheckThatThrowsIsAnInternalErrorAndWsg00IsStillWritten() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context()));
        filter.frameworkReady(SPRING, () -> {
            throw new IllegalStateException("the framework's check failed");
        });
        awaitReport();
        assertEquals(1, filter.core().guard().counters().get(DiagnosisCode.WSG99), log.messages().toString());
        assertTrue(log.messages("WSG00").get(0).contains("endpoints known: 5"), log.messages().toString());
    }

    @Test
    void whereNoWsg00WaitsTheCheckRunsOnTheCallersThread() throws Exception {
        filter = new WebSocketGuardFilter();
        filter.init(FilterConfigDouble.of(context.context()));
        awaitReport();
        List<Thread> ran = new ArrayList<>();
        assertTrue(filter.frameworkReady(List.of(), () -> ran.add(Thread.currentThread())));
        assertEquals(List.of(Thread.currentThread()), ran);
    }

    @Test
    void afterWsg00WasWrittenWithoutTheFrameworkALateCheckRunsOnTheCallersThread() throws Exception {
        forFramework(60_000, 300).init(FilterConfigDouble.of(context.context()));
        awaitReport();
        List<Thread> ran = new ArrayList<>();
        assertTrue(filter.frameworkReady(SPRING, () -> ran.add(Thread.currentThread())));
        assertEquals(List.of(Thread.currentThread()), ran);
    }

    @Test
    void aFilterTheContainerMadeLearnsFrameworkEndpointsWithoutWaitingForThem() throws Exception {
        filter = new WebSocketGuardFilter();
        filter.init(FilterConfigDouble.of(context.context()));
        awaitReport();
        assertFalse(log.messages("WSG00").get(0).contains("framework endpoints"), log.messages().toString());
        filter.frameworkReady(List.of(FrameworkEndpoint.of("/echo", null)));
        int mark = log.mark();
        filter.doFilter(RequestDouble.validUpgrade("/app/ecco"), new ResponseDouble(), answering(200, "text/html", "x"));
        List<String> lines = log.requestLinesBefore(marker(), mark);
        assertTrue(lines.get(0).contains("Closest endpoint: /app/echo, ws://"), lines.toString());
    }

    @Test
    void inModeOffNothingWaits() throws Exception {
        forFramework(60_000, 60_000).init(FilterConfigDouble.of(context.context(), "mode", "off"));
        assertTrue(log.messages("WSG00").get(0).contains("mode=off"), log.messages().toString());
        filter.frameworkReady(SPRING);
    }

    @Test
    void aFrameworkEndpointIsATemplateWithALabel() {
        assertThrows(IllegalArgumentException.class, () -> FrameworkEndpoint.of("echo", "x"));
        assertThrows(IllegalArgumentException.class, () -> FrameworkEndpoint.of("/ec{ho", "x"));
        assertEquals(null, FrameworkEndpoint.of("/echo", " ").source());
        assertEquals("/ws (SockJS endpoint, plain HTTP too)", FrameworkEndpoint.of("/ws", "SockJS endpoint")
                .alsoPlainHttp().toString());
    }
}
