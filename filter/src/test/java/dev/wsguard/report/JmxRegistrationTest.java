package dev.wsguard.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

class JmxRegistrationTest {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();

    @Test
    void twoFiltersWithTheSameContextNameEachGetTheirOwnBean() throws Exception {
        GuardCounters first = new GuardCounters();
        GuardCounters second = new GuardCounters();
        second.upgradeRequest();
        try (JmxRegistration a = JmxRegistration.register(new GuardMBean(first, "log", "/same", new String[0], "x"), "/same");
                JmxRegistration b = JmxRegistration.register(new GuardMBean(second, "log", "/same", new String[0], "x"), "/same")) {
            assertEquals(new ObjectName("dev.wsguard:type=WebSocketGuard,context=/same"), a.name());
            assertNotEquals(a.name(), b.name());
            assertEquals(0L, server.getAttribute(a.name(), "upgradeRequests"));
            assertEquals(1L, server.getAttribute(b.name(), "upgradeRequests"));
            a.close();
            assertFalse(server.isRegistered(a.name()));
            assertTrue(server.isRegistered(b.name()));
        }
    }

    @Test
    void contextPathsWithJmxSpecialCharactersAreQuoted() throws Exception {
        ObjectName n = JmxRegistration.nameFor("/a,b=c:d*", 1);
        assertEquals("/a,b=c:d*", ObjectName.unquote(n.getKeyProperty("context")));
        assertEquals("ROOT", JmxRegistration.nameFor("ROOT", 1).getKeyProperty("context"));
    }
}
