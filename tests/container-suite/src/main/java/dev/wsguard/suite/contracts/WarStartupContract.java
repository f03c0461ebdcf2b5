package dev.wsguard.suite.contracts;

import static dev.wsguard.suite.wars.WarCatalogue.ANNOTATION_SCAN;
import static dev.wsguard.suite.wars.WarCatalogue.ANSWERED_BY;
import static dev.wsguard.suite.wars.WarCatalogue.DEPLOYMENT;
import static dev.wsguard.suite.wars.WarCatalogue.NOT_LISTED;
import static dev.wsguard.suite.wars.WarCatalogue.SOURCE_OF;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import dev.wsguard.suite.scenarios.ResultTable;
import dev.wsguard.suite.wars.WarAnswer;
import dev.wsguard.suite.wars.WarCatalogue;
import dev.wsguard.suite.wars.WarCheck;
import dev.wsguard.testkit.fixtures.ApiProbeServlet;
import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.EchoOnlyApplicationConfig;
import dev.wsguard.testkit.fixtures.MappingProbeServlet;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.fixtures.ProgrammaticEndpoint;
import dev.wsguard.testkit.fixtures.ProgrammaticEndpointListener;
import dev.wsguard.testkit.fixtures.RoomEndpoint;
import dev.wsguard.testkit.fixtures.SpaFallbackServlet;
import dev.wsguard.testkit.fixtures.SpaForwardFilter;
import dev.wsguard.testkit.fixtures.WebSocketTypesInitializer;
import dev.wsguard.testkit.fixtures.javax.LegacyEndpoint;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.ContainerLog;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.LineAssertions;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.war.CompressibleJar;
import dev.wsguard.testkit.war.IsolatedServers;
import dev.wsguard.testkit.war.LocalJars;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDeployer;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

