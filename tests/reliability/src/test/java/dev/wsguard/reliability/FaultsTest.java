package dev.wsguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.reliability.app.FaultServlet;
import dev.wsguard.reliability.harness.Container;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.reliability.harness.LogLines;
import dev.wsguard.reliability.harness.Probes;
import dev.wsguard.reliability.harness.RawBytes;
import dev.wsguard.reliability.harness.Results;
import dev.wsguard.reliability.harness.Stack;
import dev.wsguard.reliability.harness.StackSpec;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import javax.management.ObjectName;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A misbehaving downstream ({@link FaultServlet}) behind wsguard, on real Jetty 12.1 and Tomcat 11, in log and enforce
 * mode. Each fault is a misrouted upgrade answered 200 by the servlet, gone wrong in one way. For each: the client gets
 * the answer recorded below; wsguard writes exactly one clean line for it with the recorded code; its MBean counts
 * exactly that (one upgrade request, one incident of the code, no internal error {@code WSG99}); and the server still
 * serves a valid upgrade and diagnoses the next misrouted one. {@code buffer-limit} is 8 KiB so that {@code big}
 * (300,000 bytes) overflows it.
 */
class FaultsTest {

    private static final Map<String, String> GUARD_PARAMS = Map.of("buffer-limit", "8192");
    private static final Map<String, String> RESULTS = new ConcurrentHashMap<>();

    static Stream<Arguments> configs() {
        return Stream.of(Container.values())
                .flatMap(c -> Stream.of(GuardMode.LOG, GuardMode.ENFORCE).map(m -> Arguments.of(c, m)));
    }

    /**
     * What a fault must produce, per mode (the same on both containers, as observed): the client's answer
     * ({@code "<status> <who>"}, who being {@code app}, {@code wsguard} or {@code container}), wsguard's code, and a
     * phrase its line must hold.
     */
    private record Expected(String answer, String code, String phrase) {
    }

    private static final Map<String, Map<GuardMode, Expected>> EXPECTED = Map.of(
            // The container turns the exception into its own 500 (the 14 bytes written were still in its buffer);
            // wsguard sees a 5xx, which it never alters: WSG07.
            "throw-after-write", Map.of(
                    GuardMode.LOG, new Expected("500 container", "WSG07", "answered 500"),
                    GuardMode.ENFORCE, new Expected("500 container", "WSG07", "answered 500")),
            // Enforce mode defers the flush, so the 200 can still be replaced; log mode lets it through.
            "flush-early", Map.of(
                    GuardMode.LOG, new Expected("200 app", "WSG01", "answered 200"),
                    GuardMode.ENFORCE, new Expected("400 wsguard", "WSG01", "answered 200")),
            // Past buffer-limit the held bytes go out first, then the rest: the body must arrive whole.
            "big", Map.of(
                    GuardMode.LOG, new Expected("200 app", "WSG01", "answered 200"),
                    GuardMode.ENFORCE, new Expected("200 app", "WSG01", "exceeded buffer-limit")),
            // Answered after the chain returned: followed to the end, diagnosed, not replaceable.
            "async", Map.of(
                    GuardMode.LOG, new Expected("200 app", "WSG01", "answered 200"),
                    GuardMode.ENFORCE, new Expected("200 app", "WSG01", "answered asynchronously")));

    /** The downstream throws after writing part of its answer. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void downstreamThrowsAfterWriting(Container container, GuardMode mode) throws Exception {
        runFault(container, mode, "throw-after-write", body -> "");
    }

    /** The downstream calls {@code flushBuffer()} before wsguard has decided, then writes more. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void downstreamFlushesEarly(Container container, GuardMode mode) throws Exception {
        runFault(container, mode, "flush-early", body -> expectBody(body, FaultServlet.EARLY + FaultServlet.LATE));
    }

    /** The downstream writes 300,000 bytes, over {@code buffer-limit}: they must arrive intact, in order, once. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void downstreamWritesMoreThanBufferLimit(Container container, GuardMode mode) throws Exception {
        runFault(container, mode, "big", body -> {
            String expected = FaultServlet.sha256(FaultServlet.payload(FaultServlet.BIG_BODY));
            String got = FaultServlet.sha256(body);
            return body.length == FaultServlet.BIG_BODY && expected.equals(got) ? ""
                    : "body of " + body.length + " bytes, SHA-256 " + got + "; expected " + FaultServlet.BIG_BODY
                    + " bytes, " + expected;
        });
    }

    /** The downstream starts async and answers 200 on another thread after the chain returned. */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void downstreamAnswersAsynchronously(Container container, GuardMode mode) throws Exception {
        runFault(container, mode, "async", body -> expectBody(body, FaultServlet.ASYNC_BODY));
    }

