package dev.wsguard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.containers.WorkDirs;
import dev.wsguard.it.logging.GuardLogCapture;
import dev.wsguard.it.scenarios.Checks;
import dev.wsguard.it.scenarios.Expectation;
import dev.wsguard.it.scenarios.GuardMode;
import dev.wsguard.it.scenarios.Observation;
import dev.wsguard.it.scenarios.ResultTable;
import dev.wsguard.it.scenarios.Scenario;
import dev.wsguard.it.scenarios.ScenarioCatalogue;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every catalogue row on every container in log and enforce mode, each on a fresh server (wsguard
 * rate-limits repeats of a (code, path) pair, so no filter instance is reused): exact status, the
 * headers that must be there (and wsguard's header absent when it must not answer), the body of its own
 * answers, and exactly the codes it must log. Writes {@code target/scenario-table.md}.
 */
class ScenarioCatalogueTest {

    private static final ResultTable TABLE = new ResultTable(
            "Row", "Container", "Mode", "Status", "Headers of note", "Codes logged", "Expected", "Result");

    static Stream<Arguments> cases() {
        return Stream.of(ContainerKind.values()).flatMap(container -> ScenarioCatalogue.rows().stream()
                .flatMap(row -> Stream.of(GuardMode.LOG, GuardMode.ENFORCE)
                        .map(mode -> Arguments.of(container, row, mode))));
    }

    @ParameterizedTest(name = "{0} {1} {2}")
    @MethodSource("cases")
    void rowBehavesAsCatalogued(ContainerKind container, Scenario row, GuardMode mode) throws Exception {
        Expectation expected = row.expect(container, mode);
        Set<String> awaited = new LinkedHashSet<>(expected.startupCodes());
        if (expected.requestCode() != null) {
            awaited.add(expected.requestCode());
        }
        Observation observed = Observation.observe(container, row.guardedDeployment(mode), row.request(), awaited,
                GuardLogCapture.ABSENCE_GRACE);
        List<String> problems = Checks.against(expected, observed);
        TABLE.add(ResultTable.rowSortKey(row.id()) + container + mode, row.id(), container.label(), mode.toString(),
                observed.response().statusLine(), ResultTable.headersOfNote(observed.response()),
                String.join(", ", observed.codes()), expected.summary(),
                problems.isEmpty() ? "pass" : "FAIL: " + String.join("; ", problems));
        assertTrue(problems.isEmpty(), () -> Checks.report(row.id() + " (" + row.title() + ") on " + container
                + " in " + mode + " mode, expected " + expected.summary(), problems, observed));
    }

    @AfterAll
    static void writeTable() {
        TABLE.write(WorkDirs.target().resolve("scenario-table.md"), "wsguard scenario catalogue",
                "Rows S1-S16 of SCENARIOS.md, each on a fresh embedded server with wsguard first on /*,"
                        + " observed over raw sockets. \"Codes logged\" includes the startup codes.");
    }
}
