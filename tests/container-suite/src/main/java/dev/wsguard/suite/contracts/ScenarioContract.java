package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.ReachProbeFilter;
import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.Checks;
import dev.wsguard.suite.scenarios.ContainerAnswer;
import dev.wsguard.suite.scenarios.EnforceAction;
import dev.wsguard.suite.scenarios.Expectation;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.suite.scenarios.Observation;
import dev.wsguard.suite.scenarios.ResultTable;
import dev.wsguard.suite.scenarios.Scenario;
import dev.wsguard.suite.scenarios.ScenarioCatalogue;
import java.net.URI;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one contract every container module runs: a module subclasses this with its {@link ContainerKind}
 * and nothing else, so the catalogue, its checks and its expected outcomes are the same everywhere and
 * container differences live in {@link ScenarioCatalogue}'s recorded answers only.
 *
 * <ul>
 *   <li>the container is the version it claims;</li>
 *   <li>baseline: without wsguard, each row gets the container answer the catalogue records, and a filter in
 *       wsguard's place (first, {@code /*}) is given the request exactly where the catalogue says;</li>
 *   <li>the catalogue in {@code log} and {@code enforce} mode: exact status, required headers, wsguard's own
 *       answers, exactly the codes logged;</li>
 *   <li>log mode changes nothing: the same bytes with and without wsguard ({@code Date} aside);</li>
 *   <li>a valid upgrade gets 101 and echoes without wsguard and in every mode, with no incident logged;</li>
 *   <li>the JDK's own WebSocket client reports the catalogue's answers for the rows a real client can produce;</li>
 *   <li>wsguard reads the endpoints from the container's own mappings where the container lets it.</li>
 * </ul>
 *
 * Writes {@code target/scenario-table.md}, {@code target/container-baseline.md} and
 * {@code target/compat/<container>-suite.json} (for docs/compatibility.md).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ScenarioContract extends ContractOnOneContainer {

    /** How long a startup line may take without any request before the container is asked with one. */
    private static final Duration STARTUP_LINE_WITHOUT_REQUEST = Duration.ofSeconds(2);

    /** The probe's id: fixed, so a shared deployment can be reused; each case listens only while it runs. */
    private static final String PROBE_ID = "first-filter";

    private final ResultsFile results;
    private final ResultTable catalogueTable = new ResultTable(
            "Row", "Container", "Mode", "Status", "Headers of note", "Codes logged", "Expected", "Result");
    private final ResultTable baselineTable = new ResultTable(
            "Row", "Container", "Status", "Headers of note", "First filter given the request", "Note", "Result");

    protected ScenarioContract(ContainerKind kind) {
        super(kind);
        this.results = new ResultsFile(kind.label() + "-suite");
    }

    @Override
    protected void writeResults() {
        for (Scenario row : ScenarioCatalogue.rows()) {
            if (!row.runsOn(kind)) {
                results.add(new CaseResult(Section.NOT_RUN.name(), kind.label(), row.id(), "", "not run",
                        List.of(), List.of(), true, row.notRunReason(kind), Map.of("title", row.title())));
            }
        }
        results.write(WorkDirs.target());
        catalogueTable.write(WorkDirs.target().resolve("scenario-table.md"), "wsguard scenario catalogue on "
                + kind.displayName(), "Rows S1-S17 of docs/scenarios.md, each on a fresh deployment with wsguard first on"
                + " /*, observed over raw sockets. \"Codes logged\" includes the startup codes.");
        baselineTable.write(WorkDirs.target().resolve("container-baseline.md"), kind.displayName()
                + " without wsguard", "What the container answers to each catalogue row on its own, observed over"
                + " raw sockets (a pass-through probe filter sits where wsguard would be).");
    }

    /** Records a module's own case in this suite's results file (for docs/compatibility.md). */
    protected final void record(CaseResult result) {
        results.add(result);
    }

    // ---- the container itself ----------------------------------------------------------------------

    @Test
    void runsTheContainerVersionItClaims() {
        String loaded = container.version();
        results.add(new CaseResult(Section.CONTAINER.name(), kind.label(), kind.product(), kind.version(), loaded,
                List.of(), List.of(), kind.version().equals(loaded), container.details(),
                Map.of("setup", kind.setup(), "module", kind.module())));
        assertEquals(kind.version(), loaded, () -> kind.module() + " must run " + kind.displayName()
                + "; check its pom (a managed version may have won)");
    }

    /**
     * Every row says something for this container: an answer, or why it cannot run here. A row whose app
     * setup this container cannot deploy must say why instead of failing on deployment.
     */
    @Test
    void catalogueRecordsEveryRowForThisContainer() {
        List<String> problems = new ArrayList<>();
        for (Scenario row : ScenarioCatalogue.rows()) {
            if (!row.recordsSomethingFor(kind)) {
                problems.add(row.id() + " records nothing for " + kind + ": run containerAnswersAsCatalogued and"
                        + " record the answer (or the reason the row cannot run) in ScenarioCatalogue");
            } else if (row.runsOn(kind) && !container.supports(row.setup())) {
                problems.add(row.id() + " runs on " + kind + " but its setup " + row.setup() + " cannot be deployed there");
            }
        }
        assertTrue(problems.isEmpty(), String.join("\n", problems));
    }

    // ---- baseline: the container on its own ---------------------------------------------------------

    Stream<Scenario> rows() {
        return ScenarioCatalogue.rows().stream().filter(row -> row.runsOn(kind));
    }

    Stream<Arguments> rowsAndModes() {
        return rows().flatMap(row -> Stream.of(GuardMode.LOG, GuardMode.ENFORCE).map(mode -> Arguments.of(row, mode)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void containerAnswersAsCatalogued(Scenario row) throws Exception {
        FilterSpec probe = new FilterSpec("reach-probe", ReachProbeFilter.class,
                Map.of(ReachProbeFilter.PROBE_ID_PARAM, PROBE_ID), "/*");
        Observation observed;
        List<String> seen;
        try (ReachProbeFilter.Recording recording = ReachProbeFilter.record(PROBE_ID)) {
            observed = Observation.observe(container, Deployment.of(row.setup(), probe), row.request(), false, Set.of());
            seen = recording.seen();
        }
        if (!row.recordsSomethingFor(kind)) {
            throw new AssertionError(row.id() + " records no answer for " + kind + "; observed (first filter given the"
                    + " request: " + (seen.isEmpty() ? "no" : "yes") + "):\n" + observed.response() + "\nnormalised headers: "
                    + observed.normalisedHeaders());
        }
        ContainerAnswer expected = row.answer(kind);
        List<String> problems = Checks.against(expected, observed, !seen.isEmpty());
        String result = problems.isEmpty() ? "as catalogued" : "DIFFERS: " + String.join("; ", problems);
        baselineTable.add(ResultTable.rowSortKey(row.id()), row.id(), kind.label(), observed.response().statusLine(),
                headersOfNote(observed), seen.isEmpty() ? "no" : "yes", expected.differenceFromReference(), result);
        results.add(new CaseResult(Section.BASELINE.name(), kind.label(), row.id(), "without wsguard",
                outcome(observed), List.of(), List.of(), problems.isEmpty(), expected.differenceFromReference(),
                details("title", row.title(), "headers", headersOfNote(observed), "first filter given the request",
                        seen.isEmpty() ? "no" : "yes", "status line", observed.normalise(observed.response().statusLine()))));
        assertTrue(problems.isEmpty(), () -> Checks.report(row.id() + " on " + kind + " without wsguard",
                problems, observed));
    }

    // ---- the catalogue with wsguard -------------------------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rowsAndModes")
    void rowBehavesAsCatalogued(Scenario row, GuardMode mode) throws Exception {
        Expectation expected = row.expect(kind, mode);
        Set<String> awaited = new LinkedHashSet<>(expected.startupCodes());
        if (expected.requestCode() != null) {
            awaited.add(expected.requestCode());
        }
        Observation observed;
        try {
            observed = Observation.observe(container, row.guardedDeployment(mode), row.request(), true, awaited);
        } catch (java.io.IOException e) {
            // The answer could not even be read (no framing, no close): recorded as what the client got.
            results.add(new CaseResult(Section.CATALOGUE.name(), kind.label(), row.id(), mode.toString(),
                    "unreadable answer: " + e.getMessage(), List.of(), List.of(), false, note(row, mode),
                    details("title", row.title(), "expected", expected.summary(), "headers", "")));
            throw e;
        }
        List<String> problems = Checks.against(expected, observed);
        catalogueTable.add(ResultTable.rowSortKey(row.id()) + mode, row.id(), kind.label(), mode.toString(),
                observed.response().statusLine(), headersOfNote(observed), String.join(", ", observed.codes()),
                expected.summary(), problems.isEmpty() ? "pass" : "FAIL: " + String.join("; ", problems));
        // The row's own startup lines (WSG10, WSG11...) first, then the per-request ones.
        List<String> lines = new ArrayList<>();
        row.startupCodes().stream().sorted().forEach(code -> lines.addAll(observed.startupLines(code)));
        lines.addAll(observed.requestLines());
        results.add(new CaseResult(Section.CATALOGUE.name(), kind.label(), row.id(), mode.toString(), outcome(observed),
                new ArrayList<>(observed.codes()), lines, problems.isEmpty(),
                note(row, mode),
                details("title", row.title(), "expected", expected.summary(), "headers", headersOfNote(observed))));
        assertTrue(problems.isEmpty(), () -> Checks.report(row.id() + " (" + row.title() + ") on " + kind
                + " in " + mode + " mode, expected " + expected.summary(), problems, observed));
    }

    private String note(Scenario row, GuardMode mode) {
        ContainerAnswer answer = row.answer(kind);
        String note = answer.differenceFromReference();
        if (mode == GuardMode.ENFORCE && !answer.guardAnswerNote().isEmpty()) {
            note = (note.isEmpty() ? "" : note + " ") + answer.guardAnswerNote();
        }
        if (mode == GuardMode.ENFORCE && row.expect(kind, mode).answeredByGuard() && !kind.refusalsCarryUpgrade()
                && (row.enforceAction() == EnforceAction.REJECT_426
                || row.enforceAction() == EnforceAction.REJECT_426_VERSION)) {
            note = (note.isEmpty() ? "" : note + " ") + ContainerKind.REFUSALS_WITHOUT_UPGRADE;
        }
        return note;
    }


    // ---- log mode changes nothing ---------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @MethodSource("rows")
    void logModeLeavesTheAnswerAlone(Scenario row) throws Exception {
        Observation alone = Observation.observe(container, Deployment.of(row.setup()), row.request(), false, Set.of());
        Observation guarded = Observation.observe(container,
                Guard.deployment(row.setup(), GuardMode.LOG, row.extraGuardParams()), row.request(), false, Set.of());
        String context = row.id() + " on " + kind + "\nwithout wsguard:\n" + alone.response()
                + "\nwith wsguard (log):\n" + guarded.response() + "\nwsguard log:" + guarded.logText();
        boolean same = alone.normalise(alone.response().statusLine()).equals(guarded.normalise(guarded.response().statusLine()))
                && withoutDate(alone).equals(withoutDate(guarded))
                && alone.normalisedBody().equals(guarded.normalisedBody())
                && java.util.Objects.equals(alone.echoed(), guarded.echoed());
        results.add(new CaseResult(Section.DIFFERENTIAL.name(), kind.label(), row.id(), "log",
                same ? "identical" : "DIFFERENT", List.of(), List.of(), same, "", Map.of()));
        assertAll(
                () -> assertEquals(alone.normalise(alone.response().statusLine()),
                        guarded.normalise(guarded.response().statusLine()), () -> "status line differs. " + context),
                () -> assertEquals(withoutDate(alone), withoutDate(guarded), () -> "headers differ. " + context),
                () -> assertEquals(alone.normalisedBody(), guarded.normalisedBody(), () -> "body differs. " + context),
                () -> assertEquals(alone.echoed(), guarded.echoed(), () -> "echo after 101 differs ("
                        + guarded.echoProblem() + "). " + context));
    }

    private static List<String> withoutDate(Observation observation) {
        return observation.normalisedHeaders().stream()
                .filter(h -> !h.name().equalsIgnoreCase("Date"))
                .map(Header::toString)
                .collect(Collectors.toList());
    }

    // ---- a valid upgrade works in every mode ----------------------------------------------------------

    /** Without the filter, and with it in each mode. */
    public enum Variant {
        WITHOUT_FILTER(null), MODE_OFF(GuardMode.OFF), MODE_LOG(GuardMode.LOG), MODE_ENFORCE(GuardMode.ENFORCE);

        final GuardMode mode;

        Variant(GuardMode mode) {
            this.mode = mode;
        }

        Deployment deployment() {
            return mode == null ? Deployment.of(AppSetup.STANDARD) : Guard.deployment(AppSetup.STANDARD, mode);
        }

        String label() {
            return mode == null ? "without wsguard" : mode.toString();
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Variant.class)
    void validUpgradeGets101AndEchoes(Variant variant) throws Exception {
        List<String> done = new ArrayList<>();
        String outcome = "failed";
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.start(variant.deployment())) {
            int mark = server.startupLog().isEmpty() ? 0 : log.mark();
            RawRequest request = RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo").inContext(server.contextPath());
            server.beforeRequest(request.target());
            try (RawResponse response = RawHttp.exchange(server.port(), request)) {
                assertEquals(101, response.status(), () -> "no upgrade:\n" + response + "\nwsguard log:" + log.describe());
                assertEquals("websocket", response.header("Upgrade").orElse("").toLowerCase(Locale.ROOT), response::head);
                assertEquals(RawRequest.SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept").orElse(null),
                        response::head);
                outcome = response.statusLine();
                // A short frame (7-bit length) and a longer one (16-bit length) both come back unchanged.
                for (String text : new String[] {"hello wsguard", "x".repeat(300)}) {
                    WebSocketFrames.sendText(response.upgradedOutput(), text);
                    WebSocketFrames.Frame frame = WebSocketFrames.read(response.upgradedInput());
                    assertEquals(WebSocketFrames.OPCODE_TEXT, frame.opcode(), "opcode of the echoed frame");
                    assertTrue(frame.fin(), "echo arrives as one final frame");
                    assertEquals(text, frame.text(), "echoed text");
                    done.add(text.length() + " chars");
                }
                WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
                WebSocketFrames.Frame close = WebSocketFrames.read(response.upgradedInput());
                assertEquals(WebSocketFrames.OPCODE_CLOSE, close.opcode(), "server answers the close handshake");
                done.add("close");
            }
            if (variant.mode == GuardMode.LOG || variant.mode == GuardMode.ENFORCE) {
                log.assertNoRequestLineBefore(Marker.at(server.port(), server.contextPath()), mark);
            }
        } finally {
            boolean passed = done.size() == 3;
            results.add(new CaseResult(Section.ECHO.name(), kind.label(), "valid upgrade to /app/echo", variant.label(),
                    passed ? outcome.replaceAll("\\s+$", "") + ", echo of " + done.get(0) + " and " + done.get(1)
                            + ", close answered" : "FAILED after " + done, List.of(), List.of(), passed, "", Map.of()));
        }
    }

    // ---- a real client: the JDK's own ------------------------------------------------------------------

    Stream<Arguments> realClientCases() {
        return ScenarioCatalogue.realClientRows().stream().filter(row -> row.runsOn(kind))
                .flatMap(row -> Stream.of(false, true).map(enforce -> Arguments.of(row, enforce)));
    }

    /**
     * What a user of the JDK's {@code java.net.http} WebSocket sees, without wsguard ({@code false}) and with it in
     * enforce mode: for a 101 the session opens and echoes; otherwise {@code WebSocketHandshakeException} exposing the
     * catalogue's status for this container and, where wsguard answered, its {@code WSGuard-Code}.
     */
    @ParameterizedTest(name = "{0} enforce={1}")
    @MethodSource("realClientCases")
    void jdkClientReportsTheCataloguedAnswer(Scenario row, boolean enforce) throws Exception {
        int status;
        String code = null;
        if (enforce) {
            Expectation expected = row.expect(kind, GuardMode.ENFORCE);
            status = expected.status();
            code = expected.answeredByGuard() ? expected.requestCode() : null;
        } else {
            status = row.answer(kind).status();
        }
        Deployment deployment = enforce ? row.guardedDeployment(GuardMode.ENFORCE) : Deployment.of(row.setup());
        ClientOutcome outcome;
        try (RunningServer server = container.start(deployment)) {
            String target = row.request().inContext(server.contextPath()).target();
            server.beforeRequest(target);
            outcome = JdkWebSocketClient.connect(URI.create("ws://" + server.authority() + target));
        }
        List<String> problems = new ArrayList<>();
        if (status == 101) {
            if (!outcome.connected() || !JdkWebSocketClient.TEXT.equals(outcome.echoed())) {
                problems.add("expected an open session and its echo, got " + outcome.summary());
            }
        } else if (outcome.connected() || !WebSocketHandshakeException.class.getName().equals(outcome.exception())
                || outcome.status() != status || !java.util.Objects.equals(code, outcome.guardCode())) {
            problems.add("expected WebSocketHandshakeException exposing status " + status
                    + (code == null ? " and no WSGuard-Code" : " and WSGuard-Code " + code) + ", got " + outcome.summary());
        }
        Map<String, String> facts = details("title", row.title(), "client", JdkWebSocketClient.DISPLAY_NAME);
        if (outcome.internalChain() != null) {
            facts.put("internal chain", outcome.internalChain());
        }
        results.add(new CaseResult(Section.JDK_CLIENT.name(), kind.label(), row.id(),
                enforce ? "wsguard enforce" : "without wsguard", outcome.summary(), List.of(), List.of(),
                problems.isEmpty(), "", facts));
        assertTrue(problems.isEmpty(), () -> "the JDK's client on " + kind + ", " + row.id() + " (" + row.title() + ")"
                + (enforce ? " with wsguard enforce" : " without wsguard") + ": " + problems);
    }

    // ---- what wsguard learns from the container -------------------------------------------------------

    /**
     * wsguard told no endpoint (no {@code endpoints} param, and no initializer runs in an embedded context):
     * what its startup line lists comes from the container's own mappings, read by reflection (Jetty's
     * WebSocketMappings, Tomcat's WsServerContainer, Undertow's ServerWebSocketContainer).
     */
    @Test
    void startupLineListsWhatTheContainerMapped() throws Exception {
        String expected = ScenarioCatalogue.containerMappingsClause(kind);
        boolean expectedAtStartup = ScenarioCatalogue.filterInitialisedAtStartup(kind);
        String line;
        boolean atStartup = true;
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.start(Guard.withoutEndpointsParam(AppSetup.STANDARD, GuardMode.LOG))) {
            line = server.startupLog().stream().filter(l -> "WSG00".equals(GuardLogCapture.codeOf(l))).findFirst()
                    .orElse(null);
            if (line == null) {
                try {
                    line = log.awaitCode("WSG00", STARTUP_LINE_WITHOUT_REQUEST);
                } catch (AssertionError notYet) {
                    // A container that creates filters on the first request (Undertow): send one.
                    atStartup = false;
                    RawRequest first = RawRequest.get(AppSetup.CONTEXT_PATH + "/").build().inContext(server.contextPath());
                    server.beforeRequest(first.target());
                    RawHttp.exchange(server.port(), first).close();
                    line = log.awaitCode("WSG00");
                }
            }
        }
        String endpoints = sortedEndpoints(between(line, "endpoints known: ", "; endpoint scan"));
        String mappings = between(line, "container mappings: ", ";");
        String shown = "endpoints known: " + endpoints + "; container mappings: " + mappings;
        String when = atStartup ? "WSG00 logged at startup" : "WSG00 logged with the first request (filters are"
                + " initialised lazily)";
        boolean passed = shown.contains(expected) && atStartup == expectedAtStartup;
        results.add(new CaseResult(Section.MAPPINGS.name(), kind.label(), "WSG00 without the endpoints param", "log",
                shown, List.of("WSG00"), List.of(), passed, when, Map.of("expected", expected)));
        assertEquals(expectedAtStartup, atStartup, when + "; the catalogue expects the opposite:\n" + line);
        assertTrue(shown.contains(expected), "expected '" + expected + "' in the startup line:\n" + line);
    }

    /**
     * {@code 3 (/echo, /chat/{room} from annotation scan; /ticker from ...)} with each source's paths sorted:
     * the order of an annotation scan is not stable between runs.
     */
    static String sortedEndpoints(String known) {
        int open = known.indexOf('(');
        int close = known.lastIndexOf(')');
        if (open < 0 || close < open) {
            return known;
        }
        List<String> groups = new ArrayList<>();
        for (String group : known.substring(open + 1, close).split("; ")) {
            int from = group.lastIndexOf(" from ");
            if (from < 0) {
                groups.add(group);
                continue;
            }
            List<String> paths = new ArrayList<>(List.of(group.substring(0, from).split(", ")));
            java.util.Collections.sort(paths);
            groups.add(String.join(", ", paths) + group.substring(from));
        }
        return known.substring(0, open + 1) + String.join("; ", groups) + known.substring(close);
    }

    private static String between(String text, String start, String end) {
        int from = text.indexOf(start);
        if (from < 0) {
            return "(absent)";
        }
        from += start.length();
        int to = text.indexOf(end, from);
        return to < 0 ? text.substring(from) : text.substring(from, to);
    }

    // ---- helpers ----------------------------------------------------------------------------------------

    /**
     * What a client got, in one line: status, and wsguard's header when it answered. Public so that a suite that
     * does not extend this contract (tests/javax) words its results as this one does.
     */
    public static String outcome(Observation observed) {
        String code = observed.response().header(Scenario.GUARD_CODE_HEADER).orElse(null);
        return observed.status() + (code == null ? "" : " " + Scenario.GUARD_CODE_HEADER + ": " + code);
    }

    private static String headersOfNote(Observation observed) {
        return observed.normalisedHeaders().stream()
                .filter(h -> ResultTable.isHeaderOfNote(h.name()))
                .map(Header::toString)
                .collect(Collectors.joining("<br>"));
    }

    private static Map<String, String> details(String... pairs) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i + 1 < pairs.length; i += 2) {
            map.put(pairs[i], pairs[i + 1]);
        }
        return map;
    }
}
