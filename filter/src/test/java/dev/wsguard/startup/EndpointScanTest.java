package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.RecordingLoader;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class EndpointScanTest {

    @ServerEndpoint("/echo")
    public static class Echo {
    }

    @ServerEndpoint("/chat/{room}")
    public static class Chat {
    }

    @ServerEndpoint("/abstract")
    public abstract static class AbstractOne {
    }

    public static class Prog extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** Deploys only Echo of the annotated ones, and Prog at /prog. */
    public static class OnlyEcho implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpoints) {
            Set<ServerEndpointConfig> configs = new LinkedHashSet<>();
            for (Class<? extends Endpoint> e : endpoints) {
                configs.add(config(e, "/prog"));
            }
            return configs;
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            Set<Class<?>> chosen = new LinkedHashSet<>(scanned);
            chosen.removeIf(c -> c != Echo.class);
            return chosen;
        }
    }

    /** A config by hand: the API's Builder needs an implementation on the class path for its configurator. */
    static ServerEndpointConfig config(Class<?> endpoint, String path) {
        return new ServerEndpointConfig() {
            @Override
            public Class<?> getEndpointClass() {
                return endpoint;
            }

            @Override
            public String getPath() {
                return path;
            }

            @Override
            public List<String> getSubprotocols() {
                return List.of();
            }

            @Override
            public List<jakarta.websocket.Extension> getExtensions() {
                return List.of();
            }

            @Override
            public ServerEndpointConfig.Configurator getConfigurator() {
                return null;
            }

            @Override
            public List<Class<? extends jakarta.websocket.Encoder>> getEncoders() {
                return List.of();
            }

            @Override
            public List<Class<? extends jakarta.websocket.Decoder>> getDecoders() {
                return List.of();
            }

            @Override
            public Map<String, Object> getUserProperties() {
                return Map.of();
            }
        };
    }

    public static class Broken implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpoints) {
            throw new IllegalStateException("config bug");
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return scanned;
        }
    }

    private static Set<Class<?>> classes(Class<?>... c) {
        return new LinkedHashSet<>(List.of(c));
    }

    @Test
    void withoutAConfigEveryConcreteAnnotatedClassIsDeployedAndNoProgrammaticOne() {
        EndpointScan.Result r = EndpointScan.scan(classes(Echo.class, Chat.class, AbstractOne.class, Prog.class));
        assertEquals(Map.of("/echo", "ANNOTATION_SCAN", "/chat/{room}", "ANNOTATION_SCAN"), r.endpoints());
        assertEquals("ran (2 annotated, 1 programmatic, 0 ServerApplicationConfig)", r.status());
    }

    @ServerEndpoint("/hidden")
    static class PackagePrivate {
    }

    static class HiddenProg extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }

    /** Would deploy /hidden-config, but no container instantiates a non-public config. */
    static class HiddenConfig implements ServerApplicationConfig {
        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpoints) {
            return Set.of(config(Prog.class, "/hidden-config"));
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return scanned;
        }
    }

    @Test
    void nonPublicClassesAreSkippedAsContainersSkipThem() {
        EndpointScan.Result r = EndpointScan.scan(classes(Echo.class, PackagePrivate.class, HiddenProg.class,
                HiddenConfig.class));
        assertEquals(Map.of("/echo", "ANNOTATION_SCAN"), r.endpoints());
        assertEquals("ran (1 annotated, 0 programmatic, 0 ServerApplicationConfig)", r.status());
    }

    @Test
    void aConfigDecidesWhatIsDeployed() {
        EndpointScan.Result r = EndpointScan.scan(classes(Echo.class, Chat.class, Prog.class, OnlyEcho.class));
        assertEquals(Map.of("/echo", "APPLICATION_CONFIG", "/prog", "APPLICATION_CONFIG"), r.endpoints());
    }

    @Test
    void aFailingConfigIsReportedAndTheOthersCount() {
        EndpointScan.Result r = EndpointScan.scan(classes(Echo.class, Broken.class, OnlyEcho.class));
        assertTrue(r.endpoints().containsKey("/echo"));
        assertTrue(r.status().contains(Broken.class.getName() + " failed: java.lang.IllegalStateException: config bug"),
                r.status());
    }

    /** Like Tyrus's TyrusServerConfiguration: no no-argument constructor, so nobody can create it. */
    public static class Unconstructible implements ServerApplicationConfig {
        public Unconstructible(Set<Class<?>> given) {
        }

        @Override
        public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> endpoints) {
            return Set.of();
        }

        @Override
        public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
            return Set.of();
        }
    }

    @Test
    void whenEveryConfigFailsTheAnnotatedEndpointsStillCount() {
        EndpointScan.Result r = EndpointScan.scan(classes(Echo.class, Unconstructible.class));
        assertEquals(Map.of("/echo", "ANNOTATION_SCAN"), r.endpoints());
        assertTrue(r.status().contains("failed"), r.status());
    }

    @Test
    void theInitializerKeepsWhatItWasHandedAndTheFilterScansIt() {
        jakarta.servlet.ServletContext context = new ServletContextDouble("/app").context();
        new EndpointScanInitializer().onStartup(classes(Echo.class), context);
        assertEquals(Set.of(Echo.class), context.getAttribute(EndpointScanInitializer.HANDED_ATTRIBUTE));
        assertNull(context.getAttribute(EndpointScanInitializer.ENDPOINTS_ATTRIBUTE), "nothing scanned yet");

        assertEquals(Map.of("/echo", "ANNOTATION_SCAN"), EndpointScanInitializer.endpointsIn(context));
        assertEquals(Map.of("/echo", "ANNOTATION_SCAN"), context.getAttribute(EndpointScanInitializer.ENDPOINTS_ATTRIBUTE));
        assertEquals(Object.class.getModule(), context.getAttribute(EndpointScanInitializer.ENDPOINTS_ATTRIBUTE)
                .getClass().getModule(), "a JDK type, readable whichever class loader reads it");
        assertEquals("ran (1 annotated, 0 programmatic, 0 ServerApplicationConfig)",
                context.getAttribute(EndpointScanInitializer.STATUS_ATTRIBUTE));
        assertNull(context.getAttribute(EndpointScanInitializer.HANDED_ATTRIBUTE), "the classes are let go once scanned");
        assertEquals(Map.of("/echo", "ANNOTATION_SCAN"), EndpointScanInitializer.endpointsIn(context), "asked again");

        jakarta.servlet.ServletContext none = new ServletContextDouble("/none").context();
        new EndpointScanInitializer().onStartup(null, none);
        assertEquals(Map.of(), EndpointScanInitializer.endpointsIn(none));
        assertNull(EndpointScanInitializer.endpointsIn(new ServletContextDouble("/not-run").context()),
                "null where the initializer did not run");
    }

    @Test
    void aScanThatFailsCountsAsRunAndSaysWhy() {
        jakarta.servlet.ServletContext context = new ServletContextDouble("/app").context();
        context.setAttribute(EndpointScanInitializer.HANDED_ATTRIBUTE, new java.util.AbstractSet<Class<?>>() {
            @Override
            public java.util.Iterator<Class<?>> iterator() {
                throw new IllegalStateException("no iterating today");
            }

            @Override
            public int size() {
                return 1;
            }
        });
        assertEquals(Map.of(), EndpointScanInitializer.endpointsIn(context));
        assertEquals("failed: java.lang.IllegalStateException: no iterating today",
                context.getAttribute(EndpointScanInitializer.STATUS_ATTRIBUTE));
    }

    /**
     * On the deployment's thread the initializer loads no class of wsguard's but its own (each costs a cold deployment
     * about half a millisecond); the scan's classes load when the filter asks, on its own thread.
     */
    @Test
    void onTheDeploymentsThreadTheInitializerLoadsNothingElseOfWsguards() throws Exception {
        try (RecordingLoader loader = new RecordingLoader(EndpointScanInitializer.class)) {
            Class<?> initializer = Class.forName(EndpointScanInitializer.class.getName(), false, loader);
            assertNotSame(EndpointScanInitializer.class, initializer, "an isolated copy");
            jakarta.servlet.ServletContext context = new ServletContextDouble("/app").context();
            jakarta.servlet.ServletContainerInitializer sci = (jakarta.servlet.ServletContainerInitializer)
                    initializer.getConstructor().newInstance();
            sci.onStartup(classes(Echo.class), context);
            assertEquals(List.of(EndpointScanInitializer.class.getName()), loader.defined());

            assertEquals(Map.of("/echo", "ANNOTATION_SCAN"), initializer.getMethod("endpointsIn",
                    jakarta.servlet.ServletContext.class).invoke(null, context));
            assertTrue(loader.defined().contains(EndpointScan.class.getName()), "the scan loads when asked: "
                    + loader.defined());
        }
    }

    /** The initializer writes constant names (it loads no phrases); the filter reads them, and an earlier build's labels. */
    @Test
    void theFilterReadsTheSourcesTheInitializerWrote() {
        assertEquals(EndpointSource.ANNOTATION_SCAN, StartupInspector.initializerSource(EndpointScan.FROM_ANNOTATION));
        assertEquals(EndpointSource.APPLICATION_CONFIG,
                StartupInspector.initializerSource(EndpointScan.FROM_APPLICATION_CONFIG));
        assertEquals(EndpointSource.ANNOTATION_SCAN, StartupInspector.initializerSource("annotation scan"));
        assertEquals(null, StartupInspector.initializerSource("something else"));
        assertEquals(null, StartupInspector.initializerSource(null));
    }
}
