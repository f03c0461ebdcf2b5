package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.distribution.RawHttp.Response;
import dev.wsguard.distribution.ServerLog.Diagnosis;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rows of SCENARIOS.md that the distribution set-ups replay, each asserted twice: on the wire
 * (status, and in enforce mode the {@code WSGuard-Code} answer) and in the server's own log (the
 * line, its code, its shape). Every line a scenario expects is recorded, so that
 * {@link #assertLogHoldsExactlyTheExpectedLines} can check at the end that each incident was logged
 * once and nothing else was.
 */
final class Scenarios {

    enum Mode { LOG, ENFORCE }

    /** A line is written after the answer, on the request's thread or wsguard's: wait for it, bounded. */
    static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);
    /** wsguard's startup report runs on its own thread after the context started. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern STARTUP_REPORT = Pattern.compile("^wsguard \\S+ guards context (\\S+) .*?: mode=(\\w+),");

    private final JettyServer server;
    private final boolean oneLineFormat;
    private final List<Expected> expected = new ArrayList<>();

    /** {@code oneLineFormat}: whether this base gives java.util.logging the wsguard module's one-line format. */
    Scenarios(JettyServer server, boolean oneLineFormat) {
        this.server = server;
        this.oneLineFormat = oneLineFormat;
    }

    private record Expected(String code, String path) {
    }

    ServerLog log() {
        return server.log();
    }

    /** Waits for the WSG00 line of each context and returns the mode each one reports. */
    Map<String, String> awaitStartupReports(String... contexts) throws InterruptedException {
        Map<String, String> modes = new TreeMap<>();
        for (String context : contexts) {
            Diagnosis report = log().awaitDiagnosis("WSG00", d -> context.equals(reportedContext(d)), REPORT_TIMEOUT);
            assertNotNull(report, () -> "no WSG00 startup report for " + context + " within " + REPORT_TIMEOUT
                    + "; log:\n" + log().text());
            modes.put(context, reportedMode(report));
        }
        return modes;
    }

    static String reportedContext(Diagnosis report) {
        Matcher m = STARTUP_REPORT.matcher(report.message());
        return m.find() ? m.group(1) : null;
    }

    static String reportedMode(Diagnosis report) {
        Matcher m = STARTUP_REPORT.matcher(report.message());
        return m.find() ? m.group(2) : null;
    }

    /** S1: a valid upgrade to the endpoint gets 101 and the connection works: a text frame comes back. */
    void s1ValidUpgradeIsEchoed(String context) throws IOException {
        Response r = RawHttp.exchange(server.port(), RawHttp.validUpgrade(context + "/echo"));
        try {
            assertEquals(101, r.status(), () -> "S1 " + context + "/echo: " + r);
            assertEquals(RawHttp.ACCEPT, r.header("Sec-WebSocket-Accept"), () -> "S1: " + r);
            String message = "hello from " + server.base().name();
            assertEquals(message, WebSocketFrames.echo(r.socket(), message));
        } finally {
            if (r.socket() != null) {
                WebSocketFrames.close(r.socket());
            }
        }
    }

    /**
     * The container's default servlet, as Jetty's etc/webdefault-ee10.xml names and maps it: what
     * answers in a webapp that maps nothing at "/".
     */
    static final String JETTY_DEFAULT_SERVLET = "default";

    /**
     * S2: a valid upgrade to a near miss of /echo, answered 200 by the servlet the webapp maps at "/".
     * The line must name that servlet and its mapping (from the request's HttpServletMapping, as the
     * container resolved it) and the closest endpoint. {@code servletAtRoot}: the name the WAR's
     * web.xml gives it.
     */
    Diagnosis s2MisroutedUpgrade(String context, Mode mode, String servletAtRoot) throws IOException, InterruptedException {
        String path = context + "/echo2";
        Response r = RawHttp.exchange(server.port(), RawHttp.validUpgrade(path));
        if (mode == Mode.ENFORCE) {
            assertEnforced(r, 400, "WSG01");
        } else {
            assertUnchanged(r, 200);
        }
        Diagnosis d = expectLine("WSG01", path);
        assertAnsweredBy(d, 200, servletAtRoot, "/", "DEFAULT");
        assertNamesClosestEndpoint(d, "/echo");
        return d;
    }

    /**
     * S4: a valid upgrade to a near miss of /echo in a context whose endpoints are deployed but where
     * only the container's default servlet answers (see {@link WebApps#echoEndpointOnly}): 404,
     * never altered, in enforce mode too. The line names the default servlet and the closest endpoint.
     */
    Diagnosis s4UpgradeAnswered404(String defaultServletOnlyContext) throws IOException, InterruptedException {
        String path = defaultServletOnlyContext + "/echo2";
        Response r = RawHttp.exchange(server.port(), RawHttp.validUpgrade(path));
        assertUnchanged(r, 404);
        Diagnosis d = expectLine("WSG02", path);
        assertAnsweredBy(d, 404, JETTY_DEFAULT_SERVLET, "/", "DEFAULT");
        assertNamesClosestEndpoint(d, "/echo");
        return d;
    }

    /**
     * Not a row of SCENARIOS.md: a valid upgrade to a context that deploys no endpoint at all, answered
     * 404 by the default servlet. Still WSG02, but with no endpoint to suggest the line must say so
     * rather than point elsewhere.
     */
    Diagnosis upgradeToContextWithoutEndpoints(String plainContext) throws IOException, InterruptedException {
        String path = plainContext + "/no-endpoint";
        Response r = RawHttp.exchange(server.port(), RawHttp.validUpgrade(path));
        assertUnchanged(r, 404);
        Diagnosis d = expectLine("WSG02", path);
        assertAnsweredBy(d, 404, JETTY_DEFAULT_SERVLET, "/", "DEFAULT");
        assertTrue(d.mentions("This context deploys no WebSocket endpoint"), () -> "WSG02 should say there is none: " + d);
        return d;
    }

    /** S7: key and version 13 arrive without Upgrade and Connection, as a proxy that drops them forwards. */
    Diagnosis s7StrippedHeaders(String context, Mode mode) throws IOException, InterruptedException {
        String path = context + "/echo";
        Response r = RawHttp.exchange(server.port(), RawHttp.strippedUpgrade(path));
        if (mode == Mode.ENFORCE) {
            assertEnforced(r, 426, "WSG03");
        } else {
            assertUnchanged(r, 200);
        }
        return expectLine("WSG03", path);
    }

    /**
     * S8: version 8, or no version at all. The two go to different paths: repeats of one (code, path)
     * are summarized by the log window, not logged one by one.
     */
    Diagnosis s8WrongVersion(String context, String version, Mode mode) throws IOException, InterruptedException {
        String path = context + (version == null ? "/ws" : "/echo");
        Response r = RawHttp.exchange(server.port(), RawHttp.upgradeWithVersion(path, version));
        if (mode == Mode.ENFORCE) {
            assertEnforced(r, 426, "WSG05");
            assertEquals("13", r.header("Sec-WebSocket-Version"), () -> "S8: " + r);
        } else {
            assertUnchanged(r, 200);
        }
        Diagnosis d = expectLine("WSG05", path);
        if (version != null) {
            assertTrue(d.mentions("[" + version + "]"), () -> "WSG05 should quote the version: " + d);
        }
        return d;
    }

    /**
     * A valid upgrade that an application filter answers 200 itself, before any servlet: diagnosed only
     * if wsguard runs before that filter, which is what "first in the chain" means.
     */
    Diagnosis upgradeAnsweredByApplicationFilter(String plainContext, Mode mode) throws IOException, InterruptedException {
        String path = plainContext + "/filtered/chat";
        Response r = RawHttp.exchange(server.port(), RawHttp.validUpgrade(path));
        if (mode == Mode.ENFORCE) {
            assertEnforced(r, 400, "WSG01");
        } else {
            assertUnchanged(r, 200);
            assertEquals("answered by the application's filter\n", r.bodyText());
        }
        return expectLine("WSG01", path);
    }

    /**
     * A valid upgrade to the endpoint's path where WebSocket support is off: no endpoint was deployed,
     * the catch-all servlet answers 200, and the line says why.
     */
    Diagnosis upgradeToUndeployedEndpoint(String context) throws IOException, InterruptedException {
        String path = context + "/echo";
        Response r = RawHttp.exchange(server.port(), RawHttp.validUpgrade(path));
        assertUnchanged(r, 200);
        Diagnosis d = expectLine("WSG01", path);
        assertTrue(d.mentions("WebSocket support is not enabled"), () -> "WSG01 should give the cause: " + d);
        return d;
    }

    /** Records a line the log must hold exactly once, waits for it and checks its shape. */
    Diagnosis expectLine(String code, String path) throws InterruptedException {
        expected.add(new Expected(code, path));
        Diagnosis d = log().awaitDiagnosis(code, l -> l.mentions(" GET " + path + " "), LINE_TIMEOUT);
        assertNotNull(d, () -> "no " + code + " line for GET " + path + " within " + LINE_TIMEOUT + "; log:\n" + log().text());
        assertEquals(oneLineFormat, d.oneLine(), () -> (oneLineFormat ? "expected the module's one-line format: "
                : "expected the JVM's default two-line format: ") + d);
        return d;
    }

    /**
     * After {@code quiet} (long enough for a log window to end and write its summary), the log holds
     * each expected incident line exactly once, one WSG00 per context, and no other incident line:
     * no second diagnosis of a request, no summary of repeats. Startup lines listed in
     * {@code startupCodes} (WSG10...) are allowed once per context.
     */
    void assertLogHoldsExactlyTheExpectedLines(List<String> contexts, Duration quiet, String... startupCodes)
            throws InterruptedException {
        Thread.sleep(quiet.toMillis());
        List<Diagnosis> all = log().diagnoses();
        List<String> problems = new ArrayList<>();
        for (String context : contexts) {
            long reports = all.stream().filter(d -> d.code().equals("WSG00") && context.equals(reportedContext(d))).count();
            if (reports != 1) {
                problems.add(reports + " WSG00 lines for " + context + " (expected 1)");
            }
        }
        List<String> allowedStartup = List.of(startupCodes);
        for (Expected e : expected) {
            long lines = all.stream().filter(d -> d.code().equals(e.code()) && d.mentions(" GET " + e.path() + " ")).count();
            if (lines != 1) {
                problems.add(lines + " " + e.code() + " lines for GET " + e.path() + " (expected 1)");
            }
        }
        for (Diagnosis d : all) {
            if (d.code().equals("WSG00") || allowedStartup.contains(d.code())) {
                continue;
            }
            boolean wasExpected = expected.stream().anyMatch(e -> e.code().equals(d.code()) && d.mentions(" GET " + e.path() + " "));
            if (!wasExpected) {
                problems.add("unexpected line: " + d.raw());
            }
        }
        if (!oneLineFormat) {
            problems.addAll(twoLineFormatProblems());
        }
        if (!problems.isEmpty()) {
            fail(String.join("\n", problems) + "\nlog:\n" + log().text());
        }
    }

    /** In the JVM's default format each record's first line names the source ("... dev.wsguard.report.LogOutput write"). */
    private List<String> twoLineFormatProblems() {
        List<String> problems = new ArrayList<>();
        List<String> lines = log().lines();
        for (int i = 0; i < lines.size(); i++) {
            Diagnosis d = ServerLog.parse(lines.get(i));
            if (d != null && (i == 0 || !lines.get(i - 1).contains(" dev.wsguard."))) {
                problems.add("no JVM-default first line before: " + d.raw());
            }
        }
        return problems;
    }

    /** The line says which status the chain gave and which servlet, by which mapping, gave it. */
    private static void assertAnsweredBy(Diagnosis d, int status, String servlet, String pattern, String matchType) {
        String expected = " answered " + status + " ";
        String who = " by servlet '" + servlet + "' (mapping '" + pattern + "', " + matchType + ")";
        assertTrue(d.mentions(expected), () -> d.code() + " should give the status (" + expected.trim() + "): " + d);
        assertTrue(d.mentions(who), () -> d.code() + " should name the servlet and mapping (" + who.trim() + "): " + d);
    }

    /**
     * "Closest endpoint: /echo" followed by the sentence's end or the relation in brackets, so that
     * neither a longer path (/echo2) nor the same path in another context (/sample/echo) passes.
     */
    private static void assertNamesClosestEndpoint(Diagnosis d, String endpoint) {
        String named = "Closest endpoint: " + endpoint;
        assertTrue(d.mentions(named + ".") || d.mentions(named + " ("),
                () -> d.code() + " should name the closest endpoint in its own context (" + named + "): " + d);
    }

    private static void assertEnforced(Response r, int status, String code) {
        assertEquals(status, r.status(), () -> "enforce mode: " + r);
        assertEquals(code, r.header("WSGuard-Code"), () -> "enforce mode: " + r);
        assertTrue(r.bodyText().startsWith(code + " "), () -> "the body starts with the code: " + r.bodyText());
        assertEquals("nosniff", r.header("X-Content-Type-Options"), () -> r.toString());
        if (status == 426) {
            assertEquals("websocket", r.header("Upgrade"), () -> "a 426 names the protocol to upgrade to: " + r);
        }
    }

    private static void assertUnchanged(Response r, int status) {
        assertEquals(status, r.status(), () -> r.toString());
        assertNull(r.header("WSGuard-Code"), () -> "wsguard must not answer here: " + r);
    }
}
