package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.reliability.Fault;
import dev.wsguard.suite.reliability.Fault.Expected;
import dev.wsguard.suite.reliability.FaultCatalogue;
import dev.wsguard.suite.reliability.LogLines;
import dev.wsguard.suite.reliability.ReliabilityApp;
import dev.wsguard.suite.reliability.Results;
import dev.wsguard.suite.reliability.StillServing;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.fixtures.EscapeProbeFilter;
import dev.wsguard.testkit.fixtures.FaultServlet;
import dev.wsguard.testkit.fixtures.FixtureReports;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerSettings;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.RunningServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A misbehaving downstream ({@link FaultServlet}) behind wsguard on one container, which a module runs with a
 * one-line subclass, in log and enforce mode, one server per mode ({@link FaultCatalogue}). For each fault: the
 * client gets the answer the catalogue records for this container; wsguard writes exactly one clean line with the
 * recorded code (read up to a {@link Marker}); its MBean counts exactly that (one upgrade request, one incident of
 * the code, no internal error {@code WSG99}); what escapes wsguard (the escape probe before it) is the
 * application's own exception and nothing of wsguard's; and the server still upgrades {@code /echo} and diagnoses
 * the next misrouted upgrade (the marker). Writes {@code target/reliability/faults-<container>.md}.
 */
public abstract class FaultsContract extends ContractOnOneContainer {

    /** How long the servlet may take to notice that its client is gone. */
    private static final Duration CLIENT_GONE = Duration.ofSeconds(10);

    /** {@code mode|fault} to {@code answer|codes logged}. */
    private final Map<String, String> results = new ConcurrentHashMap<>();
    private GuardLogCapture log;
    private FixtureReports.Recording escapes;
    private GuardMode serverMode;
    private RunningServer server;
    private ObjectName bean;

    protected FaultsContract(ContainerKind kind) {
        super(kind);
    }

    @Override
    protected void opened() {
        log = GuardLogCapture.attach();
        escapes = EscapeProbeFilter.record();
    }

    @Override
    protected void closing() {
        closeServer();
        escapes.close();
        log.close();
    }

    @Override
    protected void writeResults() {
        StringBuilder b = new StringBuilder("| fault | " + kind().label() + ", log | " + kind().label()
                + ", enforce |\n|---|---|---|\n");
        for (Fault fault : FaultCatalogue.faults()) {
            b.append("| ").append(fault.id());
            for (GuardMode mode : List.of(GuardMode.LOG, GuardMode.ENFORCE)) {
                String[] v = results.getOrDefault(mode + "|" + fault.id(), "not run|-").split("\\|");
                b.append(" | ").append(v[0]).append(" + ").append(v[1]);
            }
            b.append(" |\n");
        }
        Results.write("faults-" + kind().label() + ".md", b.toString());
    }

    /** Every fault records what this container gives in each mode. */
    @Test
    void catalogueRecordsEveryFaultForThisContainer() {
        List<String> missing = new ArrayList<>();
        for (Fault fault : FaultCatalogue.faults()) {
            for (GuardMode mode : List.of(GuardMode.LOG, GuardMode.ENFORCE)) {
                if (fault.expected(kind(), mode) == null) {
                    missing.add(fault.id() + " records nothing for " + kind() + " in " + mode + " mode: run its test"
                            + " and record what it printed in FaultCatalogue");
                }
            }
        }
        assertTrue(missing.isEmpty(), String.join("\n", missing));
    }

    /** The downstream throws after writing part of its answer: its own exception goes on to the container. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void downstreamThrowsAfterWriting(GuardMode mode) throws Exception {
        runFault(mode, "throw-after-write", exchange(body -> "",
                EscapeProbeFilter.THREW + FaultServlet.Boom.class.getName()));
    }

    /** The downstream calls {@code flushBuffer()} before wsguard has decided, then writes more. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void downstreamFlushesEarly(GuardMode mode) throws Exception {
        runFault(mode, "flush-early", exchange(body -> expectBody(body, FaultServlet.EARLY + FaultServlet.LATE),
                RETURNED));
    }

    /** The downstream writes 300,000 bytes, over {@code buffer-limit}: they must arrive intact, in order, once. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void downstreamWritesMoreThanBufferLimit(GuardMode mode) throws Exception {
        runFault(mode, "big", exchange(body -> {
            String expected = FaultServlet.sha256(FaultServlet.payload(FaultServlet.BIG_BODY));
            String got = FaultServlet.sha256(body);
            return body.length == FaultServlet.BIG_BODY && expected.equals(got) ? ""
                    : "body of " + body.length + " bytes, SHA-256 " + got + "; expected " + FaultServlet.BIG_BODY
                    + " bytes, " + expected;
        }, RETURNED));
    }

    /** The downstream starts async and answers 200 on another thread after the chain returned. */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void downstreamAnswersAsynchronously(GuardMode mode) throws Exception {
        runFault(mode, "async", exchange(body -> expectBody(body, FaultServlet.ASYNC_BODY), RETURNED));
    }

