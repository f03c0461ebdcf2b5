package dev.wsguard.sample;

import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * The contexts of this server that run wsguard, with the mode each one's filter actually runs in,
 * read from wsguard's own MBeans ({@code dev.wsguard:type=WebSocketGuard,context=...}). The demo
 * page builds its log/enforce switch from them: whatever the WAR is deployed as, the switch links
 * every copy of this sample on the same server, and shows the mode the filter reports rather than
 * what a descriptor was meant to say.
 */
final class GuardedContexts {

    /** One guarded context: its path ({@code ""} for ROOT), mode, and the endpoint templates wsguard knows there. */
    record Guarded(String contextPath, String mode, List<String> endpoints) {
        /** A copy of this sample: the programmatic ticker is known nowhere else. */
        boolean isSample() {
            return endpoints.contains(TickerEndpoint.PATH);
        }
    }

    private static final String QUERY = "dev.wsguard:type=WebSocketGuard,*";
    private static final int MAX_CONTEXTS = 64;

    private GuardedContexts() {
    }

    /** Every guarded context of the server with this server info, sorted by path; empty where JMX is unavailable. */
    static List<Guarded> onServer(String serverInfo) {
        try {
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            List<Guarded> found = new ArrayList<>();
            for (ObjectName name : server.queryNames(new ObjectName(QUERY), null)) {
                if (found.size() >= MAX_CONTEXTS) {
                    break;
                }
                // Several embedded servers can share a JVM (tests do); the filter tags its bean with its server.
                if (!Objects.equals(serverInfo, server.getAttribute(name, "serverInfo"))) {
                    continue;
                }
                Object context = server.getAttribute(name, "context");
                Object mode = server.getAttribute(name, "mode");
                Object endpoints = server.getAttribute(name, "endpoints");
                if (context instanceof String && mode instanceof String) {
                    found.add(new Guarded((String) context, (String) mode, endpoints instanceof String[]
                            ? List.of((String[]) endpoints) : List.of()));
                }
            }
            found.sort(Comparator.comparing(Guarded::contextPath));
            return found;
        } catch (Exception | LinkageError e) {
            // No JMX (a locked-down container) or a bean that went away meanwhile: the page shows less, nothing fails.
            return Collections.emptyList();
        }
    }

    /** The mode wsguard reports for {@code contextPath}, or null when its bean is not (yet) registered. */
    static String modeOf(List<Guarded> contexts, String contextPath) {
        for (Guarded g : contexts) {
            if (g.contextPath().equals(contextPath)) {
                return g.mode();
            }
        }
        return null;
    }
}
