package dev.wsguard.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

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
        ServletRequest marked = mock(ServletRequest.class);
        when(marked.getAttribute(ContainerProfile.JETTY_UPGRADED_STREAM_ATTRIBUTE)).thenReturn(new Object());
        ServletRequest plain = mock(ServletRequest.class);
        assertTrue(ContainerProfile.JETTY.upgradedOverHttp2(marked));
        assertFalse(ContainerProfile.JETTY.upgradedOverHttp2(plain));
        for (ContainerProfile other : new ContainerProfile[] {ContainerProfile.TOMCAT, ContainerProfile.UNDERTOW,
            ContainerProfile.GLASSFISH, ContainerProfile.OTHER}) {
            assertFalse(other.upgradedOverHttp2(marked), other.name());
        }
    }
}