    /**
     * The client resets the connection in the middle of an endless answer. The servlet's write fails (its own
     * exception, which goes on through wsguard to the container); wsguard logs the incident once and counts it once,
     * and the server keeps serving.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void clientDisconnectsMidAnswer(GuardMode mode) throws Exception {
        runFault(mode, "endless", (running, request) -> {
            String head;
            String outcome;
            try (FixtureReports.Recording endless = FaultServlet.recordEndlessOutcomes()) {
                try (Socket socket = new Socket()) {
                    socket.connect(new InetSocketAddress(Loopback.HOST, running.port()), RawHttp.CONNECT_TIMEOUT_MS);
                    socket.setSoTimeout(RawHttp.READ_TIMEOUT_MS);
                    socket.getOutputStream().write(request.toBytes(running.authority()));
                    head = readAtLeast(socket.getInputStream(), 32 * 1024);
                    socket.setSoLinger(true, 0); // close with RST: the server's next writes fail at once
                }
                outcome = endless.await(0, line -> true, CLIENT_GONE);
            }
            String answer = head.startsWith("HTTP/1.1 200") ? "200 app" : head.lines().findFirst().orElse("nothing");
            boolean failed = outcome != null && !outcome.equals("completed");
            return new Answered(answer, answer + ", then reset by the client; servlet's write failed with "
                    + String.valueOf(outcome).replaceFirst(".*\\.", ""), failed ? ""
                    : "the servlet's write should fail once the client is gone, it ended: " + outcome,
                    // The servlet's own write failure goes on to the container.
                    EscapeProbeFilter.THREW + outcome);
        });
    }

    /** What escapes wsguard when nothing should: the probe's report that the chain returned. */
    private static final String RETURNED = EscapeProbeFilter.RETURNED.trim();

    /**
     * What the client got for a fault, and what must have escaped wsguard for it.
     *
     * @param answer {@code <status> <who>}, who being {@code app}, {@code wsguard} or {@code container}
     * @param shown the answer as the results table shows it
     * @param problem what was wrong with it ("" where nothing)
     * @param expectedEscape the escape probe's report, the request's URI left out
     */
    private record Answered(String answer, String shown, String problem, String expectedEscape) {
    }

    /** Sends a fault's request and says what came back. */
    @FunctionalInterface
    private interface Exchange {
        Answered send(RunningServer running, RawRequest request) throws Exception;
    }

    /** One exchange on the raw client; the body is checked where the application answered. */
    private static Exchange exchange(Function<byte[], String> bodyCheck, String expectedEscape) {
        return (running, request) -> {
            try (RawResponse r = RawHttp.exchange(running.port(), request)) {
                // The fault servlet only ever answers 200; wsguard's answers carry its header.
                String who = r.header("WSGuard-Code").isPresent() ? "wsguard" : r.status() == 200 ? "app" : "container";
                String answer = r.status() + " " + who;
                return new Answered(answer, answer, who.equals("app") ? bodyCheck.apply(r.body()) : "",
                        expectedEscape);
            }
        };
    }

    private void runFault(GuardMode mode, String id, Exchange exchange) throws Exception {
        Fault fault = FaultCatalogue.byId(id);
        Expected expected = expected(fault, mode);
        RunningServer running = serverFor(mode);
        Map<String, Long> before = GuardJmx.counters(bean);
        RawRequest request = RawRequest.validUpgrade(fault.path()).inContext(running.contextPath());
        running.beforeRequest(request.target());
        int mark = log.mark();
        int escapeMark = escapes.mark();
        Answered answered = exchange.send(running, request);
        String escaped = awaitEscapeReport(escapeMark, request.target());
        // wsguard may log after the client has its answer; it counts an incident just before it logs it, so its
        // counts are in once its line is: read them before the marker adds its own.
        log.awaitCodesSince(mark, Set.of(expected.code()));
        Map<String, Long> after = GuardJmx.counters(bean);
        List<String> lines = log.requestLinesBefore(Marker.at(running.port(), running.contextPath()), mark);
        results.put(mode + "|" + fault.id(), answered.shown() + "|" + codesOf(lines));
        assertEquals(expected.answer(), answered.answer(), fault + ": the client's answer");
        assertEquals("", answered.problem(), fault + ": the answer the client got");
        checkLines(fault, lines, expected);
        assertEquals(expectedDelta(expected.code()), GuardJmx.delta(before, after), fault + ": counters");
        // The application's own exception goes on to the container unchanged; nothing of wsguard's escapes.
        assertEquals(answered.expectedEscape(), escaped.replaceFirst(" \\S+$", ""), fault + ": what escaped wsguard");
        assertStillServing(running);
    }

