package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Set-up d: a base without ee10-websocket-jakarta (wsguard container-wide, the no-wsguard WAR as built),
 * the mistake wsguard names at startup. This base is the one a user already has (made with
 * {@code start.jar --add-modules}), given wsguard and its request log (module wsguard-request-log) by the steps of
 * jetty-config/README.md, and console-capture, so the log a Jetty user reads is logs/yyyy_mm_dd.jetty.log: the lines
 * are read from there.
 */
class WithoutWebSocketModuleIT extends DistributionSetUp<JettyServer> {

    @Override
    protected JettyServer startServer() throws Exception {
        JettyBase base = JettyBase.existing("d-without-websocket-module", "http", "ee10-deploy", "ee10-annotations")
                .installWsguardAsTheReadmeSays()
                .installRequestLogAsTheReadmeSays()
                .addModules("console-capture");
        base.deployWar("sample", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        // The log a Jetty user reads here is the file console-capture writes under logs/.
        return JettyServer.start(base, true);
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    @Test
    void startupReportsWsg10() throws Exception {
        Diagnosis wsg10 = server.log().awaitDiagnosis("WSG10", d -> d.mentions("context /sample"),
                CatalogueReplay.REPORT_TIMEOUT);
        assertNotNull(wsg10, () -> "no WSG10 for /sample; log:\n" + server.log().text());
        assertTrue(wsg10.mentions("ee10-websocket-jakarta"), () -> "WSG10 should name the module to enable: " + wsg10);
        assertOneStartupReportPerContext(List.of("/sample"));
        Diagnosis report = server.log().diagnoses("WSG00").get(0);
        assertTrue(report.mentions("WebSocket container: none"), () -> report.raw());
    }

    /** S6d: Jetty 12.0's connector refuses an Upgrade without Connection before any filter; the request log reports it. */
    @Test
    void anUpgradeWithoutConnectionIsRefusedAtTheConnectorAndReportedByTheRequestLog() throws Exception {
        replay.refusedBeforeAnyFilter("S6d", "/sample", GuardMode.LOG);
    }

    @Test
    void validUpgradeToEchoIsAnswered200AndLoggedWsg01InTheLogsDirectoryOnly() throws Exception {
        replay.upgradeToUndeployedEndpoint("/sample", GuardMode.LOG);
        assertFalse(server.consoleText().contains("dev.wsguard"),
                () -> "console-capture should take every line off the console:\n" + server.consoleText());
    }
}
