package dev.wsguard.it;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.it.client.Header;
import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.containers.Deployment;
import dev.wsguard.it.scenarios.Guard;
import dev.wsguard.it.scenarios.GuardMode;
import dev.wsguard.it.scenarios.Observation;
import dev.wsguard.it.scenarios.Scenario;
import dev.wsguard.it.scenarios.ScenarioCatalogue;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * "log: diagnose and log, never change a response": each row is sent once to the app alone and once
 * with wsguard in log mode, and the two answers must be byte-for-byte the same apart from {@code Date}
 * (and the server's own {@code host:port}, which differs between the two servers): status line, every
 * header in order with its case, and the body.
 */
class LogModeDifferentialTest {

    static Stream<Arguments> cases() {
        return Stream.of(ContainerKind.values()).flatMap(container -> ScenarioCatalogue.rows().stream()
                .map(row -> Arguments.of(container, row)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("cases")
    void logModeLeavesTheAnswerAlone(ContainerKind container, Scenario row) throws Exception {
        Observation alone = Observation.observe(container, Deployment.of(row.setup()), row.request(), Set.of(),
                Duration.ZERO);
        Observation guarded = Observation.observe(container,
                Guard.deployment(row.setup(), GuardMode.LOG, row.extraGuardParams()), row.request(), Set.of(),
                Duration.ZERO);
        String context = row.id() + " on " + container + "\nwithout wsguard:\n" + alone.response()
                + "\nwith wsguard (log):\n" + guarded.response() + "\nwsguard log:" + guarded.logText();
        assertAll(
                () -> assertEquals(alone.response().statusLine(), guarded.response().statusLine(),
                        () -> "status line differs. " + context),
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
}
