package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.GuardMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Jetty 12.1, set-up b: the committed jetty-config/ base, switched to Jetty 12.1 as its README says (the module
 * {@code wsguard} swapped for {@code wsguard-ee11}), with ee11 added and {@code wsguard.mode=enforce}:
 * <ul>
 * <li>ee11, the module in enforce mode: the no-wsguard WAR as built at /sample, the S4 fixture, a plain webapp, and
 * one whose own context-param asks for log mode;</li>
 * <li>ee10, no module: the sample WAR as built (its own wsguard, log mode) at /sample-ee10, and the same app without
 * wsguard at /sample-ee10-without-wsguard, for the log-mode differential.</li>
 * </ul>
 * /sample is redeployed last, with hot deployment on, and must come back guarded in enforce mode.
 */
class Jetty121EnforceIT extends SampleSetUp<JettyServer> implements LogModeDifferential, Redeploys {

    private static final List<String> GUARDED = List.of("/sample", "/echo-only", "/plain", "/plain-own-mode", "/sample-ee10");

    @Override
    protected JettyServer startServer() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig(JettyHome.jetty121(), "jetty-12.1-b-enforce")
                .withFilterJar()
                .withoutModule("wsguard")
                .addModules("ee11-deploy", "ee11-annotations", "ee11-websocket-jakarta", "wsguard-ee11")
                .withModuleProperty("wsguard-ee11", "wsguard.mode", "enforce");
        Path war = WebApps.withoutWsguard(Distribution.noWsguardWar());
        base.deployWar("sample", war).inEnvironment("sample", "ee11");
        servletAtRoot = WebApps.servletMappedAt(war, "/");
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), null);
        base.inEnvironment("echo-only", "ee11");
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        base.inEnvironment("plain", "ee11");
        WebApps.plainWebapp(base.webappDirectory("plain-own-mode"), Map.of("wsguard.mode", "log"), null);
        base.inEnvironment("plain-own-mode", "ee11");
        base.deployWar("sample-ee10", Distribution.sampleWar()).inEnvironment("sample-ee10", "ee10");
        base.deployWar("sample-ee10-without-wsguard", war).inEnvironment("sample-ee10-without-wsguard", "ee10");
        // Hot deployment, for the redeploy at the end.
        return JettyServer.start(base.withoutWorkDirectory(), false, "jetty.deploy.scanInterval=1");
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    @Override
    public GuardMode sampleMode() {
        return GuardMode.ENFORCE;
    }

    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.ENFORCE;
    }

    @Override
    protected GuardMode plainMode() {
        return GuardMode.ENFORCE;
    }

    @Override
    public String guardedSampleContext() {
        return "/sample-ee10";
    }

    @Test
    void sampleIsTheBuiltNoWsguardWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.noWsguardWar()), JettyBase.sha256(server.base().deployedWar("sample")));
    }

    @Test
    void moduleModeReachesEveryEe11WebappUnlessItSetsItsOwn() throws Exception {
        assertEquals(Map.of("/sample", "enforce", "/echo-only", "enforce", "/plain", "enforce", "/plain-own-mode", "log",
                        "/sample-ee10", "log"),
                replay.awaitStartupReports(GUARDED.toArray(String[]::new)));
        assertOneStartupReportPerContext(GUARDED);
        assertTrue(server.log().diagnoses("WSG00").stream().filter(d -> d.mentions(" guards context /sample "))
                .allMatch(d -> d.mentions("WebSocket container: org.eclipse.jetty.ee11.")), () -> server.log().text());
    }

    @Test
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", GuardMode.ENFORCE);
    }

    @Test
    void webappContextParamOverridesTheModuleMode() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain-own-mode", GuardMode.LOG);
    }

    /**
     * The ee10 sample guards itself, in log mode, beside the ee11 module's enforce: 101 and an echo, a misrouted upgrade
     * logged and left alone. (A path of its own: the differential sends the sample rows there too, and lines are
     * rate-limited per code and path.)
     */
    @Test
    void theEe10SampleGuardsItselfInLogMode() throws Exception {
        replay.s1ValidUpgradeIsEchoed("/sample-ee10");
        ServerLog.Diagnosis d = replay.misroutedUpgrade("/sample-ee10", "/echo3", GuardMode.LOG);
        assertTrue(d.mentions("Closest endpoint: /sample-ee10/echo"), d::raw);
    }
}
