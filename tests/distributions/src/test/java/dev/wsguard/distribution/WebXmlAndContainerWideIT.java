package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.distribution.Scenarios.Mode;
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
 * Set-up c: the module, with {@code wsguard.mode=enforce} in start.d/wsguard.ini, AND webapps that
 * declare wsguard themselves. Each request must be diagnosed once and each context reported once,
 * in both shapes this takes on Jetty: the sample WAR as built names its filter "wsguard", as the
 * module does, so web.xml refines the module's filter (one instance, mapped twice); a copy that
 * names it "app-wsguard" gets a second instance behind the module's. The webapp's own setting wins
 * over the module's: the sample's context-param {@code wsguard.mode=log}, and the plain webapp's
 * init-param {@code mode=log} on its own "wsguard" filter; the S4 fixture, whose own filter sets
 * nothing, takes the module's enforce. {@code wsguard.log-window=1}: a second diagnosis of one
 * request would show, within two seconds, as a second line or as a "repeated" summary line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebXmlAndContainerWideIT {

    private static final List<String> CONTEXTS = List.of("/sample", "/renamed", "/echo-only", "/plain");

    private JettyBase base;
    private JettyServer server;
    private String servletAtRoot;
    private Scenarios scenarios;

    @BeforeAll
    void start() throws Exception {
        base = JettyBase.fromJettyConfig("c-web-xml-and-container-wide")
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
    void sampleIsTheBuiltWarByteForByte() throws Exception {
        assertEquals(JettyBase.sha256(Distribution.sampleWar()), JettyBase.sha256(base.deployedWar("sample")));
    }

    @Test
    @Order(0)
    void eachContextIsReportedOnceWithTheModeItsOwnSettingsGive() throws Exception {
        assertEquals(Map.of("/sample", "log", "/renamed", "log", "/echo-only", "enforce", "/plain", "log"),
                scenarios.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
    }

    @Test
    @Order(1)
    void s1ValidUpgradeGets101AndEcho() throws Exception {
        scenarios.s1ValidUpgradeIsEchoed("/sample");
        scenarios.s1ValidUpgradeIsEchoed("/renamed");
    }

    @Test
    @Order(2)
    void s2MisroutedUpgradeIsLoggedOnce() throws Exception {
        scenarios.s2MisroutedUpgrade("/sample", Mode.LOG, servletAtRoot);
        scenarios.s2MisroutedUpgrade("/renamed", Mode.LOG, servletAtRoot);
    }

    @Test
    @Order(4)
    void s4NearMissAnsweredByDefaultServletIsLoggedOnce() throws Exception {
        scenarios.s4UpgradeAnswered404("/echo-only");
    }

    @Test
    @Order(5)
    void upgradeToContextWithoutEndpointsIsLoggedOnce() throws Exception {
        scenarios.upgradeToContextWithoutEndpoints("/plain");
    }

    @Test
    @Order(7)
    void s7StrippedHeadersAreLoggedOnce() throws Exception {
        scenarios.s7StrippedHeaders("/sample", Mode.LOG);
        scenarios.s7StrippedHeaders("/renamed", Mode.LOG);
    }

    @Test
    @Order(8)
    void s8WrongOrMissingVersionIsLoggedOnce() throws Exception {
        for (String context : List.of("/sample", "/renamed")) {
            scenarios.s8WrongVersion(context, "8", Mode.LOG);
            scenarios.s8WrongVersion(context, null, Mode.LOG);
        }
    }

    @Test
    @Order(10)
    void webappsOwnInitParamsApplyToTheMergedFilterAndTheUpgradeIsDiagnosedOnce() throws Exception {
        scenarios.upgradeAnsweredByApplicationFilter("/plain", Mode.LOG);
    }

    @Test
    @Order(100)
    void noRequestIsDiagnosedTwiceAndNoContextReportedTwice() throws Exception {
        // Past the 1 s window and the sweep that ends it: time for any "repeated" summary to appear.
        scenarios.assertLogHoldsExactlyTheExpectedLines(CONTEXTS, Duration.ofMillis(2500));
    }
}
