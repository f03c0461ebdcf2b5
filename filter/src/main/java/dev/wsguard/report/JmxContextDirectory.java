package dev.wsguard.report;

import dev.wsguard.endpoints.ContextDirectory;
import dev.wsguard.endpoints.ContextEndpoints;
import dev.wsguard.endpoints.EndpointTemplate;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Other contexts' endpoints, read from the MBeans of the wsguard filters guarding them. JMX is the
 * one registry every webapp of a JVM shares whatever its class loader, so a ROOT context can say
 * "the endpoint is in context /app" without any container API. Only contexts of the same server
 * (same server info) count; only contexts with wsguard are seen.
 */
public final class JmxContextDirectory implements ContextDirectory {

    private static final int MAX_CONTEXTS = 256;
    private static final int MAX_TEMPLATES = 1000;

    /**
     * How long one reading is reused while no MBean came or went. Every first incident of a
     * (code, path) asks for the other contexts; under a flood of new paths the JMX query and the
     * template parsing would otherwise run up to 1024 times a window.
     */
    private static final long REUSE_NANOS = 1_000_000_000L;

    private final String ownContext;
    private final String serverInfo;
    private volatile Reading last;

    /** One answer, with when it was read and how many MBeans the server held then. */
    private static final class Reading {
        final List<ContextEndpoints> contexts;
        final long readAtNanos;
        final int mbeanCount;

        Reading(List<ContextEndpoints> contexts, long readAtNanos, int mbeanCount) {
            this.contexts = contexts;
            this.readAtNanos = readAtNanos;
            this.mbeanCount = mbeanCount;
        }
    }

    public JmxContextDirectory(String ownContext, String serverInfo) {
        this.ownContext = ownContext;
        this.serverInfo = serverInfo;
    }

    @Override
    public List<ContextEndpoints> otherContexts() {
        try {
            if (!JmxRegistration.serverRuns()) {
                // No MBean server, so no other context's bean either; asking for one would start it (about 130 ms).
                return Collections.emptyList();
            }
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            // A deployment or undeployment registers or unregisters MBeans, which changes the count.
            int count = server.getMBeanCount();
            long now = System.nanoTime();
            Reading previous = last;
            if (previous != null && previous.mbeanCount == count && now - previous.readAtNanos < REUSE_NANOS) {
                return previous.contexts;
            }
            List<ContextEndpoints> read = read(server);
            last = new Reading(read, now, count);
            return read;
        } catch (Exception | LinkageError e) {
            // No JMX, or a bean that went away meanwhile: no hint rather than a failure.
            return Collections.emptyList();
        }
    }

    private List<ContextEndpoints> read(MBeanServer server) throws Exception {
        List<ContextEndpoints> others = new ArrayList<>();
        for (ObjectName name : server.queryNames(new ObjectName(JmxRegistration.DOMAIN
                + ":type=WebSocketGuard,*"), null)) {
            if (others.size() >= MAX_CONTEXTS) {
                break;
            }
            Object context = server.getAttribute(name, GuardMBean.CONTEXT);
            Object info = server.getAttribute(name, GuardMBean.SERVER_INFO);
            Object endpoints = server.getAttribute(name, GuardMBean.ENDPOINTS);
            if (!(context instanceof String) || context.equals(ownContext) || !Objects.equals(info, serverInfo)
                    || !(endpoints instanceof String[])) {
                continue;
            }
            List<EndpointTemplate> templates = new ArrayList<>();
            for (String e : (String[]) endpoints) {
                if (templates.size() >= MAX_TEMPLATES) {
                    break;
                }
                try {
                    templates.add(EndpointTemplate.parse(e));
                } catch (IllegalArgumentException notATemplate) {
                    // Another version of wsguard may know paths this one cannot parse.
                }
            }
            others.add(new ContextEndpoints((String) context, templates));
        }
        // JMX answers in no particular order; sorted, the same request always gets the same hint.
        others.sort(Comparator.comparing(ContextEndpoints::contextPath));
        return Collections.unmodifiableList(others);
    }
}
