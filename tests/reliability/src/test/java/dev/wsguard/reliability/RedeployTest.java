package dev.wsguard.reliability;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.reliability.Results;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.TomcatContainer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.war.WarBuilder;
import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.management.ObjectName;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.Test;

/**
 * 50 deploy/undeploy cycles of a WAR that bundles wsguard (WEB-INF/lib) and declares it in web.xml, on a server that
 * keeps running: Jetty 12.1 adds a fresh {@code WebAppContext} and stops and removes it; Tomcat 11 adds a
 * {@code Context} to its running host and removes it. Each webapp has its own class loader, and wsguard is loaded by
 * it (its MBean's class loader is the webapp's), so a reference wsguard left behind would pin that loader. Each cycle
 * checks that the filter works (a misrouted upgrade gets its 400) and its MBean is there; after undeploy its MBean and
 * its {@code wsguard-log-window} thread must be gone. After the 50 cycles every webapp class loader must be
 * collectable.
 */
class RedeployTest {

    private static final int CYCLES = 50;
    private static final int GC_ATTEMPTS = 20;

    /** How one container deploys and undeploys the WAR on a running server. */
    private interface Deployer {
        /** Deploys at {@code /app}; returns the webapp's class loader. */
        ClassLoader deploy(int cycle) throws Exception;

        void undeploy() throws Exception;

        int port();
    }

    @Test
    void jettyWebAppContextCycles() throws Exception {
        Path work = WorkDirs.create("redeploy-jetty");
        Path war = war(work);
        Server server = JettyEe10Container.newServer();
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        server.setHandler(contexts);
        try {
            server.start();
            int port = JettyEe10Container.port(server);
            cycles(ContainerKind.JETTY_12_1, new Deployer() {
                private WebAppContext current;

                @Override
                public ClassLoader deploy(int cycle) throws Exception {
                    WebAppContext context = new WebAppContext();
                    context.setContextPath(AppSetup.CONTEXT_PATH);
                    context.setWar(war.toString());
                    context.setTempDirectory(Files.createDirectories(work.resolve("tmp-" + cycle)).toFile());
                    // Tomcat's WebSocket initializer is on this class path too; a real Jetty would not have it.
                    context.setAttribute(AnnotationConfiguration.SERVLET_CONTAINER_INITIALIZER_EXCLUSION_PATTERN,
                            "org\\.apache\\.tomcat\\..*");
                    context.setThrowUnavailableOnStartupException(true);
                    contexts.addHandler(context);
                    context.start();
                    current = context;
                    return context.getClassLoader();
                }

                @Override
                public void undeploy() throws Exception {
                    current.stop();
                    contexts.removeHandler(current);
                    current.destroy();
                    current = null;
                }

                @Override
                public int port() {
                    return port;
                }
            });
        } finally {
            JettyEe10Container.stopQuietly(server);
            WorkDirs.deleteQuietly(work);
        }
    }

    @Test
    void tomcatContextCycles() throws Exception {
        Path work = WorkDirs.create("redeploy-tomcat");
        Path war = war(work);
        Tomcat tomcat = TomcatContainer.newTomcat(work.toString());
        try {
            tomcat.getHost(); // creates the host, so contexts can be added to the running server
            tomcat.start();
            int port = TomcatContainer.port(tomcat);
            cycles(ContainerKind.TOMCAT_11, new Deployer() {
                private StandardContext current;

                @Override
                public ClassLoader deploy(int cycle) {
                    // What Tomcat.addWebapp does, with settings that must precede the start (adding to a started
                    // host starts the context).
                    StandardContext context = new StandardContext();
                    context.setName(AppSetup.CONTEXT_PATH);
                    context.setPath(AppSetup.CONTEXT_PATH);
                    context.setDocBase(war.toString());
                    ContextConfig config = new ContextConfig();
                    config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
                    context.addLifecycleListener(config);
                    // Jetty's initializers are on this class path too; a real Tomcat would not have them.
                    context.setContainerSciFilter("org\\.eclipse\\.jetty\\..*");
                    StandardJarScanner scanner = new StandardJarScanner();
                    scanner.setScanClassPath(false); // the test class path is no container's lib/
                    context.setJarScanner(scanner);
                    // These need --add-opens; Tomcat's check for a webapp thread left running stays on.
                    context.setClearReferencesThreadLocals(false);
                    context.setClearReferencesRmiTargets(false);
                    tomcat.getHost().addChild(context);
                    assertEquals(LifecycleState.STARTED, context.getState(), "context state in cycle " + cycle);
                    current = context;
                    return context.getLoader().getClassLoader();
                }

                @Override
                public void undeploy() {
                    tomcat.getHost().removeChild(current); // stops and destroys it
                    current = null;
                }

                @Override
                public int port() {
                    return port;
                }
            });
        } finally {
            TomcatContainer.stopQuietly(tomcat);
            WorkDirs.deleteQuietly(work);
        }
    }

