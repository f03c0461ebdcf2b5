package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Jetty 12.1, set-up a: one server deploying into both of its Jakarta EE 10/11 environments, from a base a user
 * already has ({@code start.jar --add-modules}) given wsguard by the commands of jetty-config/README.md:
 * <ul>
 * <li>ee10, the module {@code wsguard-ee10} as committed ({@code wsguard.mode=log}): the sample-webapp build's
 * no-wsguard WAR as built at /sample, the S4 fixture (/echo-only) and a plain webapp (/plain);</li>
 * <li>ee11, no module: the sample WAR as built (its own wsguard in web.xml, log mode) at /sample-ee11, and the same
 * app without wsguard at /sample-ee11-without-wsguard, for the log-mode differential;</li>
 * <li>the module {@code wsguard-request-log}, for the handshakes Jetty refuses before any filter, beside Jetty's own
 * request log (module {@code requestlog}).</li>
 * </ul>
 * Hot deployment is on ({@code jetty.deploy.scanInterval=1}), and /sample, which only the module guards, is
 * redeployed last: Jetty 12.1.5 does not apply environments/*.xml to a webapp it redeploys, which the module works
 * around (etc/wsguard-ee10.xml).
 */
class Jetty121LogModeIT extends SampleSetUp<JettyServer> implements LogModeDifferential, Redeploys {

    private static final List<String> GUARDED = List.of("/sample", "/echo-only", "/plain", "/sample-ee11");

    @Override
    protected JettyServer startServer() throws Exception {
        JettyBase base = JettyBase.existing(JettyHome.jetty121(), "jetty-12.1-a-log", "http", "requestlog",
                        "ee10-deploy", "ee10-annotations", "ee10-websocket-jakarta",
                        "ee11-deploy", "ee11-annotations", "ee11-websocket-jakarta")
                .installWsguardAsTheReadmeSays("wsguard-ee10")
                .installRequestLogAsTheReadmeSays();
        Path war = WebApps.withoutWsguard(Distribution.noWsguardWar());
        base.deployWar("sample", war).inEnvironment("sample", "ee10");
        servletAtRoot = WebApps.servletMappedAt(war, "/");
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), null);
        base.inEnvironment("echo-only", "ee10");
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        base.inEnvironment("plain", "ee10");
        base.deployWar("sample-ee11", Distribution.sampleWar()).inEnvironment("sample-ee11", "ee11");
        base.deployWar("sample-ee11-without-wsguard", war).inEnvironment("sample-ee11-without-wsguard", "ee11");
        // Hot deployment, for the redeploy at the end.
        return JettyServer.start(base.withoutWorkDirectory(), false, "jetty.deploy.scanInterval=1");
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    @Override
    public String guardedSampleContext() {
        return "/sample-ee11";
    }

    @Test
    void sampleIsTheBuiltNoWsguardWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.noWsguardWar()), JettyBase.sha256(server.base().deployedWar("sample")));
    }

    @Test
    void theModuleReachesEveryEe10WebappAndTheEe11SampleGuardsItself() throws Exception {
        assertEquals(Map.of("/sample", "log", "/echo-only", "log", "/plain", "log", "/sample-ee11", "log"),
                replay.awaitStartupReports(GUARDED.toArray(String[]::new)));
        assertOneStartupReportPerContext(GUARDED);
    }

    /** Each webapp ran in the environment it was deployed to: the startup report names that environment's container. */
    @Test
    void eachWebappRunsInItsEnvironment() throws Exception {
        replay.awaitStartupReports("/sample", "/sample-ee11");
        assertTrue(startupReport("/sample").mentions("WebSocket container: org.eclipse.jetty.ee10."),
                () -> startupReport("/sample").raw());
        assertTrue(startupReport("/sample-ee11").mentions("WebSocket container: org.eclipse.jetty.ee11."),
                () -> startupReport("/sample-ee11").raw());
    }

    /**
     * The ee11 sample guards itself in log mode: 101 and an echo, and a misrouted upgrade logged. (A path of its own:
     * the differential sends the sample rows there too, and lines are rate-limited per code and path.)
     */
    @Test
    void theEe11SampleGuardsItselfInLogMode() throws Exception {
        replay.s1ValidUpgradeIsEchoed("/sample-ee11");
        Diagnosis d = replay.misroutedUpgrade("/sample-ee11", "/echo3", GuardMode.LOG);
        assertTrue(d.mentions("Closest endpoint: /sample-ee11/echo"), d::raw);
    }

    @Test
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", GuardMode.LOG);
    }

    /** S6d: Jetty's connector refuses an Upgrade without Connection; the request log reports it, in ee10 and ee11. */
    @Test
    void anUpgradeWithoutConnectionIsRefusedAtTheConnectorAndReportedByTheRequestLog() throws Exception {
        replay.refusedBeforeAnyFilter("S6d", "/sample", GuardMode.LOG);
        replay.refusedBeforeAnyFilter("S6d", "/sample-ee11", GuardMode.LOG);
    }

    /** S9: Jetty's WebSocket upgrade filter, ahead of wsguard's, refuses a handshake without a key to /echo. */
    @Test
    void aHandshakeWithoutAKeyIsRefusedByJettysUpgradeFilterAndReportedByTheRequestLog() throws Exception {
        replay.refusedBeforeAnyFilter("S9", "/sample", GuardMode.LOG);
    }

    /**
     * wsguard's request log is added beside the server's own, not instead of it: a request both log, Jetty's access
     * line in logs/yyyy_mm_dd.request.log, wsguard's line in the console.
     */
    @Test
    void jettysOwnRequestLogKeepsLoggingBesideWsguards() throws Exception {
        String path = "/sample/echo-request-log-" + System.nanoTime();
        int mark = server.log().mark();
        try (RawResponse r = RawHttp.exchange(server.port(), RawRequest.validUpgrade(path).without("Connection"))) {
            assertEquals(400, r.status(), r::head);
        }
        assertNotNull(server.log().awaitDiagnosis(mark, "WSG03", d -> d.mentions(" " + path + " "),
                CatalogueReplay.LINE_TIMEOUT), () -> "no WSG03 for " + path + "; log:\n" + server.log().text());
        Path logs = server.base().dir().resolve("logs");
        try (ServerLog access = new ServerLog("request log", () -> newest(logs, ".request.log"), (previous, line) -> null)) {
            assertNotNull(access.awaitLine(l -> l.contains("\"GET " + path + " HTTP/1.1\" 400 "), CatalogueReplay.LINE_TIMEOUT),
                    () -> "no access line for " + path + " in " + logs + ": " + access.text());
        }
    }

    private static Path newest(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(suffix))
                    .max(Comparator.comparing(p -> p.toFile().lastModified())).orElse(null);
        } catch (IOException e) {
            return null;
        }
    }

    private Diagnosis startupReport(String context) {
        return server.log().diagnoses("WSG00").stream().filter(d -> d.mentions(" guards context " + context + " "))
                .findFirst().orElseThrow(() -> new AssertionError("no WSG00 for " + context + "; log:\n" + server.log().text()));
    }
}
