package dev.wsguard.report;

import java.lang.management.ManagementFactory;
import javax.management.InstanceAlreadyExistsException;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;

/**
 * Registers a {@link GuardMBean} as {@code dev.wsguard:type=WebSocketGuard,context=<path or ROOT>}
 * and unregisters it on {@code destroy}, so a redeploy leaks nothing. If the name is taken (two
 * servers in one JVM with the same context path), an {@code instance=N} key keeps both visible.
 */
public final class JmxRegistration implements AutoCloseable {

    public static final String DOMAIN = "dev.wsguard";
    private static final int MAX_INSTANCES = 100;

    private final MBeanServer server;
    private final ObjectName name;

    private JmxRegistration(MBeanServer server, ObjectName name) {
        this.server = server;
        this.name = name;
    }

    /** The object name for a context, quoted where the path holds JMX special characters. */
    public static ObjectName nameFor(String contextName, int instance) throws JMException {
        String value = contextName;
        if (!value.matches("[A-Za-z0-9/_.\\-~]*")) {
            value = ObjectName.quote(value);
        }
        return new ObjectName(DOMAIN + ":type=WebSocketGuard,context=" + value
                + (instance > 1 ? ",instance=" + instance : ""));
    }

    /** Whether the JVM runs an MBean server already (the platform one is among them once created). */
    public static boolean serverRuns() {
        return !MBeanServerFactory.findMBeanServer(null).isEmpty();
    }

    /** Registers the bean; throws if JMX refuses (the caller logs and carries on without it). */
    public static JmxRegistration register(GuardMBean bean, String contextName) throws JMException {
        MBeanServer server = ManagementFactory.getPlatformMBeanServer();
        for (int instance = 1; ; instance++) {
            ObjectName name = nameFor(contextName, instance);
            try {
                server.registerMBean(bean, name);
                return new JmxRegistration(server, name);
            } catch (InstanceAlreadyExistsException taken) {
                if (instance >= MAX_INSTANCES) {
                    throw taken;
                }
            }
        }
    }

    public ObjectName name() {
        return name;
    }

    @Override
    public void close() {
        try {
            if (server.isRegistered(name)) {
                server.unregisterMBean(name);
            }
        } catch (JMException | RuntimeException e) {
            // Already gone, or JMX is shutting down with the JVM: nothing left to release.
        }
    }
}
