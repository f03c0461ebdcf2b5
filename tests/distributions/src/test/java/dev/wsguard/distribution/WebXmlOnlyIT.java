package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Set-up a: wsguard only in the webapp (WEB-INF/lib and web.xml, as the README's install shows), on a base from
 * jetty-config/ without the wsguard module. Nothing configures java.util.logging, so the lines reach the console in
 * the JVM's own two-line format.
 */
class WebXmlOnlyIT extends SampleSetUp<JettyServer> implements LogModeDifferential {

    private static final List<String> CONTEXTS = List.of("/sample", "/echo-only", "/plain");

    @Override
    protected JettyServer startServer() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("a-web-xml-only").withoutModule("wsguard");
        base.deployWar("sample", Distribution.sampleWar());
        base.deployWar("sample-without-wsguard", Distribution.noWsguardWar());
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), Map.of());
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of());
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        return JettyServer.start(base, false);
    }

    @Override
    protected boolean oneLineFormat() {
        return false;
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

    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    @Test
    void eachWebappReportsItsStartupOnceInLogMode() throws Exception {
        assertEquals(Map.of("/plain", "log", "/sample", "log", "/echo-only", "log"),
                replay.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
        assertOneStartupReportPerContext(CONTEXTS);
        for (ServerLog.Diagnosis report : server.log().diagnoses("WSG00")) {
            replay.assertFollowsJvmDefaultFirstLine(report);
        }
    }

}
