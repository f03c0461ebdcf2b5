package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.servlet.ChainDouble;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.servlet.ServletContext;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/configuration.md: the MBean is registered in init and unregistered in destroy. The test JVM has long had a platform
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
        String report = runChild(Child.class, mode);
        assertTrue(report.contains("platform server before init: none"), report);
        assertTrue(report.contains("registered after init: true"), report);
        assertTrue(report.contains("mode: " + mode), report);
        assertTrue(report.contains("WSG01: 0"), report);
        assertTrue(report.contains("registered after destroy: false"), report);
    }

    /**
     * A framework that keeps JMX off (Spring Boot) asks for no MBean server: none is started, not by {@code init}
     * nor by a misrouted handshake's diagnosis (which looks for other contexts' beans), and the filter still works.
     */
    @Test
    void aFrameworkThatKeepsJmxOffGetsNoMBeanServerStarted() throws Exception {
        String report = runChild(ChildWithoutJmx.class, "log");
        assertTrue(report.contains("platform server after init: none"), report);
        assertTrue(report.contains("WSG01 logged: true"), report);
        assertTrue(report.contains("platform server after a diagnosis: none"), report);
    }

    private String runChild(Class<?> main, String mode) throws Exception {
        Path out = tmp.resolve("child.out");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-cp", classPath(), main.getName(), mode));
        Process child = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        if (!child.waitFor(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            child.destroyForcibly();
            throw new AssertionError("the child JVM did not end within " + CHILD_TIMEOUT_SECONDS + " s: "
                    + Files.readString(out, StandardCharsets.UTF_8));
        }
        String report = Files.readString(out, StandardCharsets.UTF_8);
        assertEquals(0, child.exitValue(), report);
        return report;
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
            // A context with attributes and nothing else: no WebSocket container, no resources.
            ServletContext context = new ServletContextDouble("/fresh").classLoader(Child.class.getClassLoader())
                    .context();
            filter.init(FilterConfigDouble.of(context, "mode", args[0]));
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/fresh");
            System.out.println("registered after init: " + server.isRegistered(name));
            System.out.println("mode: " + server.getAttribute(name, "mode"));
            System.out.println("WSG01: " + server.getAttribute(name, "WSG01"));
            filter.destroy();
            System.out.println("registered after destroy: " + server.isRegistered(name));
            System.exit(0);
        }
    }

    /** Runs in the child JVM: a filter told to keep JMX off, and one misrouted handshake through it. */
    public static final class ChildWithoutJmx {
        public static void main(String[] args) throws Exception {
            WebSocketGuardFilter filter = new WebSocketGuardFilter();
            filter.mbeanOnlyWhereJmxRuns();
            ServletContext context = new ServletContextDouble("/fresh")
                    .classLoader(ChildWithoutJmx.class.getClassLoader()).context();
            filter.init(FilterConfigDouble.of(context, "mode", args[0], "endpoints", "/echo"));
            System.out.println("platform server after init: " + servers());
            filter.doFilter(RequestDouble.validUpgrade("/fresh/ecco"), new ResponseDouble(),
                    ChainDouble.answering(200, "text/html", "<p>"));
            System.out.println("WSG01 logged: " + (Long.valueOf(1).equals(filter.snapshot().incidents().get("WSG01"))));
            System.out.println("platform server after a diagnosis: " + servers());
            filter.destroy();
            System.exit(0);
        }

        private static String servers() {
            return MBeanServerFactory.findMBeanServer(null).isEmpty() ? "none" : "exists";
        }
    }
}
