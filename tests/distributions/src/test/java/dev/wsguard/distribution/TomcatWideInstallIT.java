package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.suite.scenarios.ScenarioCatalogue;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Tomcat-wide install of tomcat-config/README.md on Tomcat 11, followed step by step: the README's command puts
 * the jar in $CATALINA_BASE/lib/, the committed snippet is pasted into conf/web.xml and its server-wide mode set to
 * enforce, as the README says. Webapps:
 * <ul>
 * <li>/sample: the no-wsguard WAR as built, byte for byte: the server-wide filter and mode (enforce);</li>
 * <li>/echo-only (the S4 fixture), no wsguard of its own: enforce;</li>
 * <li>/plain, no wsguard of its own but a context-param {@code wsguard.mode=log}, which wins; its own filter
 * answers /filtered/* before the server-wide wsguard can see it (Tomcat appends conf/web.xml's filter mappings to
 * the webapp's own);</li>
 * <li>/own-wsguard: the sample WAR as built, with its own wsguard named like the server's (so it replaces it) and
 * {@code wsguard.mode=log};</li>
 * <li>/renamed: the sample with its own filter named otherwise: two filters, the webapp's first, the server's
 * stepping aside.</li>
 * </ul>
 * Every context is reported once with the mode that precedence gives, and every request is logged once.
 */
class TomcatWideInstallIT extends SampleSetUp<TomcatServer> {

    private static final List<String> GUARDED = List.of("/sample", "/echo-only", "/plain", "/own-wsguard", "/renamed");

    @Override
    protected TomcatServer startServer() throws Exception {
        TomcatBase base = TomcatBase.makebase("tomcat-11-tomcat-wide", TomcatBase.Line.TOMCAT_11)
                .installJarAsTheReadmeSays()
                .pasteWebXmlSnippet(GuardMode.ENFORCE.paramValue());
        base.deployWar("sample", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        servletAtRoot = WebApps.servletMappedAt(Distribution.noWsguardWar(), "/");
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), null);
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of("wsguard.mode", GuardMode.LOG.paramValue()), null);
        base.deployWar("own-wsguard", Distribution.sampleWar());
        base.deployWar("renamed", WebApps.sampleWithFilterRenamed(base.setupDir().resolve("renamed.war"), "app-wsguard"));
        return TomcatServer.start(base);
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    /** conf/web.xml's context-param, edited to enforce. */
    @Override
    public GuardMode sampleMode() {
        return GuardMode.ENFORCE;
    }

    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.ENFORCE;
    }

    /** Its own context-param. */
    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    @Test
    void webappsAreTheBuiltWarsByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.noWsguardWar()), JettyBase.sha256(server.base().deployedWar("sample")));
        assertEquals(JettyBase.sha256(Distribution.sampleWar()), JettyBase.sha256(server.base().deployedWar("own-wsguard")));
    }

    /**
     * Precedence: a webapp's own context-param (and its own filter's settings) over conf/web.xml's context-param,
     * which reaches every webapp that sets none. One WSG00 per context, in catalina.DATE.log and on the console.
     */
    @Test
    void eachContextIsReportedOnceWithTheModePrecedenceGives() throws Exception {
        assertEquals(Map.of("/sample", "enforce", "/echo-only", "enforce", "/plain", "log", "/own-wsguard", "log",
                        "/renamed", "log"),
                replay.awaitStartupReports(GUARDED.toArray(String[]::new)));
        assertOneStartupReportPerContext(GUARDED);
        Diagnosis report = server.log().diagnoses("WSG00").get(0);
        assertTrue(server.consoleText().contains(report.raw()), () -> "the console shows what catalina.DATE.log does: "
                + report.raw() + "\nconsole:\n" + server.consoleText());
    }

    /** A webapp whose own wsguard is named "wsguard" replaces the server's filter: one filter, its settings. */
    @Test
    void ownWsguardNamedLikeTheServersReplacesIt() throws Exception {
        replayOwnWsguard("/own-wsguard");
    }

    /** Under another name, the webapp's own runs first (its mappings come first) and the server's steps aside. */
    @Test
    void ownWsguardUnderAnotherNameRunsFirstAndTheServersStepsAside() throws Exception {
        replayOwnWsguard("/renamed");
    }

    private void replayOwnWsguard(String context) throws Exception {
        replay.s1ValidUpgradeIsEchoed(context);
        replay.s2MisroutedUpgrade(context, GuardMode.LOG, servletAtRoot);
        replay.s7StrippedHeaders(context, GuardMode.LOG);
        replay.s8WrongVersion(context, false, GuardMode.LOG);
        replay.s8WrongVersion(context, true, GuardMode.LOG);
    }

    /**
     * The limit of the Tomcat-wide install that tomcat-config/README.md states: Tomcat appends conf/web.xml's filter
     * mappings after the webapp's own, so an upgrade that a filter of the webapp answers itself never reaches
     * wsguard. Proven by the log up to a marker: the application's 200 and no wsguard line.
     */
    @Test
    void serverWideFilterRunsAfterTheWebappsOwnFilters() throws Exception {
        int mark = server.log().mark();
        String target = "/plain/filtered/chat";
        try (RawResponse r = RawHttp.exchange(server.port(), ScenarioCatalogue.row("S2").request().withTarget(target))) {
            assertEquals(200, r.status(), () -> target + ": " + r);
            assertEquals("answered by the application's filter\n", r.bodyText());
        }
        List<Diagnosis> lines = server.log().diagnosesBefore(Marker.at(server.port(), "/plain"), mark,
                CatalogueReplay.LINE_TIMEOUT);
        assertEquals(List.of(), lines, () -> "the webapp's own filter answers before the server-wide wsguard; log:\n"
                + server.log().text());
    }
}
