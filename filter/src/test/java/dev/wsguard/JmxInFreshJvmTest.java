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
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import javax.management.MBeanServer;
import javax.management.MBeanServerFactory;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/configuration.md: {@code init} starts nothing JVM-wide, the MBean is registered on wsguard's own thread (before
 * {@code WSG00}) and unregistered in destroy. The test JVM has long had a platform MBean server; a container JVM may
 * not have one yet when wsguard's init runs, and creating it (about 130 ms) must not delay the deployment. So a child
 * JVM, with the same class path and nothing else, runs init and destroy and reports what JMX showed around each.
 * wsguard's thread is held at its first question to the context until the child has looked after {@code init}, so
 * what {@code init} itself did is seen, not a race with that thread.
 */
class JmxInFreshJvmTest {

    private static final long CHILD_TIMEOUT_SECONDS = 60;

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "mode={0}")
    @ValueSource(strings = {"log", "enforce", "off"})
    void initStartsNoMBeanServerAndWsguardsThreadRegistersTheMBeanWhichIsGoneWhenDestroyReturns(String mode)
            throws Exception {
        String report = runChild(Child.class, mode);
        assertTrue(report.contains("platform server before init: none"), report);
        assertTrue(report.contains("platform server after init: none"), report);
        assertTrue(report.contains("registered once wsguard's thread registered it: true"), report);
        assertTrue(report.contains("mode: " + mode), report);
        assertTrue(report.contains("WSG01: 0"), report);
        assertTrue(report.contains("registered after destroy: false"), report);
    }

    /**
     * A framework that keeps JMX off (Spring Boot) asks for no MBean server: none is started, not by {@code init}, nor
     * by wsguard's thread, nor by a misrouted handshake's diagnosis (which looks for other contexts' beans), and the
     * filter still works.
     */
    @Test
    void aFrameworkThatKeepsJmxOffGetsNoMBeanServerStarted() throws Exception {
        String report = runChild(ChildWithoutJmx.class, "log");
        assertTrue(report.contains("platform server after init: none"), report);
        assertTrue(report.contains("MBean tried: true"), report);
        assertTrue(report.contains("platform server after wsguard's startup: none"), report);
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

    /**
     * A bare context (attributes and nothing else: no WebSocket container, no resources) whose server info, the first
     * thing wsguard's thread asks (for the startup facts, and for the MBean in mode off), waits on any other thread than
     * the one that made it until {@code open} is counted down. {@code init} asks it too in mode off, on this thread.
     */
    static ServletContext heldContext(String path, ClassLoader loader, CountDownLatch open) {
        ServletContext bare = new ServletContextDouble(path).classLoader(loader).context();
        Thread maker = Thread.currentThread();
        return (ServletContext) Proxy.newProxyInstance(loader, new Class<?>[] {ServletContext.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getServerInfo") && Thread.currentThread() != maker
                            && !open.await(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never let through");
                    }
                    try {
                        return method.invoke(bare, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    private static String servers() {
        return MBeanServerFactory.findMBeanServer(null).isEmpty() ? "none" : "exists";
    }

    /** Runs in the child JVM: a filter on a bare context, and what JMX says around its life. */
    public static final class Child {
        public static void main(String[] args) throws Exception {
            System.out.println("platform server before init: " + servers());
            WebSocketGuardFilter filter = new WebSocketGuardFilter();
            CountDownLatch open = new CountDownLatch(1);
            ServletContext context = heldContext("/fresh", Child.class.getClassLoader(), open);
            filter.init(FilterConfigDouble.of(context, "mode", args[0]));
            System.out.println("platform server after init: " + servers());
            open.countDown();
            Guard guard = filter.core().anyGuard();
            if (args[0].equals("off")) {
                // Off writes its startup line in init; the MBean follows on a thread of wsguard's.
                guard.awaitMBean(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } else {
                // Registered before WSG00, so the report's end is enough to wait for.
                guard.awaitStartupReport(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS);
            }
            MBeanServer server = ManagementFactory.getPlatformMBeanServer();
            ObjectName name = new ObjectName("dev.wsguard:type=WebSocketGuard,context=/fresh");
            System.out.println("registered once wsguard's thread registered it: " + server.isRegistered(name));
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
            CountDownLatch open = new CountDownLatch(1);
            ServletContext context = heldContext("/fresh", ChildWithoutJmx.class.getClassLoader(), open);
            filter.init(FilterConfigDouble.of(context, "mode", args[0], "endpoints", "/echo"));
            System.out.println("platform server after init: " + servers());
            open.countDown();
            System.out.println("MBean tried: " + filter.core().anyGuard().awaitMBean(CHILD_TIMEOUT_SECONDS, TimeUnit.SECONDS));
            System.out.println("platform server after wsguard's startup: " + servers());
            filter.doFilter(RequestDouble.validUpgrade("/fresh/ecco"), new ResponseDouble(),
                    ChainDouble.answering(200, "text/html", "<p>"));
            System.out.println("WSG01 logged: " + (Long.valueOf(1).equals(filter.snapshot().incidents().get("WSG01"))));
            System.out.println("platform server after a diagnosis: " + servers());
            filter.destroy();
            System.exit(0);
        }
    }
}
