package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.springboot.BootRows.BootRow;
import dev.wsguard.suite.report.BootKind;
import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.suite.scenarios.Checks;
import dev.wsguard.suite.scenarios.ContainerAnswer;
import dev.wsguard.suite.scenarios.Expectation;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.suite.scenarios.Observation;
import dev.wsguard.suite.scenarios.ResultTable;
import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.server.WorkDirs;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.SpringBootVersion;

/**
 * The scenario catalogue (docs/scenarios.md) on the Boot test application, as every embedded container runs it
 * ({@code ScenarioContract}): each row that fits the application ({@link BootRows}) over a raw socket, without wsguard
 * ({@code --wsguard.enabled=false}: the application's own answer, as recorded), and with the starter in {@code log} and
 * {@code enforce} mode (exact status, the headers that identify the answer, wsguard's own answers, exactly the codes
 * logged, read up to a marker, and what each line must say). One application per mode (and per extra wsguard
 * property a row sets, {@code plain-requests=reject}), shared by the rows; wsguard's log window is one second there,
 * and a row waits it out for a path the one before it hit, as the shared GlassFish deployments do.
 *
 * <p>Writes {@code target/compat/<boot-kind>-catalogue.json} for docs/compatibility.md: the Boot and container versions
 * run, each row's answer in each mode, and the rows that do not run here with why.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StarterScenarioCatalogueTest {

    /** The log window the shared applications run with, and a margin: a row waits it out for a path just hit. */
    private static final int LOG_WINDOW_SECONDS = 1;
    private static final Duration LOG_WINDOW_WAIT = Duration.ofMillis(LOG_WINDOW_SECONDS * 1000L + 150);

    private GuardLogCapture log;
    private BootKind kind;
    private String containerVersion;
    private ResultsFile results;
    private final Map<String, RunningApp> apps = new LinkedHashMap<>();
    private final ResultTable table = new ResultTable(
            "Row", "Mode", "Request", "Status", "Headers of note", "Codes logged", "Expected", "Result");

    /** One application of this class: its instance, and wsguard's startup lines (none without wsguard). */
    private record RunningApp(BootApp app, List<String> startup, Map<String, Long> lastHit) {
    }

    @BeforeAll
    void start() throws Exception {
        log = GuardLogCapture.attach();
        RunningApp alone = app(GuardMode.OFF, Map.of());
        kind = BootKinds.of(alone.app());
        containerVersion = BootKinds.containerVersion(alone.app());
        results = new ResultsFile(kind.label() + "-catalogue");
        results.add(new CaseResult(Section.CONTAINER.name(), kind.label(), "Spring Boot", kind.bootVersion(),
                kind.container() + " " + containerVersion, List.of(), List.of(),
                kind.containerVersion().equals(containerVersion) && kind.bootVersion().equals(SpringBootVersion.getVersion()),
                "", Map.of("setup", BootKind.HOW, "module", kind.module(), "server info",
                        alone.app().servletContext().getServerInfo())));
    }

    @AfterAll
    void stop() {
        apps.values().forEach(a -> a.app().close());
        if (results != null) {
            for (BootRow row : BootRows.rows()) {
                if (!row.runs()) {
                    results.add(new CaseResult(Section.NOT_RUN.name(), kind.label(), row.id(), "", "not run",
                            List.of(), List.of(), true, row.notRunReason(), Map.of("title", row.scenario().title())));
                }
            }
            results.write(WorkDirs.target());
            table.write(WorkDirs.target().resolve("boot-scenario-table.md"), "wsguard scenario catalogue on "
                    + kind.displayName(), "The catalogue's rows on the Boot test application, over raw sockets.");
        }
        if (log != null) {
            log.close();
        }
    }

    /** The application for this mode and these extra wsguard properties, started the first time it is asked for. */
    private RunningApp app(GuardMode mode, Map<String, String> extra) throws Exception {
        String key = mode + " " + extra;
        RunningApp running = apps.get(key);
        if (running != null) {
            return running;
        }
        List<String> args = new ArrayList<>();
        if (mode == GuardMode.OFF) {
            args.add("--wsguard.enabled=false");
        } else {
            args.add("--wsguard.mode=" + mode.paramValue());
            args.add("--wsguard.log-window=" + LOG_WINDOW_SECONDS);
            extra.forEach((name, value) -> args.add("--wsguard." + name + "=" + value));
        }
        int mark = log.mark();
        BootApp app = BootApp.start(null, List.of(), args.toArray(new String[0]));
        List<String> startup = List.of();
        if (mode != GuardMode.OFF) {
            assertTrue(log.awaitCodesSince(mark, Set.of("WSG00")), "no WSG00 from the starter:" + log.describe());
            startup = log.messagesSince(mark).stream()
                    .filter(GuardLogCapture::isStartupLine)
                    .collect(Collectors.toList());
        }
        running = new RunningApp(app, startup, new LinkedHashMap<>());
        apps.put(key, running);
        return running;
    }

    Stream<Arguments> cases() {
        return BootRows.rows().stream().filter(BootRow::runs)
                .flatMap(row -> Stream.of(GuardMode.OFF, GuardMode.LOG, GuardMode.ENFORCE).map(m -> Arguments.of(row, m)));
    }

    @Test
    void runsTheBootAndContainerVersionsItClaims() {
        assertEquals(kind.bootVersion(), SpringBootVersion.getVersion(), kind.module() + ": Spring Boot");
        assertEquals(kind.containerVersion(), containerVersion, () -> kind.module() + " must run " + kind.container()
                + " " + kind.containerVersion() + " (its Boot BOM's); check its pom (a managed version may have won)");
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void rowOnTheBootApp(BootRow row, GuardMode mode) throws Exception {
        RunningApp running = app(mode, mode == GuardMode.OFF ? Map.of() : row.scenario().extraGuardParams());
        ContainerAnswer answer = row.answer(kind);
        Expectation expected = answer == null || mode == GuardMode.OFF ? null
                : row.scenario().expect(answer, true, mode, row.lineSays());
        Set<String> awaited = new LinkedHashSet<>(Set.of("WSG00"));
        if (expected != null && expected.requestCode() != null) {
            awaited.add(expected.requestCode());
        }
        waitOutTheLogWindow(running, row.request(), mode);
        int mark = log.mark();
        Observation observed = Observation.exchange(running.app().port(), "", row.request(), log, mark,
                running.startup(), mode != GuardMode.OFF, awaited);
        // From now: the window of this request's line opened while it was answered (after a 101, once the echo is
        // done on Undertow), so the next row to this path waits from here, not from when this one was sent.
        running.lastHit().put(pathOf(row.request()), System.nanoTime());
        if (answer == null) {
            throw new AssertionError(row.id() + " records no Boot answer for " + kind + " (" + mode + "); observed "
                    + row.request().method() + " " + row.request().target() + ":\n" + observed.response()
                    + "\nnormalised headers: " + observed.normalisedHeaders() + "\nwsguard log:" + observed.logText());
        }
        // With wsguard disabled nothing here watches the filters, so whether a request reaches them is proved in
        // log and enforce mode, where wsguard is the first filter and logs what it is given.
        List<String> problems = mode == GuardMode.OFF ? Checks.against(answer, observed, answer.reachesFirstFilter())
                : Checks.against(expected, observed);
        if (mode == GuardMode.OFF && !observed.log().isEmpty()) {
            problems.add("wsguard is disabled, yet logged: " + observed.log());
        }
        // Checks counts a code seen only in a window's summary line ("WSG04 repeated 1 more time"): the row's own
        // line must be there in full.
        if (expected != null && expected.requestCode() != null && observed.requestLines().stream()
                .noneMatch(line -> expected.requestCode().equals(GuardLogCapture.codeOf(line)))) {
            problems.add("no full " + expected.requestCode() + " line for this request (a summary at most): "
                    + observed.log());
        }
        String summary = expected == null ? answer.status() + " (application)" : expected.summary();
        table.add(ResultTable.rowSortKey(row.id()) + mode, row.id(), mode.toString(),
                row.request().method() + " " + row.request().target(), observed.response().statusLine(),
                headersOfNote(observed), String.join(", ", observed.codes()), summary,
                problems.isEmpty() ? "pass" : "FAIL: " + String.join("; ", problems));
        List<String> lines = new ArrayList<>();
        if (mode != GuardMode.OFF) {
            row.scenario().startupCodes().stream().sorted().forEach(code -> lines.addAll(observed.startupLines(code)));
            lines.addAll(observed.requestLines());
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("title", row.scenario().title());
        details.put("request", row.request().method() + " " + row.request().target());
        details.put("expected", summary);
        details.put("headers", headersOfNote(observed));
        results.add(new CaseResult(mode == GuardMode.OFF ? Section.BASELINE.name() : Section.CATALOGUE.name(),
                kind.label(), row.id(), mode == GuardMode.OFF ? "without wsguard" : mode.toString(), outcome(observed),
                mode == GuardMode.OFF ? List.of() : new ArrayList<>(observed.codes()), lines, problems.isEmpty(),
                note(row, answer, mode), details));
        assertTrue(problems.isEmpty(), () -> Checks.report(row.id() + " (" + row.scenario().title() + ") on " + kind
                + " in " + mode + " mode, " + row.request().method() + " " + row.request().target() + ", expected "
                + summary, problems, observed));
    }

    /** The row's difference from docs/scenarios.md, and in enforce mode what the container does to wsguard's answer. */
    private static String note(BootRow row, ContainerAnswer answer, GuardMode mode) {
        if (mode == GuardMode.ENFORCE && !answer.guardAnswerNote().isEmpty()) {
            return (row.note().isEmpty() ? "" : row.note() + " ") + answer.guardAnswerNote();
        }
        return row.note();
    }

    /** Waits until wsguard's window for this path has passed, if a row just hit it, so its line is logged whole. */
    private static void waitOutTheLogWindow(RunningApp running, RawRequest request, GuardMode mode)
            throws InterruptedException {
        if (mode == GuardMode.OFF) {
            return;
        }
        Long last = running.lastHit().get(pathOf(request));
        if (last != null) {
            long waitNanos = last + LOG_WINDOW_WAIT.toNanos() - System.nanoTime();
            if (waitNanos > 0) {
                Thread.sleep(waitNanos / 1_000_000L + 1);
            }
        }
    }

    private static String pathOf(RawRequest request) {
        return request.target().replaceFirst("[?#].*$", "");
    }

    private static String outcome(Observation observed) {
        String code = observed.response().header("WSGuard-Code").orElse(null);
        return observed.status() + (code == null ? "" : " WSGuard-Code: " + code);
    }

    private static String headersOfNote(Observation observed) {
        return observed.normalisedHeaders().stream()
                .filter(h -> ResultTable.isHeaderOfNote(h.name()))
                .map(Header::toString)
                .collect(Collectors.joining("<br>"));
    }
}
