package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.distribution.Scenarios.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * wsguard only container-wide, through the module, on webapps that carry no wsguard at all: the
 * sample-webapp build's no-wsguard WAR as built (at /sample), the S4 fixture (/echo-only) and two
 * plain webapps. One subclass per module mode. Proves the module's mode reaches every webapp (log
 * lines; in enforce mode 400/426 answers), that the filter runs before the webapp's own filters, and
 * that a webapp's own context-param {@code wsguard.mode} wins over the module's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class ContainerWideOnlySetUp {

    private static final List<String> CONTEXTS = List.of("/sample", "/echo-only", "/plain", "/plain-own-mode");

    private final String name;
    private final Mode mode;
    private final Mode otherMode;
    private JettyBase base;
    private JettyServer server;
    private String servletAtRoot;
    private Scenarios scenarios;

    /** {@code mode}: LOG leaves start.d/wsguard.ini as committed (wsguard.mode=log); ENFORCE edits it. */
    ContainerWideOnlySetUp(String name, Mode mode) {
        this.name = name;
        this.mode = mode;
        this.otherMode = mode == Mode.LOG ? Mode.ENFORCE : Mode.LOG;
    }

    private static String value(Mode m) {
        return m.name().toLowerCase(Locale.ROOT);
    }

    @BeforeAll
    void start() throws Exception {
        base = JettyBase.fromJettyConfig(name).withFilterJar();
        if (mode == Mode.ENFORCE) {
            base.withWsguardProperty("wsguard.mode", value(mode));
        }
        Path war = WebApps.withoutWsguard(Distribution.noWsguardWar());
        base.deployWar("sample", war);
        servletAtRoot = WebApps.servletMappedAt(war, "/");
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), null);
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        WebApps.plainWebapp(base.webappDirectory("plain-own-mode"), Map.of("wsguard.mode", value(otherMode)), null);
        server = JettyServer.start(base, false);
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
    void sampleIsTheBuiltNoWsguardWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.noWsguardWar()), JettyBase.sha256(base.deployedWar("sample")),
                () -> "SHA-256 of " + base.deployedWar("sample") + " and of " + Distribution.noWsguardWar());
    }

    @Test
    @Order(1)
    void moduleModeReachesEveryWebappUnlessItSetsItsOwn() throws Exception {
        assertEquals(Map.of("/sample", value(mode), "/echo-only", value(mode), "/plain", value(mode), "/plain-own-mode", value(otherMode)),
                scenarios.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
    }

    @Test
    @Order(2)
    void s1ValidUpgradeGets101AndEcho() throws Exception {
        scenarios.s1ValidUpgradeIsEchoed("/sample");
    }

    @Test
    @Order(3)
    void s2MisroutedUpgradeIsDiagnosedWsg01() throws Exception {
        scenarios.s2MisroutedUpgrade("/sample", mode, servletAtRoot);
    }

    @Test
    @Order(4)
    void s4NearMissAnsweredByDefaultServletStays404AndIsLoggedWsg02() throws Exception {
        scenarios.s4UpgradeAnswered404("/echo-only");
    }

    @Test
    @Order(5)
    void upgradeToContextWithoutEndpointsStays404AndIsLoggedWsg02() throws Exception {
        scenarios.upgradeToContextWithoutEndpoints("/plain");
    }

    @Test
    @Order(7)
    void s7StrippedHeadersAreDiagnosedWsg03() throws Exception {
        scenarios.s7StrippedHeaders("/sample", mode);
    }

    @Test
    @Order(8)
    void s8Version8IsDiagnosedWsg05() throws Exception {
        scenarios.s8WrongVersion("/sample", "8", mode);
    }

    @Test
    @Order(9)
    void s8MissingVersionIsDiagnosedWsg05() throws Exception {
        scenarios.s8WrongVersion("/sample", null, mode);
    }

    @Test
    @Order(10)
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        scenarios.upgradeAnsweredByApplicationFilter("/plain", mode);
    }

    @Test
    @Order(11)
    void webappContextParamOverridesTheModuleMode() throws Exception {
        scenarios.upgradeAnsweredByApplicationFilter("/plain-own-mode", otherMode);
    }

    @Test
    @Order(100)
    void logHoldsOneLinePerIncidentAndNothingElse() throws Exception {
        scenarios.assertLogHoldsExactlyTheExpectedLines(CONTEXTS, Duration.ofMillis(500));
    }
}
