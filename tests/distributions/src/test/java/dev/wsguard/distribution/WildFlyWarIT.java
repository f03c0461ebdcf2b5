package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WildFly with wsguard installed per WAR, as the README shows for every container (the jar in WEB-INF/lib, the filter
 * in web.xml): the sample WAR as built in log mode, a copy of it in enforce mode, the same app without wsguard for
 * the differential, and the fixtures /echo-only and /plain, each with its own wsguard jar. The fixtures are no CDI
 * bean archives, where WildFly's component warnings showed. One server for all of them.
 */
class WildFlyWarIT extends SampleSetUp<WildFlyServer> implements LogModeDifferential, Redeploys {

    private static final String ENFORCED = "/sample-enforce";
    private static final List<String> GUARDED = List.of("/sample", ENFORCED, "/echo-only", "/plain");

    @Override
    protected WildFlyServer startServer() throws Exception {
        WildFlyBase base = WildFlyBase.fromDistribution("wildfly-war");
        base.deployWar("sample", Distribution.sampleWar());
        base.deployWar("sample-without-wsguard", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        base.deployWar(ENFORCED.substring(1),
                WildFlyBase.sampleInMode(base.setupDir().resolve("sample-enforce.war"), GuardMode.ENFORCE));
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), Map.of());
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of());
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        return WildFlyServer.start(base);
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    /** The fixtures' own filters set no mode, so wsguard's default applies. */
    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    /**
     * WildFly takes the filter, the sample's listeners and (before 1.0) wsguard's AsyncListener for EE components, and
     * logs a WARN for each one it cannot install (WFLYEE0007). No line of server.log at WARN or above may name
     * wsguard's classes or the sample's.
     */
    @Test
    void serverLogHoldsNoWarningAboutWsguard() {
        List<String> deployed = server.log().lines().stream().filter(l -> l.contains("WFLYSRV0010: Deployed")).toList();
        assertEquals(5, deployed.size(), () -> "every WAR deployed before this is read: " + deployed);
        assertEquals(List.of(), server.complaintsNaming("dev.wsguard", 0), () -> "server.log:\n" + server.log().text());
    }

    /** Undertow creates filters at their first request: each context's WSG00 comes then, once, in its mode. */
    @Test
    void eachGuardedWebappReportsItsStartupOnceAtItsFirstRequest() throws Exception {
        for (String context : GUARDED) {
            server.firstRequest(context);
        }
        assertEquals(Map.of("/sample", "log", ENFORCED, "enforce", "/echo-only", "log", "/plain", "log"),
                replay.awaitStartupReports(GUARDED.toArray(String[]::new)));
        assertOneStartupReportPerContext(GUARDED);
    }

    /** The startup report names WildFly and the Undertow it bundles, and the endpoints WildFly's scan gave wsguard. */
    @Test
    void startupReportNamesWildFlyAndTheScannedEndpoints() throws Exception {
        server.firstRequest("/sample");
        String report = replay.log().awaitDiagnosis("WSG00", d -> d.mentions(" guards context /sample "),
                CatalogueReplay.REPORT_TIMEOUT).message();
        assertTrue(report.contains("(WildFly " + Distribution.wildflyVersion()) && report.contains(server.undertowVersion()),
                () -> "the report should name WildFly and Undertow " + server.undertowVersion() + ": " + report);
        assertTrue(report.contains("endpoints known: 3 (/chat/{room}, /echo from annotation scan; /ticker from init-param"
                + " endpoints)"), report);
    }

    @Test
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", GuardMode.LOG);
    }

    /** The enforce copy answers the misrouted handshakes itself (WSG01 400, WSG03 426, WSG05 426) and passes S1 on. */
    @Test
    void enforceCopyAnswersBadHandshakesItself() throws Exception {
        replay.s1ValidUpgradeIsEchoed(ENFORCED);
        replay.s2MisroutedUpgrade(ENFORCED, GuardMode.ENFORCE, servletAtRoot);
        replay.s7StrippedHeaders(ENFORCED, GuardMode.ENFORCE);
        replay.s8WrongVersion(ENFORCED, false, GuardMode.ENFORCE);
        replay.s8WrongVersion(ENFORCED, true, GuardMode.ENFORCE);
    }
}