    /**
     * The client resets the connection in the middle of an endless answer. The servlet's write fails (its own
     * exception, which the container handles); nothing of wsguard's escapes ({@code WSG99} stays 0), wsguard logs the
     * incident once and counts it once, and the server keeps serving.
     */
    @ParameterizedTest(name = "{0}, {1}")
    @MethodSource("configs")
    void clientDisconnectsMidAnswer(Container container, GuardMode mode) throws Exception {
        FaultServlet.ENDLESS_OUTCOMES.clear();
        try (GuardLogCapture log = GuardLogCapture.attach(); Stack stack = start(container, mode)) {
            ObjectName bean = ready(log);
            Map<String, Long> before = GuardJmx.counters(bean);
            String path = "/app/fault/endless";
            int mark = log.mark();
            String head;
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress(Loopback.HOST, stack.port()), RawHttp.CONNECT_TIMEOUT_MS);
                socket.setSoTimeout(RawHttp.READ_TIMEOUT_MS);
                socket.getOutputStream().write(RawBytes.upgrade(stack.authority(), path).end());
                head = readAtLeast(socket.getInputStream(), 32 * 1024);
                socket.setSoLinger(true, 0); // close with RST: the server's next writes fail at once
            }
            String outcome = FaultServlet.ENDLESS_OUTCOMES.poll(10, TimeUnit.SECONDS);
            assertTrue(head.startsWith("HTTP/1.1 200"), "the answer began with " + head.lines().findFirst().orElse(""));
            assertTrue(outcome != null && !outcome.equals("completed"),
                    "the servlet's write should fail once the client is gone, it ended: " + outcome);
            List<String> lines = Probes.awaitLinesFor(log, mark, path, 1, Probes.EXTRA_LINE_GRACE);
            checkLines(path, lines, "WSG01");
            Map<String, Long> after = awaitDelta(bean, before, "WSG01");
            assertEquals(expectedDelta("WSG01"), GuardJmx.delta(before, after), "counters after the disconnect");
            String summary = "200 app, then reset by the client; servlet's write failed with "
                    + outcome.replaceFirst(".*\\.", "");
            RESULTS.put(container + "|" + mode + "|disconnect", summary + "|" + codesOf(lines));
            Probes.assertStillServing(stack, log, "/app/after-disconnect");
        }
    }

    private void runFault(Container container, GuardMode mode, String fault, Function<byte[], String> bodyCheck)
            throws Exception {
        Expected expected = EXPECTED.get(fault).get(mode);
        try (GuardLogCapture log = GuardLogCapture.attach(); Stack stack = start(container, mode)) {
            ObjectName bean = ready(log);
            Map<String, Long> before = GuardJmx.counters(bean);
            String path = "/app/fault/" + fault;
            int mark = log.mark();
            String answer;
            String bodyProblem;
            try (RawResponse r = RawHttp.exchange(stack.port(), RawBytes.upgrade(stack.authority(), path).end())) {
                // The fault servlet only ever answers 200; wsguard's answers carry its header.
                String who = r.header("WSGuard-Code").isPresent() ? "wsguard" : r.status() == 200 ? "app" : "container";
                answer = r.status() + " " + who;
                bodyProblem = who.equals("app") ? bodyCheck.apply(r.body()) : "";
            }
            List<String> lines = Probes.awaitLinesFor(log, mark, path, 1, Probes.EXTRA_LINE_GRACE);
            RESULTS.put(container + "|" + mode + "|" + fault, answer + "|" + codesOf(lines));
            assertEquals(expected.answer(), answer, fault + ": the client's answer");
            assertEquals("", bodyProblem, fault + ": the body the client got");
            checkLines(path, lines, expected.code());
            assertTrue(lines.get(0).contains(expected.phrase()), "the line should say '" + expected.phrase() + "': "
                    + lines.get(0));
            Map<String, Long> after = awaitDelta(bean, before, expected.code());
            assertEquals(expectedDelta(expected.code()), GuardJmx.delta(before, after), fault + ": counters");
            Probes.assertStillServing(stack, log, "/app/after-" + fault);
        }
    }

    private static Stack start(Container container, GuardMode mode) throws Exception {
        Map<String, String> params = new TreeMap<>(GUARD_PARAMS);
        params.put("mode", mode.paramValue());
        return StackSpec.standard(container, params).servlet("fault", FaultServlet::new, "/fault/*").start();
    }

    /** The MBean, once wsguard's startup line is out (it is written on wsguard's own thread). */
    private static ObjectName ready(GuardLogCapture log) throws InterruptedException {
        ObjectName bean = GuardJmx.await(StackSpec.CONTEXT_PATH, Duration.ofSeconds(5));
        log.awaitCode("WSG00", Duration.ofSeconds(10));
        return bean;
    }

    private static void checkLines(String path, List<String> lines, String code) {
        assertEquals(1, lines.size(), "one line for the incident at " + path + ": " + lines);
        assertEquals(code, GuardLogCapture.codeOf(lines.get(0)), lines.get(0));
        assertEquals("", LogLines.problems(lines.get(0), (char) 0), lines.get(0));
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

    /**
     * wsguard counts an incident just before it logs it, and the caller has waited for the line and a grace after it;
     * a bounded wait all the same, in case the count lags.
     */
    private static Map<String, Long> awaitDelta(ObjectName bean, Map<String, Long> before, String code)
            throws InterruptedException {
        return GuardJmx.awaitCounters(bean, now -> now.get(code) > before.get(code), Probes.LINE_TIMEOUT);
    }

    /** Reads until at least {@code n} bytes came (bounded by the socket timeout); returns them as ISO-8859-1. */
    private static String readAtLeast(InputStream in, int n) throws java.io.IOException {
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

    /** One row per fault, one column per container and mode: what the client got, and wsguard's code. */
    @AfterAll
    static void writeResults() {
        StringBuilder b = new StringBuilder("| fault |");
        List<String> columns = new ArrayList<>();
        configs().forEach(a -> columns.add(a.get()[0] + ", " + a.get()[1]));
        columns.forEach(c -> b.append(' ').append(c).append(" |"));
        b.append("\n|---|").append("---|".repeat(columns.size())).append('\n');
        for (String fault : List.of("throw-after-write", "flush-early", "big", "async", "disconnect")) {
            b.append("| ").append(fault).append(" |");
            for (String column : columns) {
                String[] v = RESULTS.getOrDefault(column.replace(", ", "|") + "|" + fault, "not run|-").split("\\|");
                b.append(' ').append(v[0]).append(" + ").append(v[1]).append(" |");
            }
            b.append('\n');
        }
        Results.write("faults.md", b.toString());
    }
}
