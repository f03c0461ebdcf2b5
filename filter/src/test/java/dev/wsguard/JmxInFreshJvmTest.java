package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * SPEC: the MBean is registered in init and unregistered in destroy. The test JVM has long had a platform
 * MBean server; a container JVM may not have one yet when wsguard's init runs. So a child JVM, with the
 * same class path and nothing else, runs init and destroy and reports what JMX showed right after each.
 */
class JmxInFreshJvmTest {

    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "mode={0}")
    @ValueSource(strings = {"log", "enforce", "off"})
    void theMBeanExistsWhenInitReturnsAndIsGoneWhenDestroyReturns(String mode) throws Exception {
        Path out = tmp.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath(), Child.class.getName(), mode));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not end within " + CHILD_TIMEOUT_SECONDS + " s: "
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), report);
        assertTrue(report.contains("platform server before init: none"), report);
        assertTrue(report.contains("registered after init: true"), report);
        assertTrue(report.contains("mode: " + mode), report);
        assertTrue(report.contains("WSG01: 0"), report);
        assertTrue(report.contains("registered after destroy: false"), report);
    }

    /** Surefire may hand the test JVM a manifest-only jar; its full class path is in this property then. */
    private static String classPath() {
        String surefire = System.getProperty("surefire.test.class.path");
        return surefire != null && !surefire.isEmpty() ? surefire : System.getProperty("java.class.path");
    }

    /** Runs in the child JVM: a filter on a bare context, and what JMX says around its life. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println("platform server before init: "
                    + (MBeanServerFactory.findMBeanServer(null).isEmpty() ? "none" : "exists"));
            WebSocketGuardFilter filter = new WebSocketGuardFilter();
            filter.init(config(Map.of("mode", args[0])));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/fresh");
            System.out.println("registered after init: " + server.isRegistered(name));
            System.out.println("mode: " + server.getAttribute(name, "mode"));
            System.out.println("WSG01: " + server.getAttribute(name, "WSG01"));
            filter.destroy();
            System.out.println("registered after destroy: " + server.isRegistered(name));
            System.exit(0);
        }

        private static FilterConfig config(Map<String, String> params) {
            ServletContext context = context();
            return (FilterConfig) Proxy.newProxyInstance(Child.class.getClassLoader(),
                    new Class<?>[] {FilterConfig.class}, (proxy, method, a) -> {
                        switch (method.getName()) {
                            case "getServletContext":
                                return context;
                            case "getInitParameterNames":
                                return Collections.enumeration(params.keySet());
                            case "getInitParameter":
                                return params.get((String) a[0]);
                            case "getFilterName":
                                return "wsguard";
                            default:
                                return null;
                        }
                    });
        }

        /** A context with attributes and nothing else: no WebSocket container, no resources. */
        private static ServletContext context() {
            Map<String, Object> attributes = new ConcurrentHashMap<>();
            return (ServletContext) Proxy.newProxyInstance(Child.class.getClassLoader(),
                    new Class<?>[] {ServletContext.class}, (proxy, method, a) -> {
                        switch (method.getName()) {
                            case "getContextPath":
                                return "/fresh";
                            case "getServerInfo":
                                return "Apache Tomcat/11.0.27";
                            case "getInitParameterNames":
                                return Collections.emptyEnumeration();
                            case "getAttribute":
                                return attributes.get((String) a[0]);
                            case "setAttribute":
                                attributes.put((String) a[0], a[1]);
                                return null;
                            case "getClassLoader":
                                return Child.class.getClassLoader();
                            case "hashCode":
                                return System.identityHashCode(proxy);
                            case "equals":
                                return proxy == a[0];
                            default:
                                return method.getReturnType() == boolean.class ? Boolean.FALSE
                                        : method.getReturnType() == int.class ? Integer.valueOf(0) : null;
                        }
                    });
        }
    }
}