/**
 * wsguard's startup checks on real WARs ({@link WarCatalogue}), each WAR packaged as a user would (wsguard's jar in
 * {@code WEB-INF/lib}, its filter first in web.xml, no {@code endpoints} param) and deployed the way this container
 * deploys WARs ({@link ContainerKind#warDeployer()}). A module subclasses this with its {@link ContainerKind} and
 * nothing else. Every check observes what the container did (status, wsguard's lines, named facts), reads the
 * requests' lines up to a {@link Marker}, and compares with what the catalogue records for this container; a container
 * with nothing recorded fails with what it observed, to be recorded. Writes {@code target/war-checks.md}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class WarStartupContract {

    private static final String CONTEXT = "/app";

    /** 3.5 GiB of zeros: inflating it takes longer than the scan's budget and grace even on a fast idle machine. */
    private static final long ZEROS_MIB = 3584;
    /** The scan's own time budget (filter: WebappScanner.Budget.standard()), after which it stops and says so. */
    private static final Duration SCAN_BUDGET = Duration.ofSeconds(5);
    /** Starting wsguard's thread and writing the line, on a loaded machine. */
    private static final Duration GRACE = Duration.ofSeconds(2);
    /**
     * How much longer the deployment with the jar may take than without it: run-to-run noise of one deployment on a
     * loaded machine, below what reading the entry on the deployment's thread adds even within the scan's budget.
     */
    private static final Duration DEPLOY_SLACK = Duration.ofSeconds(2);

    /** Context-relative path asked of the live lookup, and the template it must answer (null: none). */
    private static final Map<String, String> LOOKUPS = lookups();

    private final ContainerKind kind;
    private final ResultTable table = new ResultTable("Check", "Container", "Result", "What it observed", "Note");
    private WarDeployer deployer;
    private WarDirs dirs;
    /** The endpoints app, deployed once for the checks that can share it (their requests use paths of their own). */
    private GuardLogCapture sharedLog;
    private RunningServer shared;
    private String sharedWsg00;

    protected WarStartupContract(ContainerKind kind) {
        this.kind = kind;
    }

    @BeforeAll
    void createDeployer() {
        deployer = kind.warDeployer().orElse(null);
        dirs = new WarDirs();
    }

    @AfterAll
    void stop() {
        try {
            stopShared();
            if (deployer != null) {
                deployer.close();
            }
            dirs.close();
        } finally {
            for (WarCheck check : WarCatalogue.checks()) {
                if (!check.runsOn(kind)) {
                    table.add(check.id(), check.id(), kind.label(), "not run", "", check.notRunReason(kind));
                }
            }
            table.write(WorkDirs.target().resolve("war-checks.md"), "wsguard's startup checks on real WARs on "
                    + kind.displayName(), "Each check of WarCatalogue: what the container did, or why it cannot run"
                    + " here.");
        }
    }

    /** Every check says something for this container: an answer, or why it cannot run here. */
    @Test
    void catalogueRecordsEveryCheckForThisContainer() {
        List<String> problems = new ArrayList<>();
        for (WarCheck check : WarCatalogue.checks()) {
            if (!check.recordsSomethingFor(kind)) {
                problems.add(check.id() + " records nothing for " + kind + ": run it (warChecks prints what it"
                        + " observed) and record the answer, or why it cannot run, in WarCatalogue");
            } else if (check.runsOn(kind) && kind.warDeployer().isEmpty()) {
                problems.add(check.id() + " runs on " + kind + ", which has no WAR deployer");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    /**
     * Every check that runs here, in the catalogue's order. The shared deployment is stopped after the last check that
     * uses it: wsguard names endpoints of other contexts of the JVM, so it must not outlive them.
     */
    @TestFactory
    Stream<DynamicTest> warChecks() {
        List<WarCheck> runnable = WarCatalogue.checks().stream().filter(check -> check.runsOn(kind)).toList();
        int lastShared = -1;
        for (int i = 0; i < runnable.size(); i++) {
            lastShared = usesSharedDeployment(runnable.get(i)) ? i : lastShared;
        }
        int closeAfter = lastShared;
        return java.util.stream.IntStream.range(0, runnable.size()).mapToObj(i -> dynamicTest(runnable.get(i).id()
                + ": " + runnable.get(i).title(), () -> {
                    try {
                        run(runnable.get(i));
                    } finally {
                        if (i == closeAfter) {
                            stopShared();
                        }
                    }
                }));
    }

    private static boolean usesSharedDeployment(WarCheck check) {
        return check.id().equals(WarCatalogue.LEARNED_SCAN_ALL) || check.id().equals(WarCatalogue.LIVE_MAPPING)
                || check.id().startsWith(WarCatalogue.NEAR_MISS);
    }

    // ---- one check: observe, then compare with the catalogue ------------------------------------------

    /** What a check saw: its request's status, wsguard's lines, the per-request codes before the marker, facts. */
    private record Observed(int status, List<String> lines, Set<String> requestCodes, Map<String, String> facts) {

        String describe() {
            return "status " + (status == WarAnswer.NO_STATUS ? "(none sent)" : status) + ", facts " + facts
                    + ", per-request codes " + requestCodes + ", wsguard's lines:"
                    + lines.stream().map(l -> "\n  " + l).collect(Collectors.joining());
        }
    }

    private void run(WarCheck check) throws Exception {
        WarAnswer answer = check.answer(kind);
        Map<String, List<String>> expected = check.expectedLines(answer);
        Observed seen = observe(check, expected);
        List<String> problems = new ArrayList<>();
        if (answer == null) {
            problems.add("WarCatalogue records no answer for " + kind + ": record what it observed (or why the check"
                    + " cannot run here)");
        } else {
            if (answer.status() != WarAnswer.NO_STATUS && answer.status() != seen.status()) {
                problems.add("status: expected " + answer.status() + ", got " + seen.status());
            }
            answer.facts().forEach((name, value) -> {
                if (!value.equals(seen.facts().get(name))) {
                    problems.add(name + ": expected '" + value + "', got '" + seen.facts().get(name) + "'");
                }
            });
            expected.forEach((code, phrases) -> {
                if (seen.lines().stream().noneMatch(l -> code.equals(GuardLogCapture.codeOf(l))
                        && phrases.stream().allMatch(l::contains))) {
                    problems.add("no " + code + " line saying '" + String.join("', '", phrases) + "'");
                }
            });
            for (String code : answer.absentCodes()) {
                seen.lines().stream().filter(l -> code.equals(GuardLogCapture.codeOf(l))).findFirst()
                        .ifPresent(l -> problems.add("a " + code + " line, where none belongs: " + l));
            }
            if (seen.requestCodes() != null) {
                Set<String> codes = expected.keySet().stream().filter(c -> !GuardLogCapture.STARTUP_CODES.contains(c))
                        .collect(Collectors.toCollection(LinkedHashSet::new));
                if (!codes.equals(seen.requestCodes())) {
                    problems.add("per-request codes: expected exactly " + codes + ", got " + seen.requestCodes());
                }
            }
        }
        String note = answer == null ? "" : answer.note();
        table.add(check.id(), check.id(), kind.label(), problems.isEmpty() ? "passed" : "FAILED",
                "status " + (seen.status() == WarAnswer.NO_STATUS ? "-" : String.valueOf(seen.status()))
                        + (seen.facts().isEmpty() ? "" : ", " + seen.facts()), note);
        assertTrue(problems.isEmpty(), () -> check.id() + " on " + kind + ":\n - " + String.join("\n - ", problems)
                + "\nobserved: " + seen.describe());
    }

    private Observed observe(WarCheck check, Map<String, List<String>> expected) throws Exception {
        switch (check.id()) {
            case WarCatalogue.WEBSOCKET_OFF:
                return deployAndAsk(check, expected, WebSocket.OFF, guardedEchoApp());
            case WarCatalogue.NO_WEBSOCKET_API:
                return withoutWebSocketApi(check, expected);
            case WarCatalogue.JAVAX_ENDPOINT_IN_CLASSES:
                return deployAndAsk(check, expected, WebSocket.ON, guardedApp().classFile(LegacyEndpoint.CLASS_NAME));
            case WarCatalogue.JAVAX_ENDPOINT_IN_LIB_JAR:
                return deployAndAsk(check, expected, WebSocket.ON,
                        guardedApp().libJarOfClassFiles("legacy-endpoints-1.0.jar", LegacyEndpoint.CLASS_NAME));
            case WarCatalogue.JAVAX_ENDPOINT_WITH_JAVAX_API: {
                String jar = LocalJars.javaxWebSocketApi().getFileName().toString();
                // A long location is cut from the left, so the jar's own name survives a deep build directory.
                expected.get("WSG11").add("/WEB-INF/lib/" + jar);
                expected.get("WSG12").add("WEB-INF/lib/" + jar);
                return deployAndAsk(check, expected, WebSocket.ON, guardedApp().classFile(LegacyEndpoint.CLASS_NAME)
                        .libJar(LocalJars.javaxWebSocketApi()));
            }
            case WarCatalogue.JAKARTA_API_JAR:
                return apiJar(check, expected, LocalJars.jakartaWebSocketApi());
            case WarCatalogue.JAVAX_API_JAR:
                return apiJar(check, expected, LocalJars.javaxWebSocketApi());
            case WarCatalogue.ORDERED_OUT:
                return orderedOut(check, expected);
            case WarCatalogue.ORDERED_OUT_WITHOUT_WEBSOCKET:
                return deployAndAsk(check, expected, WebSocket.OFF, guardedEchoApp().absoluteOrdering());
            case WarCatalogue.ORDERING_NAMES_WSGUARD:
                return orderedIn(check, expected, guardedEchoApp().absoluteOrdering("wsguard"));
            case WarCatalogue.ORDERING_OTHERS:
                return orderedIn(check, expected, guardedEchoApp().absoluteOrdering(WarBuilder.OTHERS));
            case WarCatalogue.LEARNED_SCAN_ALL:
                return learnedScanAll(check, expected);
            case WarCatalogue.LEARNED_APPLICATION_CONFIG:
                return learnedWithApplicationConfig(check, expected);
            case WarCatalogue.ENDPOINT_IN_ANOTHER_CONTEXT:
                return endpointInAnotherContext(check, expected);
            case WarCatalogue.LIVE_MAPPING:
                return liveMapping();
            case WarCatalogue.FILTER_AFTER_WSGUARD:
                return filterAfterWsguard(check, expected);
            case WarCatalogue.SCAN_BOUNDS:
                return scanBounds();
            case WarCatalogue.TOMCAT_NO_API_ORDERED:
                return tomcatWithoutApiOrdered(check, expected);
            case WarCatalogue.TOMCAT_NO_API_UNORDERED:
                return tomcatWithoutApiUnordered();
            case WarCatalogue.TOMCAT_NO_API_OTHER_INITIALIZER:
                return tomcatWithoutApiOtherInitializer();
            default:
                if (check.id().startsWith(WarCatalogue.NEAR_MISS)) {
                    return nearMiss(check, expected);
                }
                throw new IllegalStateException("no way to run check " + check.id());
        }
    }

    // ---- the apps -----------------------------------------------------------------------------------

    /** wsguard first on {@code /*} in log mode, and a servlet at {@code /} that answers 200 to anything. */
    private static WarBuilder guardedApp() {
        return WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/");
    }

    /** {@link #guardedApp()} with the annotated endpoint {@code /echo}. */
    private static WarBuilder guardedEchoApp() {
        return guardedApp().classes(EchoEndpoint.class);
    }

    /**
     * {@link #guardedApp()} with annotated {@code /echo} and {@code /rooms/{room}}, and {@code /prog} added by a
     * listener through the ServerContainer.
     */
    private static WarBuilder endpointsApp() {
        return guardedApp().classes(EchoEndpoint.class, RoomEndpoint.class, ProgrammaticEndpoint.class)
                .listener(ProgrammaticEndpointListener.class);
    }

    /** A servlet at / and one that tells what the webapp can see of the WebSocket API. */
    private static WarBuilder apiProbingApp() {
        return WarBuilder.create().servlet("plain", PlainTextServlet.class, "/")
                .servlet("api-probe", ApiProbeServlet.class, ApiProbeServlet.MAPPING).classes(EchoEndpoint.class);
    }

    // ---- the flows ----------------------------------------------------------------------------------

    /** Deploys the WAR, sends the check's request (if any), and observes. */
    private Observed deployAndAsk(WarCheck check, Map<String, List<String>> expected, WebSocket webSocket,
                                  WarBuilder war) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.start(webSocket, WebApp.at(CONTEXT, war.build(dirs.next(check.id()))))) {
            int status = check.request() == null ? WarAnswer.NO_STATUS : upgrade(server, check.request());
            return observed(log, 0, server, status, expected, Map.of());
        }
    }

    private Observed apiJar(WarCheck check, Map<String, List<String>> expected, Path jar) throws Exception {
        expected.get("WSG12").add(jar.getFileName().toString());
        return deployAndAsk(check, expected, WebSocket.ON, guardedEchoApp().libJar(jar));
    }

    /**
     * Jetty with no WebSocket jar on its class path at all: wsguard's initializer is declared in its jar for
     * {@code @ServerEndpoint} types that do not exist here; deployment must still succeed, and the app serve.
     */
    private Observed withoutWebSocketApi(WarCheck check, Map<String, List<String>> expected) throws Exception {
        Path war = guardedApp().servlet("api-probe", ApiProbeServlet.class, ApiProbeServlet.MAPPING)
                .classes(EchoEndpoint.class).build(dirs.next("no-api"));
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.startWithout(IsolatedServers.WEBSOCKET_JARS, WebSocket.OFF,
                     WebApp.at(CONTEXT, war))) {
            assertApiAbsent(server);
            return observed(log, 0, server, plainGet(server, check.request()), expected, Map.of());
        }
    }

    /** The ordering leaves wsguard's initializer out; the endpoint must still upgrade and echo. */
    private Observed orderedOut(WarCheck check, Map<String, List<String>> expected) throws Exception {
        Path war = guardedEchoApp().absoluteOrdering().build(dirs.next("ordered-out"));
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
            try (RawResponse upgraded = RawHttp.exchange(server.port(), request(server, "/app/echo"))) {
                assertEquals(101, upgraded.status(), () -> "the endpoint must still upgrade:\n" + upgraded
                        + "\nwsguard log:" + log.describe());
                WebSocketFrames.sendText(upgraded.upgradedOutput(), "still guarded");
                assertEquals("still guarded", WebSocketFrames.read(upgraded.upgradedInput()).text(), "echoed text");
                WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
                assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(upgraded.upgradedInput()).opcode());
            }
            return observed(log, 0, server, upgrade(server, check.request()), expected, Map.of());
        }
    }

    /** Under an ordering WSG00 suggests, wsguard's initializer runs and finds /echo. */
    private Observed orderedIn(WarCheck check, Map<String, List<String>> expected, WarBuilder war) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.start(WebSocket.ON, WebApp.at(CONTEXT, war.build(dirs.next(check.id()))))) {
            String summary = log.awaitCode("WSG00");
            assertEquals(ANNOTATION_SCAN, LineAssertions.sourceOf(summary, "/echo"),
                    () -> "wsguard's initializer must have run and found /echo\nWSG00: " + summary);
            assertFalse(summary.contains("endpoint registry unavailable"), summary);
            return observed(log, 0, server, WarAnswer.NO_STATUS, expected, Map.of());
        }
    }

    /** The shared endpoints app: what WSG00 says each endpoint was learned from; the listener's endpoint upgrades. */
    private Observed learnedScanAll(WarCheck check, Map<String, List<String>> expected) throws Exception {
        RunningServer server = shared();
        String all = "\nWSG00: " + sharedWsg00;
        assertEquals(ANNOTATION_SCAN, LineAssertions.sourceOf(sharedWsg00, "/echo"), "source of /echo" + all);
        assertEquals(ANNOTATION_SCAN, LineAssertions.sourceOf(sharedWsg00, RoomEndpoint.PATH),
                "source of " + RoomEndpoint.PATH + all);
        int mark = sharedLog.mark();
        return observed(sharedLog, mark, server, upgrade(server, check.request()), expected, sources(sharedWsg00));
    }

    /** A ServerApplicationConfig keeps /echo only: /rooms/{room} must be neither listed nor deployed. */
    private Observed learnedWithApplicationConfig(WarCheck check, Map<String, List<String>> expected)
            throws Exception {
        Path war = endpointsApp().classes(EchoOnlyApplicationConfig.class).build(dirs.next("learned"));
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
            String summary = log.awaitCode("WSG00");
            String all = "\nWSG00: " + summary;
            assertTrue(LineAssertions.lists(summary, "/echo"), "/echo is deployed and must be listed" + all);
            assertFalse(LineAssertions.lists(summary, RoomEndpoint.PATH), RoomEndpoint.PATH
                    + " was filtered out by the ServerApplicationConfig and must not count as deployed" + all);
            int status = upgrade(server, check.request());
            try (RawResponse room = RawHttp.exchange(server.port(), request(server, "/app/rooms/lobby"))) {
                assertEquals(200, room.status(), () -> "the container deployed the filtered endpoint:\n" + room);
            }
            // The filtered endpoint's path is answered by the servlet at /: wsguard names it (WSG01) too.
            expected.computeIfAbsent("WSG01", c -> new ArrayList<>()).add("/app/rooms/lobby");
            return observed(log, 0, server, status, expected, sources(summary));
        }
    }

    private static Map<String, String> sources(String wsg00) {
        String source = LineAssertions.sourceOf(wsg00, ProgrammaticEndpoint.PATH);
        return Map.of(SOURCE_OF + ProgrammaticEndpoint.PATH, source == null ? NOT_LISTED : source);
    }

    private Observed nearMiss(WarCheck check, Map<String, List<String>> expected) throws Exception {
        RunningServer server = shared();
        int mark = sharedLog.mark();
        return observed(sharedLog, mark, server, upgrade(server, check.request()), expected, Map.of());
    }

    /**
     * Two contexts on one server: the root context (its own servlet at / and wsguard) and {@code /app} with
     * {@code /echo}. An upgrade to {@code /echo} without the context path is answered by the root context.
     */
    private Observed endpointInAnotherContext(WarCheck check, Map<String, List<String>> expected) throws Exception {
        Path root = guardedApp().build(dirs.next("root"));
        Path app = guardedEchoApp().build(dirs.next("app"));
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.start(WebSocket.ON, WebApp.at("/", root), WebApp.at(CONTEXT, app))) {
            // Both contexts report at startup, each once its wsguard's thread registered its MBean, which the root
            // context's hint reads; so both reports are awaited. Requests are read up to a marker of the root context.
            // The app's context as deployed: a container that deploys each variant at a path of its own (GlassFish)
            // suffixes it ("/app-10").
            for (String name : List.of("ROOT", CONTEXT)) {
                Pattern guards = Pattern.compile(" guards context " + Pattern.quote(name) + "(-\\d+)? \\(");
                if (log.find(l -> l.startsWith("WSG00 ") && guards.matcher(l).find(),
                        GuardLogCapture.APPEAR_TIMEOUT).isEmpty()) {
                    throw new AssertionError("no WSG00 of context " + name + ": " + log.messages());
                }
            }
            int status;
            try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade(check.request()))) {
                status = response.status();
            }
            return observed(log, 0, server, "", status, expected, Map.of());
        }
    }

    /** wsguard's live lookup from inside the shared WAR: every lookup right, through the filter and one route. */
    private Observed liveMapping() throws Exception {
        RunningServer server = shared();
        Map<String, String> facts = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        Map<String, Boolean> routeRight = new LinkedHashMap<>();
        routeRight.put(MappingProbeServlet.JETTY_ROUTE, true);
        routeRight.put(MappingProbeServlet.SERVER_CONTAINER_ROUTE, true);
        for (Map.Entry<String, String> lookup : LOOKUPS.entrySet()) {
            Map<String, String> answer = probe(server, lookup.getKey());
            String template = lookup.getValue() == null ? MappingProbeServlet.NONE : lookup.getValue();
            facts.putIfAbsent(WarCatalogue.SERVER_CONTAINER, answer.get(MappingProbeServlet.SERVER_CONTAINER));
            facts.putIfAbsent(WarCatalogue.JETTY_MAPPINGS, answer.get(MappingProbeServlet.JETTY_MAPPINGS));
            if (!template.equals(answer.get(MappingProbeServlet.FILTER_LOOKUP))) {
                wrong.add(lookup.getKey() + ": expected " + template + ", got " + answer);
            }
            routeRight.replaceAll((route, right) -> right && template.equals(answer.get(route)));
        }
        // The route each container is known by must be the one that answers, so a broken route cannot hide behind
        // the other.
        facts.put(WarCatalogue.ROUTE, routeRight.entrySet().stream().filter(Map.Entry::getValue).map(Map.Entry::getKey)
                .collect(Collectors.joining(" and ")));
        assertTrue(wrong.isEmpty(), () -> "wsguard's lookup answered wrongly:\n  " + String.join("\n  ", wrong));
        return new Observed(WarAnswer.NO_STATUS, List.of(), null, facts);
    }

    private static Map<String, String> lookups() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("/echo", "/echo");                                        // annotated, exact
        m.put("/rooms/lobby", RoomEndpoint.PATH);                       // annotated template, concrete room
        m.put(ProgrammaticEndpoint.PATH, ProgrammaticEndpoint.PATH);    // added through the ServerContainer
        m.put("/ecco", null);
        m.put("/Echo", null);
        m.put("/rooms", null);                                          // the template's segment missing
        m.put("/rooms/lobby/extra", null);                              // one segment too many
        m.put(MappingProbeServlet.MAPPING, null);                       // a servlet, not an endpoint
        return m;
    }

    private static Map<String, String> probe(RunningServer server, String path) throws Exception {
        String target = CONTEXT + MappingProbeServlet.MAPPING + "?" + MappingProbeServlet.PATH_PARAM + "=" + path;
        try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.get(target).build()
                .inContext(server.contextPath()))) {
            assertEquals(200, response.status(), response::toString);
            Map<String, String> answer = new LinkedHashMap<>();
            for (String line : response.bodyText().split("\n")) {
                int colon = line.indexOf(": ");
                if (colon > 0) {
                    answer.put(line.substring(0, colon), line.substring(colon + 2));
                }
            }
            return answer;
        }
    }

    /**
     * The endpoints app plus a single-page-app fallback filter declared in web.xml right after wsguard, which
     * forwards every path without a dot to the HTML shell: who takes a handshake to a mapped endpoint?
     */
    private Observed filterAfterWsguard(WarCheck check, Map<String, List<String>> expected) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.start(WebSocket.ON, WebApp.at(CONTEXT, spaApp()))) {
            int status;
            String answeredBy;
            try (RawResponse response = RawHttp.exchange(server.port(), request(server, check.request()))) {
                status = response.status();
                answeredBy = status == 101 ? "the endpoint" : SpaFallbackServlet.BODY.equals(response.bodyText())
                        ? "the SPA shell" : response.statusLine() + " " + response.bodyText();
            }
            // The fixture: the fallback really is active for ordinary paths.
            assertEquals(SpaFallbackServlet.BODY, body(server, "/app/rooms"));
            return observed(log, 0, server, status, expected, Map.of(ANSWERED_BY, answeredBy));
        }
    }

    private Path spaApp() throws IOException {
        Path war = endpointsApp().classes(SpaForwardFilter.class)
                .servlet("shell", SpaFallbackServlet.class, SpaForwardFilter.SHELL).build(dirs.next("spa"));
        // WarBuilder declares only wsguard's filter; the user's own filter goes right after its mapping.
        Path webXml = war.resolve("WEB-INF/web.xml");
        String xml = Files.readString(webXml, StandardCharsets.UTF_8);
        String guardMappingEnd = "</filter-mapping>\n";
        int at = xml.indexOf(guardMappingEnd);
        assertTrue(at > 0 && xml.lastIndexOf("<filter-name>wsguard</filter-name>", at) > 0,
                () -> "expected wsguard's filter-mapping in the built web.xml:\n" + xml);
        at += guardMappingEnd.length();
        String spa = "  <filter>\n    <filter-name>spa-fallback</filter-name>\n    <filter-class>"
                + SpaForwardFilter.class.getName() + "</filter-class>\n    <async-supported>true</async-supported>\n"
                + "  </filter>\n  <filter-mapping>\n    <filter-name>spa-fallback</filter-name>\n"
                + "    <url-pattern>/*</url-pattern>\n  </filter-mapping>\n";
        Files.writeString(webXml, xml.substring(0, at) + spa + xml.substring(at), StandardCharsets.UTF_8);
        return war;
    }

    /**
     * wsguard's webapp scan reads every jar in {@code WEB-INF/lib} as a stream, entry after entry. A jar holding
     * 3.5 GiB of zeros in 3.6 MiB must not hold up WSG00 beyond the scan's time budget, nor slow the deployment,
     * which the scan is kept off. Timing is what this check is about: measured, not waited out.
     */
    private Observed scanBounds() throws Exception {
        Path zeros = CompressibleJar.ofZeros(ZEROS_MIB);
        // The plain WAR first: it also pays for whatever this JVM has not loaded yet, in the jar's favour.
        Deployed plain = timedDeployment(guardedEchoApp().build(dirs.next("plain")));
        Deployed bomb = timedDeployment(guardedEchoApp().libJar(zeros).build(dirs.next("zeros")));
        String figures = kind + ": deployment " + plain.deploy.toMillis() + " ms without the jar, "
                + bomb.deploy.toMillis() + " ms with it; WSG00 " + bomb.wsg00AfterDeploy.toMillis()
                + " ms after the deployment with it; WSG00: " + bomb.wsg00;
        System.out.println("[scan bounds] " + figures);
        assertTrue(bomb.wsg00.contains("2 jars scanned") || bomb.wsg00.contains("scan incomplete"),
                () -> "the scan must have opened the jar (or said why it stopped): " + figures);
        assertTrue(bomb.deploy.compareTo(plain.deploy.plus(DEPLOY_SLACK)) <= 0,
                () -> "the jar slowed the deployment: " + figures);
        return new Observed(WarAnswer.NO_STATUS, List.of(bomb.wsg00), null, Map.of());
    }

    /** One deployment: how long the container took to start it, and when WSG00 came after that. */
    private record Deployed(Duration deploy, Duration wsg00AfterDeploy, String wsg00) {
    }

    private Deployed timedDeployment(Path war) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach()) {
            long start = System.nanoTime();
            try (RunningServer server = deployer.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                long deployed = System.nanoTime();
                // Fails here, naming the wait, when the scan holds WSG00 up beyond its budget.
                String wsg00 = log.awaitCode("WSG00", SCAN_BUDGET.plus(GRACE));
                return new Deployed(Duration.ofNanos(deployed - start), Duration.ofNanos(System.nanoTime() - deployed),
                        wsg00);
            }
        }
    }

    // ---- Tomcat with no WebSocket jar at all (an isolated class loader) --------------------------------

    /** The README's way out: {@code <absolute-ordering/>} keeps every WEB-INF/lib initializer, wsguard's too, out. */
    private Observed tomcatWithoutApiOrdered(WarCheck check, Map<String, List<String>> expected) throws Exception {
        Path war = apiProbingApp().guardFilter(Map.of()).absoluteOrdering().build(dirs.next("ordered"));
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = deployer.startWithout(IsolatedServers.WEBSOCKET_JARS, WebSocket.OFF,
                     WebApp.at(CONTEXT, war))) {
            // Before any request: the line comes from the filter's init, at context start.
            LineAssertions.assertLine(log, "WSG10", expected.get("WSG10").toArray(new String[0]));
            assertApiAbsent(server);
            assertEquals(PlainTextServlet.BODY, body(server, "/app/"));
            return observed(log, 0, server, upgrade(server, check.request()), expected, Map.of());
        }
    }

    /**
     * Pins the limit: without {@code <absolute-ordering/>} wsguard's initializer refuses to be created where the API
     * is missing, and Tomcat's log shows that refusal, naming both ways out. The same WAR less wsguard's jar deploys
     * on the same Tomcat, so nothing else in it is to blame.
     */
    private Observed tomcatWithoutApiUnordered() throws Exception {
        String deployment;
        List<String> tomcatLog;
        try (ContainerLog log = ContainerLog.attach("org.apache.catalina")) {
            deployment = deploymentOf(apiProbingApp().guardFilter(Map.of()).build(dirs.next("with-guard")));
            tomcatLog = log.lines();
        }
        for (String says : List.of("wsguard: no jakarta.websocket API on this class path", "<absolute-ordering/>",
                "tomcat-embed-websocket")) {
            assertTrue(tomcatLog.stream().anyMatch(l -> l.contains(says)), () -> "Tomcat's log should carry wsguard's"
                    + " refusal naming both ways out ('" + says + "'); it logged:\n  " + String.join("\n  ", tomcatLog));
        }
        try (RunningServer server = deployer.startWithout(IsolatedServers.WEBSOCKET_JARS, WebSocket.OFF,
                WebApp.at(CONTEXT, apiProbingApp().build(dirs.next("without-guard"))))) {
            assertApiAbsent(server);
        }
        return new Observed(WarAnswer.NO_STATUS, List.of(), null, Map.of(DEPLOYMENT, deployment));
    }

    /**
     * An initializer that merely names a jakarta.websocket type in {@code @HandlesTypes} (and refuses nothing) fails
     * just the same, so wsguard's refusal adds no failure of its own.
     */
    private Observed tomcatWithoutApiOtherInitializer() throws Exception {
        Path jar = initializerJar(dirs.next("initializer-jar").resolve("websocket-types-initializer.jar"));
        String deployment;
        List<String> tomcatLog;
        try (ContainerLog log = ContainerLog.attach("org.apache.catalina")) {
            deployment = deploymentOf(apiProbingApp().libJar(jar).build(dirs.next("named-type")));
            tomcatLog = log.lines();
        }
        String notPresent = "TypeNotPresentException: Type " + ApiProbeServlet.SERVER_ENDPOINT + " not present";
        assertTrue(tomcatLog.stream().anyMatch(l -> l.contains(notPresent)), () -> "Tomcat's log should say '"
                + notPresent + "'; it logged:\n  " + String.join("\n  ", tomcatLog));
        return new Observed(WarAnswer.NO_STATUS, List.of(), null, Map.of(DEPLOYMENT, deployment));
    }

    /** What came of deploying the WAR without any WebSocket jar: "deployed", or how it failed. */
    private String deploymentOf(Path war) {
        try (RunningServer server = deployer.startWithout(IsolatedServers.WEBSOCKET_JARS, WebSocket.OFF,
                WebApp.at(CONTEXT, war))) {
            return "deployed on port " + server.port();
        } catch (Exception e) {
            // The deployer says so when Tomcat started yet left the context unavailable.
            return String.valueOf(e.getMessage()).startsWith("Tomcat webapp '" + CONTEXT + "' is ") ? "context not started"
                    : "start fails: " + e.getClass().getSimpleName();
        }
    }

    /** A library jar holding {@link WebSocketTypesInitializer}, declared as a container initializer. */
    private static Path initializerJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        String name = WebSocketTypesInitializer.class.getName();
        String resource = name.replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = WebSocketTypesInitializer.class.getClassLoader().getResourceAsStream(resource)) {
            bytes = Objects.requireNonNull(in, resource).readAllBytes();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(resource));
            out.write(bytes);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + ServletContainerInitializer.class.getName()));
            out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Proves the fixture: the webapp really cannot see the WebSocket API. */
    private static void assertApiAbsent(RunningServer server) throws Exception {
        String probe = body(server, CONTEXT + ApiProbeServlet.MAPPING);
        assertTrue(probe.contains(ApiProbeServlet.SERVER_ENDPOINT + ": absent"),
                () -> "the fixture must hide the WebSocket API from the webapp:\n" + probe);
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private synchronized void stopShared() {
        if (shared != null) {
            shared.close();
            sharedLog.close();
            shared = null;
        }
    }

    /** The endpoints app and a mapping probe, deployed once; its startup line is kept. */
    private synchronized RunningServer shared() throws Exception {
        if (shared == null) {
            Path war = endpointsApp().servlet("mapping-probe", MappingProbeServlet.class, MappingProbeServlet.MAPPING)
                    .build(dirs.next("endpoints"));
            sharedLog = GuardLogCapture.attach();
            shared = deployer.start(WebSocket.ON, WebApp.at(CONTEXT, war));
            sharedWsg00 = normalise(sharedLog.awaitCode("WSG00"), shared);
        }
        return shared;
    }

    /**
     * A valid upgrade written for {@code /app}, sent where this server deployed that app: every leading {@code /app}
     * stands for the context path ({@code /app/app/echo} holds it twice, wherever it is).
     */
    private static RawRequest request(RunningServer server, String target) {
        String context = server.contextPath();
        StringBuilder path = new StringBuilder();
        String rest = target;
        while (!context.equals(CONTEXT) && (rest.equals(CONTEXT) || rest.startsWith(CONTEXT + "/"))) {
            path.append(context);
            rest = rest.substring(CONTEXT.length());
        }
        return RawRequest.validUpgrade(path + rest);
    }

    /** A valid upgrade; the status it got (the connection is dropped after a 101). */
    private static int upgrade(RunningServer server, String target) throws IOException {
        try (RawResponse response = RawHttp.exchange(server.port(), request(server, target))) {
            return response.status();
        }
    }

    private static int plainGet(RunningServer server, String target) throws IOException {
        try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.get(target).build()
                .inContext(server.contextPath()))) {
            assertEquals(PlainTextServlet.BODY, response.bodyText(), response::toString);
            return response.status();
        }
    }

    private static String body(RunningServer server, String target) throws IOException {
        try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.get(target).build()
                .inContext(server.contextPath()))) {
            assertEquals(200, response.status(), response::toString);
            return response.bodyText();
        }
    }

    private Observed observed(GuardLogCapture log, int mark, RunningServer server, int status,
                              Map<String, List<String>> expected, Map<String, String> facts) throws Exception {
        return observed(log, mark, server, server.contextPath(), status, expected, facts);
    }

    /**
     * Waits (bounded) for the expected lines (WSG00 closes the startup report, and every fresh WAR has one), then
     * reads the per-request lines up to a marker sent to {@code markerContext}: what the check's requests logged,
     * and nothing else.
     */
    private Observed observed(GuardLogCapture log, int mark, RunningServer server, String markerContext, int status,
                              Map<String, List<String>> expected, Map<String, String> facts) throws Exception {
        Set<String> codes = new LinkedHashSet<>(expected.keySet());
        if (mark == 0) {
            codes.add("WSG00");
        }
        log.awaitCodesSince(mark, codes);
        List<String> requestLines = log.requestLinesBefore(Marker.at(server.port(), markerContext), mark);
        Set<String> requestCodes = requestLines.stream().map(GuardLogCapture::codeOf)
                .collect(Collectors.toCollection(LinkedHashSet::new));
        List<String> lines = log.messagesSince(mark).stream().filter(l -> GuardLogCapture.codeOf(l) != null)
                .filter(l -> !l.contains("/wsguard-marker-")).map(l -> normalise(l, server)).toList();
        return new Observed(status, lines, requestCodes, facts);
    }

    /** A server that deployed the app at another path than {@code /app} (a shared GlassFish): written {@code /app}. */
    private static String normalise(String line, RunningServer server) {
        String context = server.contextPath();
        if (context.equals(CONTEXT) || context.isEmpty()) {
            return line;
        }
        return line.replaceAll(Pattern.quote(context) + "(?![\\w-])", CONTEXT);
    }
}
