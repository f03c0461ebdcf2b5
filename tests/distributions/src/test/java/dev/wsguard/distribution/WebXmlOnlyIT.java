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
 * Set-up a: wsguard only in the webapp (WEB-INF/lib and web.xml, as SPEC.md section 2 shows), on a
 * base from jetty-config/ without the wsguard module. Nothing configures java.util.logging, so the
 * lines reach the console in the JVM's own two-line format.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WebXmlOnlyIT {

    private static final List<String> CONTEXTS = List.of("/sample", "/echo-only", "/plain");

    private JettyServer server;
    private String servletAtRoot;
    private Scenarios scenarios;

    @BeforeAll
    void start() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("a-web-xml-only").withoutModule("wsguard");
        base.deployWar("sample", Distribution.sampleWar());
        WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), Map.of());
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of());
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        server = JettyServer.start(base, false);
        scenarios = new Scenarios(server, false);
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(0)
    void eachWebappReportsItsStartupOnceInLogMode() throws Exception {
        assertEquals(Map.of("/plain", "log", "/sample", "log", "/echo-only", "log"),
                scenarios.awaitStartupReports(CONTEXTS.toArray(String[]::new)));
    }

    @Test
    @Order(1)
    void s1ValidUpgradeGets101AndEcho() throws Exception {
        scenarios.s1ValidUpgradeIsEchoed("/sample");
    }

    @Test
    @Order(2)
    void s2MisroutedUpgradeIsAnswered200AndLoggedWsg01() throws Exception {
        scenarios.s2MisroutedUpgrade("/sample", Mode.LOG, servletAtRoot);
    }

    @Test
    @Order(4)
    void s4NearMissAnsweredByDefaultServletIs404AndLoggedWsg02() throws Exception {
        scenarios.s4UpgradeAnswered404("/echo-only");
    }

    @Test
    @Order(5)
    void upgradeToContextWithoutEndpointsIs404AndLoggedWsg02() throws Exception {
        scenarios.upgradeToContextWithoutEndpoints("/plain");
    }

    @Test
    @Order(7)
    void s7StrippedHeadersAreLoggedWsg03() throws Exception {
        scenarios.s7StrippedHeaders("/sample", Mode.LOG);
    }

    @Test
    @Order(8)
    void s8Version8IsLoggedWsg05() throws Exception {
        scenarios.s8WrongVersion("/sample", "8", Mode.LOG);
    }

    @Test
    @Order(9)
    void s8MissingVersionIsLoggedWsg05() throws Exception {
        scenarios.s8WrongVersion("/sample", null, Mode.LOG);
    }

    @Test
    @Order(100)
    void logHoldsOneLinePerIncidentAndNothingElse() throws Exception {
        scenarios.assertLogHoldsExactlyTheExpectedLines(CONTEXTS, Duration.ofMillis(500));
    }
}
