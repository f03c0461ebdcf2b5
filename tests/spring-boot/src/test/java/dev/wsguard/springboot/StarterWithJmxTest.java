package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/**
 * With Boot's JMX on ({@code spring.jmx.enabled=true}), wsguard's MBean is there as in a container install. With
 * Boot's default (JMX off) the starter asks the filter to start no MBean server for it: proven in a fresh JVM by the
 * filter's {@code JmxInFreshJvmTest}, since this test JVM may have one already.
 */
class StarterWithJmxTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--spring.jmx.enabled=true");
    }

    @Test
    void theMBeanIsRegisteredWhenBootHasJmxOn() throws Exception {
        log.awaitCode("WSG00");
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=ROOT");
        assertTrue(server.isRegistered(name), "registered: " + server.queryNames(new ObjectName("dev.wsguard:*"), null));
        assertEquals("log", server.getAttribute(name, "mode"));
    }
}
