package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.wsguard.distribution.Scenarios.Mode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Set-up b: wsguard only container-wide, through the module, with {@code wsguard.mode=enforce} in
 * start.d/wsguard.ini; the webapps carry no wsguard at all. Proves the module property reaches the
 * filter (400/426 answers), that the filter runs before the webapp's own filters, and that a
 * webapp's own context-param {@code wsguard.mode} wins over the module's.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ContainerWideEnforceIT {

    private static final List<String> CONTEXTS = List.of("/sample", "/default-only", "/plain", "/plain-log");

    private JettyServer server;
    private String servletAtRoot;
    private Scenarios scenarios;

    @BeforeAll
    void start() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("b-container-wide-enforce")
                .withFilterJar()
                .withWsguardProperty("wsguard.mode", "enforce");
        Path war = WebApps.sampleWithoutWsguard(base.setupDir().resolve("sample-without-wsguard.war"));
        assertFalse(WebApps.webXml(war).contains("WebSocketGuardFilter"), "the derived WAR still declares wsguard");
        assertFalse(WebApps.entries(war).stream().anyMatch(e -> e.contains("wsguard-filter")), "the derived WAR still holds the jar");
        base.deployWar("sample", war);
        servletAtRoot = WebApps.servletMappedAt(war, "/");
        base.deployWar("default-only", WebApps.withDefaultServletOnly(war, base.setupDir().resolve("default-only.war")));
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        WebApps.plainWebapp(base.webappDirectory("plain-log"), Map.of("wsguard.mode", "log"), null);
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
    void moduleModeReachesEveryWebappUnlessItSetsItsOwn() throws Exception {
        assertEquals(Map.of("/sample", "enforce", "/default-only", "enforce", "/plain", "enforce", "/plain-log", "log"),
                scenarios.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
    }

    @Test
    @Order(1)
    void s1ValidUpgradeGets101AndEcho() throws Exception {
        scenarios.s1ValidUpgradeIsEchoed("/sample");
    }

    @Test
    @Order(2)
    void s2MisroutedUpgradeIsAnswered400Wsg01() throws Exception {
        scenarios.s2MisroutedUpgrade("/sample", Mode.ENFORCE, servletAtRoot);
    }

    @Test
    @Order(4)
    void s4NearMissAnsweredByDefaultServletStays404AndIsLoggedWsg02() throws Exception {
        scenarios.s4UpgradeAnswered404("/default-only");
    }

    @Test
    @Order(5)
    void upgradeToContextWithoutEndpointsStays404AndIsLoggedWsg02() throws Exception {
        scenarios.upgradeToContextWithoutEndpoints("/plain");
    }

    @Test
    @Order(7)
    void s7StrippedHeadersAreAnswered426Wsg03() throws Exception {
        scenarios.s7StrippedHeaders("/sample", Mode.ENFORCE);
    }

    @Test
    @Order(8)
    void s8Version8IsAnswered426Wsg05() throws Exception {
        scenarios.s8WrongVersion("/sample", "8", Mode.ENFORCE);
    }

    @Test
    @Order(9)
    void s8MissingVersionIsAnswered426Wsg05() throws Exception {
        scenarios.s8WrongVersion("/sample", null, Mode.ENFORCE);
    }

    @Test
    @Order(10)
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        scenarios.upgradeAnsweredByApplicationFilter("/plain", Mode.ENFORCE);
    }

    @Test
    @Order(11)
    void webappContextParamOverridesTheModuleMode() throws Exception {
        scenarios.upgradeAnsweredByApplicationFilter("/plain-log", Mode.LOG);
    }

    @Test
    @Order(100)
    void logHoldsOneLinePerIncidentAndNothingElse() throws Exception {
        scenarios.assertLogHoldsExactlyTheExpectedLines(CONTEXTS, Duration.ofMillis(500));
    }
}