    /** The WAR: wsguard in WEB-INF/lib, declared first in web.xml in enforce mode, the plain servlet at '/'. */
    private static Path war(Path work) {
        return WarBuilder.create().guardFilter(Map.of("mode", "enforce"))
                .servlet("plain", PlainTextServlet.class, "/").build(work.resolve("war"));
    }

    private static void cycles(ContainerKind kind, Deployer deployer) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach()) {
            cycles(kind, deployer, log);
        }
    }

    private static void cycles(ContainerKind kind, Deployer deployer, GuardLogCapture log) throws Exception {
        List<WeakReference<ClassLoader>> loaders = new ArrayList<>();
        long start = System.nanoTime();
        for (int cycle = 0; cycle < CYCLES; cycle++) {
            ClassLoader loader = deployer.deploy(cycle);
            loaders.add(new WeakReference<>(loader));
            ObjectName bean = GuardJmx.await(AppSetup.CONTEXT_PATH, Duration.ofSeconds(5));
            assertSame(loader, ManagementFactory.getPlatformMBeanServer().getClassLoaderFor(bean),
                    "wsguard must be loaded by the webapp's own class loader, or this test proves nothing");
            String path = AppSetup.CONTEXT_PATH + "/cycle-" + cycle;
            int mark = log.mark();
            try (RawResponse r = RawHttp.exchange(deployer.port(), RawRequest.validUpgrade(path))) {
                assertEquals("WSG01", r.header("WSGuard-Code").orElse(r.statusLine()), "cycle " + cycle);
            }
            // Undeploy only once the request is done with, its line written, as a graceful undeploy would (see
            // docs/reliability.md, "The line before the answer").
            assertTrue(log.awaitCodesSince(mark, Set.of("WSG01")), "no WSG01 line in cycle " + cycle + ":"
                    + log.messagesSince(mark));
            loader = null; // only the weak reference may remain
            deployer.undeploy();
            assertEquals(Set.of(), GuardJmx.registered(), "wsguard MBeans after undeploy in cycle " + cycle);
            assertEquals(List.of(), guardThreads(), "wsguard threads after undeploy in cycle " + cycle);
        }
        long cyclesMs = (System.nanoTime() - start) / 1_000_000;
        // Jetty's selector keeps the last connection it served referenced (its key iterator) until it selects again,
        // and that connection caches its ServletChannel, whose context pins the last webapp loader: one more request
        // on a fresh connection moves it on. Not wsguard's reference (found with a heap dump).
        try (RawResponse r = RawHttp.exchange(deployer.port(), RawRequest.get("/").build())) {
            assertEquals(404, r.status(), "no context is deployed any more");
        }
        int attempts = 0;
        while (loaders.stream().anyMatch(w -> w.get() != null) && attempts < GC_ATTEMPTS) {
            attempts++;
            System.gc();
            Thread.sleep(50);
        }
        long pinned = loaders.stream().filter(w -> w.get() != null).count();
        Results.write("redeploy-" + kind.label() + ".md", "| " + kind.displayName() + " | " + CYCLES
                + " cycles in " + cyclesMs + " ms | MBeans left: " + GuardJmx.registered().size()
                + ", wsguard threads left: " + guardThreads().size() + " | class loaders collected: "
                + (CYCLES - pinned) + "/" + CYCLES + " after " + attempts + " GC(s) |\n");
        assertEquals(0, pinned, "webapp class loaders still reachable after " + attempts + " GCs");
    }

    private static List<String> guardThreads() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
                .filter(n -> n.startsWith("wsguard")).sorted().collect(Collectors.toList());
    }
}
