package dev.wsguard.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.servlet.RequestDouble;
import jakarta.servlet.ServletRequest;
import org.junit.jupiter.api.Test;

class ContainerProfileTest {

    @Test
    void recognisesContainersFromTheirServerInfo() {
        assertEquals(ContainerProfile.JETTY, ContainerProfile.fromServerInfo("jetty/12.1.14"));
        assertEquals(ContainerProfile.TOMCAT, ContainerProfile.fromServerInfo("Apache Tomcat/10.1.48"));
        assertEquals(ContainerProfile.UNDERTOW, ContainerProfile.fromServerInfo("WildFly Full 37"));
        assertEquals(ContainerProfile.GLASSFISH, ContainerProfile.fromServerInfo("GlassFish Server 7.0.25"));
        assertEquals(ContainerProfile.OTHER, ContainerProfile.fromServerInfo(null));
    }

    @Test
    void onlyJettyMarksAStreamItUpgradedOverHttp2() {
        ServletRequest marked = RequestDouble.validUpgrade("/app/echo")
                .attribute(ContainerProfile.JETTY_UPGRADED_STREAM_ATTRIBUTE, new Object());
        ServletRequest plain = RequestDouble.validUpgrade("/app/echo");
        assertTrue(ContainerProfile.JETTY.upgradedOverHttp2(marked));
        assertFalse(ContainerProfile.JETTY.upgradedOverHttp2(plain));
        for (ContainerProfile other : new ContainerProfile[] {ContainerProfile.TOMCAT, ContainerProfile.UNDERTOW,
            ContainerProfile.GLASSFISH, ContainerProfile.OTHER}) {
            assertFalse(other.upgradedOverHttp2(marked), other.name());
        }
    }

    @Test
    void theJakartaEeEnvironmentComesFromTheClassesTheContainerShows() {
        assertEquals("ee11", ContainerProfile.environmentOf(
                "org.eclipse.jetty.ee11.servlet.ServletContextHandler$ServletContextApi"));
        assertEquals("ee10", ContainerProfile.environmentOf(
                "org.eclipse.jetty.ee10.servlet.ServletContextHandler$ServletContextApi"));
        assertEquals("ee11", ContainerProfile.environmentOf("org.apache.catalina.core.ApplicationContextFacade",
                "org.eclipse.jetty.ee11.websocket.jakarta.server.JakartaWebSocketServerContainer"));
        assertEquals("ee10", ContainerProfile.environmentOf((String) null), "unknown: ee10, which every Jetty 12 has");
        assertEquals("ee10", ContainerProfile.environmentOf("org.apache.catalina.core.ApplicationContextFacade"));
        assertEquals("ee10", ContainerProfile.environmentOf("org.eclipse.jetty.eex.Foo", "org.eclipse.jetty.ee11"));
    }

    @Test
    void jettysFixNamesTheModuleAndInitializerOfItsEnvironment() {
        String ee11 = ContainerProfile.JETTY.enableWebSocketFix("ee11");
        assertTrue(ee11.contains("enable the Jetty module ee11-websocket-jakarta (java -jar $JETTY_HOME/start.jar"
                + " --add-modules=ee11-websocket-jakarta)"), ee11);
        assertTrue(ee11.contains("org.eclipse.jetty.ee11.websocket.jakarta.server.config"
                + ".JakartaWebSocketServletContainerInitializer.configure(context, ...)"), ee11);
        assertFalse(ee11.contains("ee10"), ee11);
        assertEquals(ContainerProfile.JETTY.enableWebSocketFix("ee10"), ContainerProfile.JETTY.enableWebSocketFix());
        assertTrue(ContainerProfile.JETTY.enableWebSocketFix().contains("ee10-websocket-jakarta"));
        String tyrus = Compatibility.problems(ContainerProfile.JETTY, "ee11", "jetty/12.1.14",
                java.util.Map.of(WebSocketImplementation.TYRUS, "t")).get(0);
        assertTrue(tyrus.contains("(module ee11-websocket-jakarta)"), tyrus);
    }

    @Test
    void onlyUndertowPassesAHandshakeItsOriginCheckRefusedOnToTheServlets() {
        for (ContainerProfile profile : ContainerProfile.values()) {
            assertEquals(profile == ContainerProfile.UNDERTOW, profile.passesOriginRefusalsOn(), profile.name());
        }
    }
}
