package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The probe against the suite's real apps on embedded Jetty 12.1 and Tomcat 11, wsguard in front in log mode. */
class ContainerProbeTest {

    static Stream<ContainerKind> containers() {
        return Stream.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11);
    }

    private static String url(RunningServer server, String path) {
        return "ws://" + server.authority() + server.contextPath() + path;
    }

    @ParameterizedTest
    @MethodSource("containers")
    void aWorkingEndpointExits0AndEchoes(ContainerKind container) throws Exception {
        try (RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG))) {
            ProbeRun run = ProbeRun.of("--send", "hello probe", url(server, "/echo")).assertNoControlCharacters();
            assertEquals(0, run.exit(), run::toString);
            assertTrue(run.out().contains("works: 101"), run::toString);
            assertTrue(run.out().contains("'hello probe'"), run::toString);
            ProbeRun json = ProbeRun.of("--json", "--send", "x", url(server, "/echo"));
            assertEquals(0, json.exit(), json::toString);
            assertTrue(json.out().contains("\"verdict\":\"works\""), json::toString);
            assertTrue(json.out().contains("\"accept\":\"ok\""), json::toString);
            assertTrue(json.out().contains("\"echo\":\"x\""), json::toString);
        }
    }

    @ParameterizedTest
    @MethodSource("containers")
    void aTypoExits2WithWsg01AndTheVariantsTried(ContainerKind container) throws Exception {
        try (RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG))) {
            ProbeRun run = ProbeRun.of(url(server, "/ecco")).assertNoControlCharacters();
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG01 misrouted: 200"), run::toString);
            assertTrue(run.out().contains("text starting 'plain servlet says hello'"), run::toString);
            assertTrue(run.out().contains(url(server, "/ecco/") + " 200 (WSG01)"), run::toString);
            assertTrue(run.out().contains("none answered 101"), run::toString);
        }
    }

    /**
     * Tomcat only: Jetty's WebSocket upgrade filter runs before the app's filters, so on Jetty the login filter never
     * sees the handshake and /secure/echo answers 101 (which the probe reports as working).
     */
    @Test
    void aLoginRedirectExits3WithItsLocation() throws Exception {
        try (RunningServer server = ContainerKind.TOMCAT_11.newAdapter()
                .start(Guard.deployment(AppSetup.SECURED, GuardMode.LOG))) {
            ProbeRun run = ProbeRun.of(url(server, "/secure/echo")).assertNoControlCharacters();
            assertEquals(3, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG07 refused: 302"), run::toString);
            assertTrue(run.out().matches("(?s).*\\n  location +" + server.contextPath() + "/login\\n.*"), run::toString);
            assertTrue(run.out().contains(url(server, "/login") + " 200 (WSG01)"), run::toString);
            assertTrue(run.out().contains("redirected to a login page"), run::toString);
        }
    }
}
