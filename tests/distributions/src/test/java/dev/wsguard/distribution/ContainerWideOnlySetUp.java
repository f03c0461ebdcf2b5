package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.scenarios.GuardMode;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * wsguard only container-wide, through the module, on webapps that carry no wsguard at all: the
 * sample-webapp build's no-wsguard WAR as built (at /sample), the S4 fixture (/echo-only) and two
 * plain webapps. One subclass per module mode. Proves the module's mode reaches every webapp (log
 * lines; in enforce mode 400/426 answers), that the filter runs before the webapp's own filters, and
 * that a webapp's own context-param {@code wsguard.mode} wins over the module's.
 */
abstract class ContainerWideOnlySetUp extends SampleSetUp<JettyServer> {

    private static final List<String> CONTEXTS = List.of("/sample", "/echo-only", "/plain", "/plain-own-mode");

    private final String name;
    private final GuardMode mode;
    private final GuardMode otherMode;

    /** {@code mode}: LOG leaves start.d/wsguard.ini as committed (wsguard.mode=log); ENFORCE edits it. */
    ContainerWideOnlySetUp(String name, GuardMode mode) {
        this.name = name;
        this.mode = mode;
        this.otherMode = mode == GuardMode.LOG ? GuardMode.ENFORCE : GuardMode.LOG;
    }

    @Override
    protected JettyServer startServer() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig(name).withFilterJar();
        if (mode == GuardMode.ENFORCE) {
            base.withWsguardProperty("wsguard.mode", mode.paramValue());
        }
        Path war = WebApps.withoutWsguard(Distribution.noWsguardWar());
        base.deployWar("sample", war);
        servletAtRoot = WebApps.servletMappedAt(war, "/");
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), null);
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        WebApps.plainWebapp(base.webappDirectory("plain-own-mode"), Map.of("wsguard.mode", otherMode.paramValue()), null);
        return JettyServer.start(base, false);
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    /** The module's mode reaches every webapp that sets none of its own. */
    @Override
    protected GuardMode echoOnlyMode() {
        return mode;
    }

    @Override
    protected GuardMode plainMode() {
        return mode;
    }

    @Override
    public GuardMode sampleMode() {
        return mode;
    }

    @Test
    void sampleIsTheBuiltNoWsguardWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.noWsguardWar()), JettyBase.sha256(server.base().deployedWar("sample")),
                () -> "SHA-256 of " + server.base().deployedWar("sample") + " and of " + Distribution.noWsguardWar());
    }

    @Test
    void moduleModeReachesEveryWebappUnlessItSetsItsOwn() throws Exception {
        assertEquals(Map.of("/sample", mode.paramValue(), "/echo-only", mode.paramValue(), "/plain", mode.paramValue(),
                        "/plain-own-mode", otherMode.paramValue()),
                replay.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
        assertOneStartupReportPerContext(CONTEXTS);
    }

    @Test
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", mode);
    }

    @Test
    void webappContextParamOverridesTheModuleMode() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain-own-mode", otherMode);
    }
}
