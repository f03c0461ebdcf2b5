package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One Tomcat line as its users run it with wsguard inside their webapps (the README's install): a base from
 * {@code makebase.sh}, started with {@code catalina.sh run}, every webapp in webapps/ or conf/Catalina/localhost/,
 * one server start for all of them:
 * <ul>
 * <li>/sample: the sample WAR as built, dropped into webapps/ (wsguard in WEB-INF/lib and web.xml, log mode);</li>
 * <li>/sample-without-wsguard: the no-wsguard WAR as built, for the log-mode differential;</li>
 * <li>/sample-enforce: the sample WAR as built again, deployed by a context descriptor whose
 * {@code <Parameter name="wsguard.mode" value="enforce" override="false"/>} replaces the WAR's context-param, so that
 * enforce mode's answers are replayed on the real server too;</li>
 * <li>/echo-only (the S4 fixture) and /plain (no endpoints, an application filter at /filtered/*), exploded, each
 * with its own wsguard.</li>
 * </ul>
 * After the other tests, /sample is redeployed by replacing its WAR (Tomcat's autoDeploy) and must come back clean.
 */
abstract class TomcatSetUp extends SampleSetUp<TomcatServer> implements LogModeDifferential, Redeploys {

    private static final List<String> GUARDED = List.of("/sample", "/sample-enforce", "/echo-only", "/plain");

    private final String name;
    private final TomcatBase.Line line;

    TomcatSetUp(String name, TomcatBase.Line line) {
        this.name = name;
        this.line = line;
    }

    @Override
    protected TomcatServer startServer() throws Exception {
        TomcatBase base = TomcatBase.makebase(name, line);
        base.deployWar("sample", Distribution.sampleWar());
        base.deployWar("sample-without-wsguard", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        base.deployWarWithParameter("sample-enforce", Distribution.sampleWar(), "wsguard.mode", "enforce");
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), Map.of());
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of());
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        return TomcatServer.start(base);
    }

    /** Tomcat's OneLineFormatter (conf/logging.properties) writes each record on one line. */
    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    /** The sample's own context-param says log. */
    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    /** The fixtures' own filters set nothing, so wsguard's default applies. */
    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    @Test
    void sampleIsTheBuiltWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.sampleWar()), JettyBase.sha256(server.base().deployedWar("sample")));
    }

    @Test
    void eachGuardedContextReportsItsStartupOnceWithItsMode() throws Exception {
        assertEquals(Map.of("/sample", "log", "/sample-enforce", "enforce", "/echo-only", "log", "/plain", "log"),
                replay.awaitStartupReports(GUARDED.toArray(String[]::new)));
        assertOneStartupReportPerContext(GUARDED);
    }

    @Test
    void wsguardDeclaredFirstRunsBeforeTheWebappsOwnFilters() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", GuardMode.LOG);
    }

    /**
     * Tomcat's format prints each record's source: a request's line names the filter's doFilter, a startup line its
     * init, also where wsguard's own thread wrote it (issue 17: every record said doFilter).
     */
    @Test
    void eachRecordNamesTheFilterMethodItComesFrom() throws Exception {
        replay.awaitStartupReports(GUARDED.toArray(String[]::new));
        ServerLog.Diagnosis misrouted = replay.misroutedUpgrade("/sample", "/source-method", GuardMode.LOG);
        assertTrue(misrouted.raw().contains(" dev.wsguard.WebSocketGuardFilter.doFilter WSG01 "), misrouted::raw);
        List<ServerLog.Diagnosis> reports = server.log().diagnoses("WSG00");
        assertFalse(reports.isEmpty());
        for (ServerLog.Diagnosis report : reports) {
            assertTrue(report.raw().contains(" dev.wsguard.WebSocketGuardFilter.init WSG00 "), report::raw);
        }
    }

    // The sample in enforce mode, by Tomcat's <Parameter>: wsguard's own answers, on the real server.

    @Test
    void enforceS1ValidUpgradeGets101AndEcho() throws Exception {
        replay.s1ValidUpgradeIsEchoed("/sample-enforce");
    }

    @Test
    void enforceS2MisroutedUpgradeIsAnswered400AndLoggedOnce() throws Exception {
        replay.s2MisroutedUpgrade("/sample-enforce", GuardMode.ENFORCE, servletAtRoot);
    }

    @Test
    void enforceS7StrippedHeadersAreAnswered426AndLoggedOnce() throws Exception {
        replay.s7StrippedHeaders("/sample-enforce", GuardMode.ENFORCE);
    }

    @Test
    void enforceS8WrongOrMissingVersionIsAnswered426AndLoggedOnce() throws Exception {
        replay.s8WrongVersion("/sample-enforce", false, GuardMode.ENFORCE);
        replay.s8WrongVersion("/sample-enforce", true, GuardMode.ENFORCE);
    }
}
