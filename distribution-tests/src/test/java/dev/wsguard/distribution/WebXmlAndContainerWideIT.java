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
 * Set-up c: the module AND webapps that declare wsguard themselves. Each request must be diagnosed
 * once and each context reported once, in both shapes this takes on Jetty: the sample names its
 * filter "wsguard", as the module does, so web.xml refines the module's filter (one instance, mapped
 * twice); a copy that names it "app-wsguard" gets a second instance behind the module's.
 * The plain webapp's own "wsguard" asks for enforce while the module says log: the merged filter
 * takes the webapp's init-params. {@code wsguard.log-window=1}: a second diagnosis of one request
 * would show, within two seconds, as a second line or as a "repeated" summary line.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebXmlAndContainerWideIT {

    private static final List<String> CONTEXTS = List.of("/sample", "/renamed", "/default-only", "/plain");

    private JettyServer server;
    private String servletAtRoot;
    private Scenarios scenarios;

    @BeforeAll
    void start() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("c-web-xml-and-container-wide")
                .withFilterJar()
                .withWsguardProperty("wsguard.log-window", "1");
        base.deployWar("sample", Distribution.sampleWar());
        base.deployWar("renamed", WebApps.sampleWithFilterRenamed(base.setupDir().resolve("renamed.war"), "app-wsguard"));
        // Its "wsguard" filter merges with the module's, as the sample's does.
        base.deployWar("default-only", WebApps.withDefaultServletOnly(Distribution.sampleWar(),
                base.setupDir().resolve("default-only.war")));
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        // Its own filter, named like the module's, asks for enforce; the module says log.
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of("mode", "enforce"));
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
    void eachContextIsReportedOnceWithItsMode() throws Exception {
        assertEquals(Map.of("/sample", "log", "/renamed", "log", "/default-only", "log", "/plain", "enforce"),
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
        scenarios.s4UpgradeAnswered404("/default-only");
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
        scenarios.upgradeAnsweredByApplicationFilter("/plain", Mode.ENFORCE);
    }

    @Test
    @Order(100)
    void noRequestIsDiagnosedTwiceAndNoContextReportedTwice() throws Exception {
        // Past the 1 s window and the sweep that ends it: time for any "repeated" summary to appear.
        scenarios.assertLogHoldsExactlyTheExpectedLines(CONTEXTS, Duration.ofMillis(2500));
    }
}
