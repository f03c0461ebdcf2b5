package dev.wsguard.testkit.log;

import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Predicate;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/** wsguard's MBeans, read from the platform MBean server as an operator's JMX console would. */
public final class GuardJmx {

    public static final String PATTERN = "dev.wsguard:type=WebSocketGuard,*";

    private GuardJmx() {
    }

    private static MBeanServer server() {
        return ManagementFactory.getPlatformMBeanServer();
    }

    /** Every wsguard MBean registered now. */
    public static Set<ObjectName> registered() {
        try {
            return server().queryNames(new ObjectName(PATTERN), null);
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The one wsguard MBean of {@code context} ({@code /app}); waits (bounded) for it, since wsguard registers it on
     * its own thread once the deployment is over (before that context's WSG00), never in init.
     */
    public static ObjectName await(String context, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            ObjectName found = null;
            int count = 0;
            for (ObjectName name : registered()) {
                if (context.equals(name.getKeyProperty("context"))) {
                    found = name;
                    count++;
                }
            }
            if (count == 1) {
                return found;
            }
            if (count > 1) {
                throw new AssertionError("more than one wsguard MBean for " + context + ": " + registered());
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("no wsguard MBean for context " + context + " within " + timeout.toMillis()
                        + " ms; registered: " + registered());
            }
            Thread.sleep(20);
        }
    }

    public static long counter(ObjectName name, String attribute) {
        try {
            return ((Number) server().getAttribute(name, attribute)).longValue();
        } catch (JMException e) {
            throw new IllegalStateException("reading " + attribute + " of " + name, e);
        }
    }

    /** Every counter of the bean (codes, upgradeRequests, upgradesCompleted), for messages and the figures file. */
    public static Map<String, Long> counters(ObjectName name) {
        Map<String, Long> all = new TreeMap<>();
        try {
            for (var info : server().getMBeanInfo(name).getAttributes()) {
                if ("long".equals(info.getType())) {
                    all.put(info.getName(), counter(name, info.getName()));
                }
            }
        } catch (JMException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /**
     * Waits (bounded) until the counters satisfy {@code done}: wsguard counts after the chain returns, which may be
     * after the client has read its answer. Returns the counters as last read.
     */
    public static Map<String, Long> awaitCounters(ObjectName name, Predicate<Map<String, Long>> done, Duration timeout)
            throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            Map<String, Long> now = counters(name);
            if (done.test(now) || System.nanoTime() - end > 0) {
                return now;
            }
            Thread.sleep(20);
        }
    }

    /** The counters that changed from {@code before} to {@code after}, by how much (a test's exact expectation). */
    public static Map<String, Long> delta(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> changed = new TreeMap<>();
        after.forEach((name, value) -> {
            long change = value - before.getOrDefault(name, 0L);
            if (change != 0) {
                changed.put(name, change);
            }
        });
        return changed;
    }
}
