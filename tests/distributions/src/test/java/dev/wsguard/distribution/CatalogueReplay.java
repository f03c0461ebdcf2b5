package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.Expectation;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.suite.scenarios.HeaderRule;
import dev.wsguard.suite.scenarios.Scenario;
import dev.wsguard.suite.scenarios.ScenarioCatalogue;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.WorkDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The scenario catalogue's rows replayed against a real distribution: the request of a row (moved into the webapp's
 * context), answered as the catalogue expects of the server's embedded build in that mode (in enforce mode, wsguard's
 * own answer and headers), and the line read from the server's own log: its code, its shape, what it names. Each
 * replay checks that its request left exactly one wsguard line by reading the log up to a {@link Marker} sent after
 * it, so a replay depends on no other having run before it. Each replay that passed is recorded for
 * docs/compatibility.md ({@link #writeResults()}).
 */
final class CatalogueReplay {

    /** A line is written after the answer, on the request's thread or wsguard's: wait for it, bounded. */
    static final Duration LINE_TIMEOUT = Duration.ofSeconds(10);
    /** wsguard's startup report runs on its own thread after the context started. */
    static final Duration REPORT_TIMEOUT = Duration.ofSeconds(30);

    private static final Pattern STARTUP_REPORT = Pattern.compile("^wsguard \\S+ guards context (\\S+) .*?: mode=(\\w+),");

    private final RunningServer server;
    private final boolean oneLineFormat;
    private final ResultsFile results;

    /** {@code oneLineFormat}: whether a wsguard record is one line in this server's log (not the JVM's default two). */
    CatalogueReplay(RunningServer server, boolean oneLineFormat) {
        this.server = server;
        this.oneLineFormat = oneLineFormat;
        this.results = new ResultsFile("distribution-" + server.name());
    }

    /** Writes what passed to target/compat/, for the compatibility report. */
    void writeResults() {
        results.write(WorkDirs.target());
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

    /** Sends a marker to the context and waits for its line. */
    void markerLogged(String context) throws Exception {
        log().diagnosesBefore(Marker.at(server.port(), context), log().mark(), LINE_TIMEOUT);
    }

    /** How many WSG00 lines the log holds for this context. */
    long startupReports(String context) {
        return log().diagnoses("WSG00").stream().filter(d -> context.equals(reportedContext(d))).count();
    }

    private static String reportedContext(Diagnosis report) {
        Matcher m = STARTUP_REPORT.matcher(report.message());
        return m.find() ? m.group(1) : null;
    }

    private static String reportedMode(Diagnosis report) {
        Matcher m = STARTUP_REPORT.matcher(report.message());
        return m.find() ? m.group(2) : null;
    }

    /**
     * The rows of the catalogue whose request the sample WAR answers by itself, whatever the set-up: what the
     * differential sends to the sample with and without wsguard.
     */
    static final List<String> SAMPLE_ROWS = List.of("S1", "S2", "S2b", "S7", "S8a", "S8b");

    /**
     * Log mode changes no answer: each of {@link #SAMPLE_ROWS} sent to the sample with wsguard in log mode and to the
     * same app without wsguard gets the same status, the same headers (but Date and the session cookie's value)
     * and the same body (the context path written {@code /app}).
     */
    void logModeAnswersAsWithoutWsguard(String guardedContext, String plainContext) throws Exception {
        for (String rowId : SAMPLE_ROWS) {
            RawRequest row = ScenarioCatalogue.row(rowId).request();
            String guarded = comparable(row.inContext(guardedContext), guardedContext);
            String plain = comparable(row.inContext(plainContext), plainContext);
            assertEquals(plain, guarded, () -> rowId + ": the answer in " + guardedContext + " (wsguard, log mode)"
                    + " differs from the one in " + plainContext + " (no wsguard)");
            results.add(new CaseResult(Section.DISTRIBUTION.name(), server.distribution(), "differential " + rowId,
                    server.name() + ", log", "identical", List.of(), List.of(), true, "",
                    Map.of("scenario", ScenarioCatalogue.row(rowId).title(), "setup", server.name(), "mode", "log")));
        }
        // The rows' lines come after their answers: read up to a marker, so none lands in another test's window.
        markerLogged(guardedContext);
    }

    /** The answer's status line, headers and body, with what differs between two requests of one app taken out. */
    private String comparable(RawRequest request, String context) throws Exception {
        try (RawResponse r = RawHttp.exchange(server.port(), request)) {
            StringBuilder text = new StringBuilder(r.statusLine()).append('\n');
            for (var header : r.headers()) {
                if (header.name().equalsIgnoreCase("Date")) {
                    continue;
                }
                String value = header.name().equalsIgnoreCase("Set-Cookie")
                        ? header.value().replaceAll("=[^;]*", "=…") : header.value();
                text.append(header.name()).append(": ").append(value.replace(context, "/app")).append('\n');
            }
            if (!r.upgraded()) {
                text.append('\n').append(r.bodyText().replace(context, "/app"));
            }
            return text.toString();
        }
    }

    /**
     * A redeploy of {@code context} as the server's users do it: the context reports its startup once more
     * (one more WSG00, none twice), the server reports nothing left behind by the stopped webapp, and the new one
     * diagnoses and upgrades as the first did.
     */
    void redeployIsCleanAndGuarded(String context, GuardMode mode, String servletAtRoot) throws Exception {
        long before = startupReports(context);
        int mark = log().mark();
        server.redeploy(context);
        // From the mark: the first deployment's WSG00 may be the same text (Payara's message line is).
        Diagnosis report = log().awaitDiagnosis(mark, "WSG00", d -> context.equals(reportedContext(d)), REPORT_TIMEOUT);
        assertNotNull(report, () -> "no WSG00 for " + context + " after the redeploy; log:\n" + log().text());
        s1ValidUpgradeIsEchoed(context);
        s2MisroutedUpgrade(context, mode, servletAtRoot);
        assertEquals(before + 1, startupReports(context), () -> "one WSG00 per deployment of " + context + "; log:\n"
                + log().text());
        assertEquals(List.of(), server.leakWarnings(), () -> "the stopped webapp left something behind; log:\n"
                + log().text());
        results.add(new CaseResult(Section.DISTRIBUTION.name(), server.distribution(), "redeploy " + context,
                server.name() + ", " + mode.paramValue(), "one WSG00 more, no leak warning, 101 and WSG01 as before",
                List.of("WSG00"), List.of(), true, "", Map.of("setup", server.name(), "mode", mode.paramValue())));
    }

    /** S1: a valid upgrade to the endpoint gets 101 and the connection works: a text frame comes back. */
    void s1ValidUpgradeIsEchoed(String context) throws Exception {
        int mark = log().mark();
        try (RawResponse r = RawHttp.exchange(server.port(), request("S1", context, null))) {
            assertEquals(101, r.status(), () -> "S1 " + context + "/echo: " + r);
            assertEquals(RawRequest.SAMPLE_ACCEPT, r.header("Sec-WebSocket-Accept").orElse(null), () -> "S1: " + r);
            String message = "hello from " + server.name();
            WebSocketFrames.sendText(r.upgradedOutput(), message);
            assertEquals(message, WebSocketFrames.read(r.upgradedInput()).text());
            // Said goodbye properly, so the server logs no abrupt disconnect: close, and wait for the server's close
            // before the socket goes (Tomcat's endpoint otherwise reads EOF and the sample logs it as an error).
            WebSocketFrames.sendClose(r.upgradedOutput(), 1000);
            assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(r.upgradedInput()).opcode(),
                    "the server answers the close");
        }
        List<Diagnosis> lines = log().diagnosesBefore(Marker.at(server.port(), context), mark, LINE_TIMEOUT);
        assertEquals(List.of(), incidents(lines), "a working upgrade is logged by nobody");
        record("S1", context + "/echo", "any", "101 and an echo", List.of());
    }

    /**
     * S2: a valid upgrade to a near miss of /echo, answered 200 by the servlet the webapp maps at "/". The line
     * must name that servlet and its mapping (from the request's HttpServletMapping, as the container resolved it)
     * and the closest endpoint. {@code servletAtRoot}: the name the WAR's web.xml gives it.
     */
    Diagnosis s2MisroutedUpgrade(String context, GuardMode mode, String servletAtRoot) throws Exception {
        Diagnosis d = replay("S2", context, null, mode);
        assertAnsweredBy(d, 200, servletAtRoot, "/", "DEFAULT");
        assertNamesClosestEndpoint(d, context + "/echo");
        return d;
    }

    /**
     * S4: a valid upgrade to a near miss of /echo in a context whose endpoints are deployed but where only the
     * container's default servlet answers (see {@link WebApps#echoEndpointOnly}): 404, never altered, in enforce
     * mode too. The line names the default servlet and the closest endpoint.
     */
    Diagnosis s4UpgradeAnswered404(String defaultServletOnlyContext, GuardMode mode) throws Exception {
        Diagnosis d = replay("S4", defaultServletOnlyContext, null, mode);
        assertAnsweredBy(d, 404, server.defaultServletName(), "/", "DEFAULT");
        assertNamesClosestEndpoint(d, defaultServletOnlyContext + "/echo");
        return d;
    }

    /**
     * S4's request to a context that deploys no endpoint at all: still WSG02, but with no endpoint to suggest the
     * line must say so rather than point elsewhere.
     */
    Diagnosis upgradeToContextWithoutEndpoints(String plainContext, GuardMode mode) throws Exception {
        Diagnosis d = replay("S4", plainContext, "/no-endpoint", mode);
        assertAnsweredBy(d, 404, server.defaultServletName(), "/", "DEFAULT");
        assertTrue(d.mentions("This context deploys no WebSocket endpoint"), () -> "WSG02 should say there is none: " + d);
        return d;
    }

    /** S7: key and version 13 arrive without Upgrade and Connection, as a proxy that drops them forwards. */
    Diagnosis s7StrippedHeaders(String context, GuardMode mode) throws Exception {
        return replay("S7", context, null, mode);
    }

    /**
     * S8a (version 8) and S8b (no version). S8b goes to another path: repeats of one (code, path) are summarized by
     * the log window, not logged one by one. That path is another endpoint of the sample (/chat/{room}), so that a
     * server whose endpoint answers the handshake itself (Tomcat's and Tyrus' 426) answers as the row says.
     */
    Diagnosis s8WrongVersion(String context, boolean versionMissing, GuardMode mode) throws Exception {
        Diagnosis d = versionMissing ? replay("S8b", context, "/chat/s8b", mode) : replay("S8a", context, null, mode);
        if (!versionMissing) {
            assertTrue(d.mentions("[8]"), () -> "WSG05 should quote the version: " + d);
        }
        return d;
    }

    /**
     * S8b's request (no version) to {@code path}, for a server whose WebSocket filter answers only at its endpoints'
     * paths (Tyrus): there the catalogue's answer (426) comes only at an endpoint, so S8b goes to one S8a does not
     * use, rather than to {@link #s8WrongVersion}'s /ws.
     */
    Diagnosis s8MissingVersionAt(String context, String endpointPath, GuardMode mode) throws Exception {
        return replay("S8b", context, endpointPath, mode);
    }

    /** S2's request (a servlet answers 200) to a path no other test of the set-up uses. */
    Diagnosis misroutedUpgrade(String context, String path, GuardMode mode) throws Exception {
        return replay("S2", context, path, mode);
    }

    /** S4's request (the default servlet answers 404) to a path no other test of the set-up uses. */
    Diagnosis upgradeAnswered404(String context, String path, GuardMode mode) throws Exception {
        return replay("S4", context, path, mode);
    }

    /**
     * S2's request to a path an application filter answers 200 itself, before any servlet: diagnosed only if
     * wsguard runs before that filter, which is what "first in the chain" means.
     */
    Diagnosis upgradeAnsweredByApplicationFilter(String plainContext, GuardMode mode) throws Exception {
        return replay("S2", plainContext, "/filtered/chat", mode, "answered by the application's filter\n");
    }

    /**
     * S5's request (a valid upgrade to the endpoint's path) where WebSocket support is off: no endpoint was
     * deployed, the catch-all servlet answers 200, and the line says why.
     */
    Diagnosis upgradeToUndeployedEndpoint(String context, GuardMode mode) throws Exception {
        Diagnosis d = replay("S5", context, null, mode);
        assertTrue(d.mentions("WebSocket support is not enabled"), () -> "WSG01 should give the cause: " + d);
        return d;
    }

    /**
     * A row Jetty refuses before any filter runs (S6d at its connector, S9 in its WebSocket upgrade filter): Jetty's
     * own 400 in every mode, and one line from wsguard-jetty's request log (module wsguard-request-log), which says
     * who answered and what the row's line must say.
     */
    Diagnosis refusedBeforeAnyFilter(String rowId, String context, GuardMode mode) throws Exception {
        Diagnosis d = replay(rowId, context, null, mode);
        assertTrue(d.mentions(" by Jetty before any filter "), () -> rowId + ": not the request log's line: " + d);
        for (String says : ScenarioCatalogue.row(rowId).lineSays()) {
            assertTrue(d.mentions(says), () -> rowId + ": the line should say '" + says + "': " + d);
        }
        return d;
    }

    private Diagnosis replay(String rowId, String context, String path, GuardMode mode) throws Exception {
        return replay(rowId, context, path, mode, null);
    }

    /**
     * Sends the row's request (to {@code context + path} when a path is given), checks the answer against what the
     * catalogue expects of Jetty in that mode, and returns the one line the request left in the log.
     */
    private Diagnosis replay(String rowId, String context, String path, GuardMode mode, String appBody)
            throws Exception {
        Scenario row = ScenarioCatalogue.row(rowId);
        Expectation expected = row.expect(server.expectations(), mode);
        RawRequest request = request(rowId, context, path);
        int mark = log().mark();
        try (RawResponse r = RawHttp.exchange(server.port(), request)) {
            assertEquals(expected.status(), r.status(), () -> rowId + " " + mode + ": " + r);
            if (expected.answeredByGuard()) {
                // wsguard's own answer is the same whatever the webapp: every header the catalogue asks of it.
                for (HeaderRule rule : expected.headers()) {
                    assertTrue(rule.matches(r.headers()), () -> rowId + " " + mode + ": expected " + rule + "\n" + r);
                }
                assertTrue(r.bodyText().startsWith(row.code() + " "), () -> "the body starts with the code: " + r);
            } else {
                assertTrue(r.header(Scenario.GUARD_CODE_HEADER).isEmpty(), () -> "wsguard must not answer here: " + r);
                if (appBody != null) {
                    assertEquals(appBody, r.bodyText());
                }
            }
        }
        // From the mark: a row sent twice (after a redeploy, say) must not be matched by the first one's line.
        Diagnosis d = expectLine(row.code(), request.target(), mark);
        List<Diagnosis> incidents = incidents(log().diagnosesBefore(Marker.at(server.port(), context), mark,
                LINE_TIMEOUT));
        assertEquals(List.of(d.raw()), incidents.stream().map(Diagnosis::raw).toList(),
                () -> "one request, one line; log:\n" + log().text());
        record(rowId, request.target(), mode.paramValue(), expected.status() + (expected.answeredByGuard()
                ? " " + Scenario.GUARD_CODE_HEADER + ": " + row.code() : ""), List.of(d.code()));
        return d;
    }

    private void record(String rowId, String target, String mode, String outcome, List<String> codes) {
        results.add(new CaseResult(Section.DISTRIBUTION.name(), server.distribution(), rowId + " " + target,
                server.name() + ", " + mode, outcome, codes, List.of(), true, "",
                Map.of("scenario", ScenarioCatalogue.row(rowId).title(), "setup", server.name(), "mode", mode)));
    }

    private static RawRequest request(String rowId, String context, String path) {
        RawRequest request = ScenarioCatalogue.row(rowId).request().inContext(context);
        return path == null ? request : request.withTarget(context + path);
    }

    /** Waits for the line of {@code code} for {@code target}, written after {@code mark}, and checks its shape. */
    private Diagnosis expectLine(String code, String target, int mark) throws InterruptedException {
        Diagnosis d = log().awaitDiagnosis(mark, code, l -> l.mentions(" " + target + " "), LINE_TIMEOUT);
        assertNotNull(d, () -> "no " + code + " line for " + target + " within " + LINE_TIMEOUT + "; log:\n"
                + log().text());
        assertEquals(oneLineFormat, d.oneLine(), () -> (oneLineFormat ? "expected the module's one-line format: "
                : "expected the JVM's default two-line format: ") + d);
        if (!oneLineFormat) {
            assertFollowsJvmDefaultFirstLine(d);
        }
        return d;
    }

    /**
     * The per-request lines among these: startup lines are the contexts', not a request's, and a log window's
     * summary ("repeated 1 more time for ...") counts earlier requests, sent by another test within the window.
     */
    private static List<Diagnosis> incidents(List<Diagnosis> lines) {
        return lines.stream().filter(d -> !GuardLogCapture.STARTUP_CODES.contains(d.code()) && !isSummary(d)).toList();
    }

    private static boolean isSummary(Diagnosis d) {
        return d.message().startsWith("repeated ") || d.message().startsWith("occurred ");
    }

    /**
     * In the JVM's default format each record's first line names its source: a request's line the filter's
     * {@code doFilter}, a startup line (WSG00, WSG09-13) the filter's {@code init}, even where wsguard's own thread
     * wrote it, so that an operator reading the source is sent to the right place.
     */
    void assertFollowsJvmDefaultFirstLine(Diagnosis d) {
        String source = " dev.wsguard.WebSocketGuardFilter "
                + (GuardLogCapture.STARTUP_CODES.contains(d.code()) ? "init" : "doFilter");
        List<String> lines = log().lines();
        // The last: a request sent twice (before and after a redeploy) leaves the same text twice.
        int at = lines.lastIndexOf(d.raw());
        assertTrue(at > 0 && lines.get(at - 1).endsWith(source),
                () -> "no JVM-default first line ending '" + source + "' before: " + d.raw() + "\nlog:\n" + log().text());
    }

    /** The line says which status the chain gave and which servlet, by which mapping, gave it. */
    private static void assertAnsweredBy(Diagnosis d, int status, String servlet, String pattern, String matchType) {
        String expected = " answered " + status + " ";
        String who = " by servlet '" + servlet + "' (mapping '" + pattern + "', " + matchType + ")";
        assertTrue(d.mentions(expected), () -> d.code() + " should give the status (" + expected.trim() + "): " + d);
        assertTrue(d.mentions(who), () -> d.code() + " should name the servlet and mapping (" + who.trim() + "): " + d);
    }

    /**
     * "Closest endpoint: /sample/echo" (the context path included, as the client writes it) followed by its URL or
     * the relation in brackets, so that neither a longer path (/echo2) nor the same path in another context passes.
     */
    private static void assertNamesClosestEndpoint(Diagnosis d, String endpoint) {
        String named = "Closest endpoint: " + endpoint;
        assertTrue(d.mentions(named + ", ws") || d.mentions(named + " ("),
                () -> d.code() + " should name the closest endpoint in its own context (" + named + "): " + d);
    }

    /**
     * Sends two control requests twice each, one log window apart, waits for the "repeated" summary of each, and
     * returns every summary line the log holds then. The second control's summary comes from a later sweep than the
     * first's, so every window that ended before the first control's has been summarized by then: what the log
     * holds besides the two controls' summaries is a request that was counted twice.
     */
    List<String> summariesUntilTwoControlsSummarized(String context) throws Exception {
        for (int control = 1; control <= 2; control++) {
            String target = context + "/wsguard-control-" + control + "-" + System.nanoTime();
            for (int i = 0; i < 2; i++) {
                try (RawResponse ignored = RawHttp.exchange(server.port(), RawRequest.validUpgrade(target))) {
                    // The answer does not matter: the second one is a repeat of the first.
                }
            }
            String summary = log().awaitLine(l -> l.contains(" repeated 1 more time for " + target + " "),
                    LINE_TIMEOUT);
            assertNotNull(summary, () -> "no summary for the control " + target + "; log:\n" + log().text());
        }
        List<String> summaries = new ArrayList<>();
        for (Diagnosis d : log().diagnoses()) {
            if (d.message().startsWith("repeated ") || d.message().startsWith("occurred ")) {
                summaries.add(d.raw());
            }
        }
        return summaries;
    }
}
