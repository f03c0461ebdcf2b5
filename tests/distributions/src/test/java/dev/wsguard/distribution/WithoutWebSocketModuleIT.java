package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Set-up d: a base without ee10-websocket-jakarta (wsguard container-wide, the no-wsguard WAR as built),
 * the mistake wsguard names at startup. This base is the one a user already has (made with
 * {@code start.jar --add-modules}), given wsguard by the steps of jetty-config/README.md, and
 * console-capture, so the log a Jetty user reads is logs/yyyy_mm_dd.jetty.log: the lines are read
 * from there.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WithoutWebSocketModuleIT {

    private JettyServer server;
    private Scenarios scenarios;

    @BeforeAll
    void start() throws Exception {
        JettyBase base = JettyBase.existing("d-without-websocket-module", "http", "ee10-deploy", "ee10-annotations")
                .installWsguardAsTheReadmeSays()
                .addModules("console-capture");
        base.deployWar("sample", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        server = JettyServer.start(base, true);
        scenarios = new Scenarios(server, true);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(0)
    void startupReportsWsg10() throws Exception {
        Diagnosis wsg10 = server.log().awaitDiagnosis("WSG10", d -> d.mentions("context /sample"), Scenarios.REPORT_TIMEOUT);
        assertNotNull(wsg10, () -> "no WSG10 for /sample; log:\n" + server.log().text());
        assertTrue(wsg10.mentions("ee10-websocket-jakarta"), () -> "WSG10 should name the module to enable: " + wsg10);
        scenarios.awaitStartupReports("/sample");
        Diagnosis report = server.log().diagnoses("WSG00").get(0);
        assertTrue(report.mentions("WebSocket container: none"), () -> report.raw());
    }

    @Test
    @Order(1)
    void validUpgradeToEchoIsAnswered200AndLoggedWsg01() throws Exception {
        scenarios.upgradeToUndeployedEndpoint("/sample");
    }

    @Test
    @Order(100)
    void linesAreInLogsDirectoryOnlyOncePerIncident() throws Exception {
        scenarios.assertLogHoldsExactlyTheExpectedLines(List.of("/sample"), Duration.ofMillis(500), "WSG10");
        assertFalse(server.consoleText().contains("dev.wsguard"), () -> "console-capture should take every line off the console:\n"
                + server.consoleText());
    }
}
