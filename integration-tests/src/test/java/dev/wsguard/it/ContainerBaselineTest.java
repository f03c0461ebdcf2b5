package dev.wsguard.it;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.it.app.ReachProbeFilter;
import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.containers.Deployment;
import dev.wsguard.it.containers.FilterSpec;
import dev.wsguard.it.containers.WorkDirs;
import dev.wsguard.it.scenarios.Checks;
import dev.wsguard.it.scenarios.ContainerAnswer;
import dev.wsguard.it.scenarios.Observation;
import dev.wsguard.it.scenarios.ResultTable;
import dev.wsguard.it.scenarios.Scenario;
import dev.wsguard.it.scenarios.ScenarioCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The containers on their own, without wsguard: every catalogue row's recorded container answer is
 * checked against the real container, including whether a filter in wsguard's place (first, {@code /*})
 * is given the request at all. This keeps the catalogue's "container answer" column true, and fails
 * first when a container upgrade changes behaviour, before any wsguard expectation is blamed.
 */
class ContainerBaselineTest {

    private static final ResultTable TABLE = new ResultTable(
            "Row", "Container", "Status", "Headers of note", "First filter given the request", "Note", "Result");

    static Stream<Arguments> cases() {
        return Stream.of(ContainerKind.values()).flatMap(container -> ScenarioCatalogue.rows().stream()
                .map(row -> Arguments.of(container, row)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void containerAnswersAsCatalogued(ContainerKind container, Scenario row) throws Exception {
        ContainerAnswer expected = row.answer(container);
        String probeId = UUID.randomUUID().toString();
        FilterSpec probe = new FilterSpec("reach-probe", ReachProbeFilter.class,
                Map.of(ReachProbeFilter.PROBE_ID_PARAM, probeId), "/*");
        Observation observed;
        List<String> seen;
        try {
            observed = Observation.observe(container, Deployment.of(row.setup(), probe), row.request(), Set.of(),
                    Duration.ZERO);
            seen = ReachProbeFilter.seen(probeId);
        } finally {
            ReachProbeFilter.forget(probeId);
        }
        List<String> problems = Checks.against(expected, observed, !seen.isEmpty());
        TABLE.add(ResultTable.rowSortKey(row.id()) + container, row.id(), container.label(),
                observed.response().statusLine(), ResultTable.headersOfNote(observed.response()),
                seen.isEmpty() ? "no" : "yes", expected.differenceFromScenariosMd(),
                problems.isEmpty() ? "as catalogued" : "DIFFERS: " + String.join("; ", problems));
        assertTrue(problems.isEmpty(), () -> Checks.report(row.id() + " on " + container + " without wsguard",
                problems, observed));
    }

    @AfterAll
    static void writeTable() {
        TABLE.write(WorkDirs.target().resolve("container-baseline.md"), "Container answers without wsguard",
                "What each container answers to each catalogue row on its own, observed over raw sockets"
                        + " (a pass-through probe filter sits where wsguard would be).");
    }
}