    private Expected expected(Fault fault, GuardMode mode) {
        Expected expected = fault.expected(kind(), mode);
        assertNotNull(expected, () -> fault.id() + " records nothing for " + kind() + " in " + mode + " mode;"
                + " record what this container gives in FaultCatalogue");
        return expected;
    }

    /** The escape probe reports every request once the chain is done with it: returned, or what was thrown. */
    private String awaitEscapeReport(int escapeMark, String uri) throws InterruptedException {
        String report = escapes.await(escapeMark, line -> EscapeProbeFilter.isAbout(line, uri),
                GuardLogCapture.APPEAR_TIMEOUT);
        assertNotNull(report, () -> "the escape probe never reported " + uri + "; it reported "
                + escapes.seenSince(escapeMark));
        return report;
    }

    /** A valid upgrade still gets 101 and its echo; the marker just sent proved a misrouted one is still logged. */
    private static void assertStillServing(RunningServer running) {
        assertEquals("", StillServing.upgradeAndEcho(running, "still serving"), "after the fault");
    }

    /** The server for this mode: one at a time (the MBean's name is the context's), started once per mode. */
    private RunningServer serverFor(GuardMode mode) throws Exception {
        if (mode != serverMode) {
            closeServer();
            int started = log.mark();
            server = container().start(ReliabilityApp.deployment(mode, Map.of(), ContainerSettings.DEFAULTS));
            serverMode = mode;
            // A first request initialises the filters where the container does it lazily (Undertow).
            log.linesBefore(Marker.at(server.port(), server.contextPath()), log.mark());
            // The startup report comes from wsguard's own thread, and is counted: let it in before counting
            // (a shared deployment logged it when it was deployed).
            assertTrue(!server.startupLog().isEmpty() || log.awaitCodesSince(started, Set.of("WSG00")),
                    "no WSG00 startup line:" + log.describe());
            bean = GuardJmx.await(server.contextPath(), GuardLogCapture.APPEAR_TIMEOUT);
        }
        return server;
    }

    private void closeServer() {
        if (server != null) {
            server.close();
            server = null;
            serverMode = null;
        }
    }

    private static void checkLines(Fault fault, List<String> lines, Expected expected) {
        assertEquals(1, lines.size(), "one line for the incident at " + fault.path() + ": " + lines);
        assertEquals(expected.code(), GuardLogCapture.codeOf(lines.get(0)), lines.get(0));
        assertEquals("", LogLines.problems(lines.get(0), (char) 0), lines.get(0));
        assertTrue(lines.get(0).contains(expected.phrase()), "the line should say '" + expected.phrase() + "': "
                + lines.get(0));
    }

    private static String codesOf(List<String> lines) {
        return String.join(",", lines.stream().map(GuardLogCapture::codeOf).toList());
    }

    private static String expectBody(byte[] body, String expected) {
        String got = new String(body, StandardCharsets.UTF_8);
        return got.equals(expected) ? "" : "body '" + got + "', expected '" + expected + "'";
    }

    /** One upgrade request that reached wsguard, one incident of {@code code}, nothing else. */
    private static Map<String, Long> expectedDelta(String code) {
        return new TreeMap<>(Map.of("upgradeRequests", 1L, code, 1L));
    }

    /** Reads until at least {@code n} bytes came (bounded by the socket timeout); returns them as ISO-8859-1. */
    private static String readAtLeast(InputStream in, int n) throws IOException {
        byte[] buffer = new byte[n];
        int read = 0;
        while (read < n) {
            int k = in.read(buffer, read, n - read);
            if (k < 0) {
                break;
            }
            read += k;
        }
        return new String(buffer, 0, read, StandardCharsets.ISO_8859_1);
    }
}
