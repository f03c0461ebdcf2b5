package dev.wsguard.javax;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.contracts.ScenarioContract;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.Checks;
import dev.wsguard.suite.scenarios.ContainerAnswer;
import dev.wsguard.suite.scenarios.Expectation;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.suite.scenarios.Observation;
import dev.wsguard.suite.scenarios.Scenario;
import dev.wsguard.suite.scenarios.ScenarioCatalogue;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The javax jar on one javax container: the scenario catalogue's rows in log and enforce mode, each row's app a
 * javax WAR with wsguard-filter-javax in WEB-INF/lib and declared first in web.xml, observed over raw sockets and
 * held to the answers and lines the catalogue records for the nearest jakarta container (Tomcat 10.1 for Tomcat 9,
 * Jetty 12.0 ee10 for Jetty 12.0 ee8, Jetty 12.1 ee10 for Jetty 12.1 ee8) but where the javax container answers otherwise on its own
 * ({@link JavaxContainer#ownAnswers}, each observed and explained); a valid upgrade gets 101 and echoes without wsguard and in every mode; and
 * what names a namespace says javax. wsguard's lines are read from the container's own java.util.logging.
 * Each row's outcome in each mode and each valid upgrade is recorded in {@code target/compat/} (section
 * {@link Section#JAVAX}) for docs/compatibility.md.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class JavaxCatalogueContract {

    private final JavaxContainer container;
    private final ResultsFile results;

    JavaxCatalogueContract(JavaxContainer container) {
        this.container = container;
        this.results = new ResultsFile(container.resultsFileName());
    }

    /** Once the class ran, whatever failed: a failed case is written too, so the document shows it. */
    @AfterAll
    void writeResults() {
        // The rows this container does not run, with why, so that the document says so instead of leaving them out.
        ScenarioCatalogue.rows().stream().filter(row -> row.runsOn(container.nearest()))
                .filter(row -> !container.supports(row.setup()))
                .forEach(row -> results.add(new CaseResult(Section.JAVAX.name(), container.resultLabel(), row.id(),
                        NOT_RUN, NOT_RUN, List.of(), List.of(), true, NOT_RUN_REASON, Map.of("title", row.title()))));
        results.write(WorkDirs.target());
    }

    /** The variant of a row recorded as not run here. */
    static final String NOT_RUN = "not run";

    /** Why S17 does not run on a javax container (see {@link #almostEveryRowRuns}). */
    static final String NOT_RUN_REASON = "its premise is a javax endpoint in a jakarta webapp; in a javax WAR the"
            + " same endpoint is simply deployed";

    /** The item of the valid-upgrade cases, as the embedded suites name theirs. */
    static final String VALID_UPGRADE = "valid upgrade to /app/echo";

    @Test
    void runsTheContainerVersionItClaims() {
        assertEquals(container.expectedVersion(), container.version(),
                () -> "this module must run " + container.displayName() + "; check its pom (its Jetty BOM)");
    }

    /** Every row the nearest container runs, but those whose app javax WARs cannot package (S17's jakarta premise). */
    Stream<Scenario> rows() {
        return ScenarioCatalogue.rows().stream()
                .filter(row -> row.runsOn(container.nearest()) && container.supports(row.setup()));
    }

    Stream<Arguments> rowsAndModes() {
        return rows().flatMap(row -> Stream.of(GuardMode.LOG, GuardMode.ENFORCE).map(mode -> Arguments.of(row, mode)));
    }

    @Test
    void almostEveryRowRuns() {
        List<String> skipped = new ArrayList<>();
        ScenarioCatalogue.rows().stream().filter(row -> row.runsOn(container.nearest()))
                .filter(row -> !container.supports(row.setup())).forEach(row -> skipped.add(row.id()));
        // S17 is a javax endpoint in a jakarta webapp: on a javax container that endpoint is simply deployed.
        assertEquals(List.of("S17"), skipped);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("rowsAndModes")
    void rowBehavesAsCatalogued(Scenario row, GuardMode mode) throws Exception {
        Expectation expected = row.expect(container.answer(row), container.nearest().refusalsCarryUpgrade(), mode,
                row.lineSays());
        Set<String> awaited = new LinkedHashSet<>(expected.startupCodes());
        if (expected.requestCode() != null) {
            awaited.add(expected.requestCode());
        }
        ContainerAnswer own = container.ownAnswers().get(row.id());
        String note = own == null ? "" : own.differenceFromReference();
        Map<String, String> details = Map.of("title", row.title(), "expected", expected.summary(),
                "held to", container.nearest().displayName());
        Observation observed;
        try {
            observed = Observation.observe(container, row.guardedDeployment(mode), row.request(), true, awaited);
        } catch (IOException e) {
            // No answer could be read: recorded as what the client got, as the embedded suites do.
            results.add(new CaseResult(Section.JAVAX.name(), container.resultLabel(), row.id(), mode.toString(),
                    "unreadable answer: " + e.getMessage(), List.of(), List.of(), false, note, details));
            throw e;
        }
        List<String> problems = Checks.against(expected, observed);
        // The row's own startup lines (WSG10, WSG11...) first, then the request's, as the embedded suites record them.
        List<String> lines = new ArrayList<>();
        row.startupCodes().stream().sorted().forEach(code -> lines.addAll(observed.startupLines(code)));
        lines.addAll(observed.requestLines());
        results.add(new CaseResult(Section.JAVAX.name(), container.resultLabel(), row.id(), mode.toString(),
                ScenarioContract.outcome(observed), new ArrayList<>(observed.codes()), lines, problems.isEmpty(), note,
                details));
        assertTrue(problems.isEmpty(), () -> Checks.report(row.id() + " (" + row.title() + ") on "
                + container.displayName() + " in " + mode + " mode, expected " + expected.summary()
                + " as on " + container.nearest(), problems, observed));
    }

    /** A difference from the nearest container is recorded only where there is one, so none outlives its cause. */
    @Test
    void ownAnswersDifferFromTheNearestContainers() {
        container.ownAnswers().forEach((id, own) -> {
            Scenario row = ScenarioCatalogue.rows().stream().filter(r -> r.id().equals(id)).findFirst().orElseThrow();
            assertTrue(own.status() != row.answer(container.nearest()).status(), () -> id + " on "
                    + container.displayName() + " is recorded as differing from " + container.nearest() + " but is not");
            assertTrue(!own.differenceFromReference().isEmpty(), () -> id + " must say why it differs");
        });
    }

    Stream<GuardMode> everyMode() {
        return Stream.of(null, GuardMode.OFF, GuardMode.LOG, GuardMode.ENFORCE);
    }

    /** Without wsguard ({@code null}), and with it in each mode: 101, two echoes, the close answered, no line. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("everyMode")
    void validUpgradeGets101AndEchoes(GuardMode mode) throws Exception {
        Deployment deployment = mode == null ? Deployment.of(AppSetup.STANDARD) : Guard.deployment(AppSetup.STANDARD, mode);
        List<String> done = new ArrayList<>();
        String outcome = "failed";
        boolean quiet = false;
        try (GuardLogCapture log = GuardLogCapture.attach(); RunningServer server = container.start(deployment)) {
            RawRequest request = RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo").inContext(server.contextPath());
            try (RawResponse response = RawHttp.exchange(server.port(), request)) {
                assertEquals(101, response.status(), () -> "no upgrade:\n" + response + "\nwsguard log:" + log.describe());
                assertEquals("websocket", response.header("Upgrade").orElse("").toLowerCase(Locale.ROOT), response::head);
                assertEquals(RawRequest.SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept").orElse(null),
                        response::head);
                outcome = response.statusLine().replaceAll("\\s+$", "");
                for (String text : new String[] {"hello wsguard", "x".repeat(300)}) {
                    WebSocketFrames.sendText(response.upgradedOutput(), text);
                    WebSocketFrames.Frame frame = WebSocketFrames.read(response.upgradedInput());
                    assertEquals(WebSocketFrames.OPCODE_TEXT, frame.opcode(), "opcode of the echoed frame");
                    assertEquals(text, frame.text(), "echoed text");
                    done.add(text.length() + " chars");
                }
                WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
                assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(response.upgradedInput()).opcode(),
                        "server answers the close handshake");
                done.add("close");
            }
            if (mode == GuardMode.LOG || mode == GuardMode.ENFORCE) {
                log.assertNoRequestLineBefore(Marker.at(server.port(), server.contextPath()), 0);
            }
            quiet = true;
        } finally {
            // Worded as the embedded suites word theirs, so the document reads the same for every container.
            boolean echoed = done.size() == 3;
            String got = !echoed ? "FAILED after " + done : outcome + ", echo of " + done.get(0) + " and "
                    + done.get(1) + ", close answered" + (quiet ? "" : ", but wsguard logged an incident");
            results.add(new CaseResult(Section.JAVAX.name(), container.resultLabel(), VALID_UPGRADE,
                    mode == null ? "without wsguard" : mode.toString(), got, List.of(), List.of(), echoed && quiet, "",
                    Map.of()));
        }
    }

    /**
     * S5 on javax: the startup line and the request's line name the javax ServerContainer and this container's javax
     * WebSocket support, not the jakarta names the same source writes in wsguard-filter.
     */
    @Test
    void noWebSocketSupportNamesTheJavaxApi() throws Exception {
        Scenario s5 = ScenarioCatalogue.rows().stream().filter(r -> r.id().equals("S5")).findFirst().orElseThrow();
        Observation observed = Observation.observe(container, s5.guardedDeployment(GuardMode.LOG), s5.request(), true,
                Set.of("WSG00", "WSG10", "WSG01"));
        String wsg10 = String.join("\n", observed.startupLines("WSG10"));
        String wsg01 = String.join("\n", observed.requestLines());
        assertTrue(wsg10.contains("No javax.websocket.server.ServerContainer in context /app"), wsg10);
        assertTrue(wsg10.contains(javaxWebSocketFix()), () -> "expected '" + javaxWebSocketFix() + "' in\n" + wsg10);
        assertTrue(wsg01.contains("(no javax.websocket.server.ServerContainer; see WSG10)"), wsg01);
        for (String line : observed.log()) {
            assertTrue(!line.contains("jakarta"), () -> "a javax line names jakarta: " + line);
        }
    }

    /** How this container's own javax WebSocket support is switched on, as wsguard's fix must word it. */
    abstract String javaxWebSocketFix();
}
