package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Set-up c: the module, with {@code wsguard.mode=enforce} in start.d/wsguard.ini, AND webapps that
 * declare wsguard themselves. Each request must be diagnosed once and each context reported once,
 * in both shapes this takes on Jetty: the sample WAR as built names its filter "wsguard", as the
 * module does, so web.xml refines the module's filter (one instance, mapped twice); a copy that
 * names it "app-wsguard" gets a second instance behind the module's. The webapp's own setting wins
 * over the module's: the sample's context-param {@code wsguard.mode=log}, and the plain webapp's
 * init-param {@code mode=log} on its own "wsguard" filter; the S4 fixture, whose own filter sets
 * nothing, takes the module's enforce. Two instances would each write a line (each replay reads the log up to a
 * marker); one instance mapped twice would write one line and count the second, which shows as a "repeated"
 * summary when its log window ({@code wsguard.log-window=1}) ends.
 */
class WebXmlAndContainerWideIT extends SampleSetUp<JettyServer> {

    private static final List<String> CONTEXTS = List.of("/sample", "/renamed", "/echo-only", "/plain");

    @Override
    protected JettyServer startServer() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("c-web-xml-and-container-wide")
                .withFilterJar()
                .withWsguardProperty("wsguard.mode", "enforce")
                .withWsguardProperty("wsguard.log-window", "1");
        base.deployWar("sample", Distribution.sampleWar());
        base.deployWar("renamed", WebApps.sampleWithFilterRenamed(base.setupDir().resolve("renamed.war"), "app-wsguard"));
        // Its "wsguard" filter merges with the module's, as the sample's does.
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), Map.of());
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        // Its own filter, named like the module's, asks for log; the module says enforce.
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of("mode", "log"));
        return JettyServer.start(base, false);
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    /** The sample as built, and a copy whose own filter has another name: the module's and its own. */
    @Override
    public List<String> sampleContexts() {
        return List.of("/sample", "/renamed");
    }

    /** The sample's own context-param says log, and wins over the module's enforce. */
    /** The S4 fixture's own filter sets nothing and merges with the module's: the module's enforce applies. */
    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.ENFORCE;
    }

    /** The plain webapp's own filter asks for log, and wins over the module's enforce. */
    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    @Test
    void sampleIsTheBuiltWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.sampleWar()), JettyBase.sha256(server.base().deployedWar("sample")));
    }

    @Test
    void eachContextIsReportedOnceWithTheModeItsOwnSettingsGive() throws Exception {
        assertEquals(Map.of("/sample", "log", "/renamed", "log", "/echo-only", "enforce", "/plain", "log"),
                replay.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
        assertOneStartupReportPerContext(CONTEXTS);
    }

    @Test
    void webappsOwnInitParamsApplyToTheMergedFilterAndTheUpgradeIsDiagnosedOnce() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", GuardMode.LOG);
    }

    /**
     * The merged filter (one instance mapped twice) must not diagnose a request twice: that would be counted and
     * summarized as "repeated" when the 1 s window ends. A control request sent twice is such a repeat: once its
     * summary is written, the windows of every request before it have ended too, and a second control, whose
     * summary comes from a later sweep, proves that sweep finished writing.
     */
    @Test
    void theMergedFilterDiagnosesEachRequestOnce() throws Exception {
        // Paths of their own: the 1 s window would count a path another test used a moment ago as a repeat.
        replay.misroutedUpgrade("/sample", "/merged-once", GuardMode.LOG);
        replay.upgradeAnswered404("/echo-only", "/merged-once", GuardMode.ENFORCE);
        List<String> summaries = replay.summariesUntilTwoControlsSummarized("/sample");
        assertEquals(2, summaries.size(), () -> "only the two controls' summaries: " + summaries + "\nlog:\n"
                + server.log().text());
    }
}
