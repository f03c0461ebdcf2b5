package dev.wsguard.containers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** Objects shaped like each container's internals, as far as the probes read them. */
class ContainerEndpointsTest {

    public interface PathSpec {
        String getDeclaration();
    }

    public interface Matched {
        PathSpec getPathSpec();
    }

    /** Jetty's PathMappings: a Map keyed by PathSpec, with getMatched(path). */
    public static final class PathMappings extends LinkedHashMap<PathSpec, Object> {
        private static final long serialVersionUID = 1L;

        public Matched getMatched(String path) {
            for (PathSpec spec : keySet()) {
                if (spec.getDeclaration().equals(path)) {
                    return () -> spec;
                }
            }
            return null;
        }
    }

    /** Jetty: a private field "mappings" holding the PathMappings. */
    static final class JettyMappings {
        @SuppressWarnings("unused")
        private final PathMappings mappings = new PathMappings();

        JettyMappings(String... declarations) {
            for (String d : declarations) {
                mappings.put(() -> d, new Object());
            }
        }
    }

    public interface EndpointConfig {
        String getPath();
    }

    record Match(EndpointConfig config) {
    }

    public record MappingResult(EndpointConfig config) {
    }

    /** Tomcat's two private maps, as both 10.1 and 11 hold them: /echo exact, /chat/{room} as a template. */
    abstract static class TomcatMaps<M> {
        @SuppressWarnings("unused")
        private final Map<String, Object> configExactMatchMap = new LinkedHashMap<>();
        @SuppressWarnings("unused")
        private final Map<Integer, TreeMap<String, M>> configTemplateMatchMap = new LinkedHashMap<>();

        TomcatMaps(M chat) {
            configExactMatchMap.put("/echo", new Object());
            TreeMap<String, M> two = new TreeMap<>();
            two.put("/chat/{}", chat);
            configTemplateMatchMap.put(2, two);
        }
    }

    /** Tomcat 11: the maps, and a public findMapping returning a record. */
    public static final class WsServerContainer extends TomcatMaps<Match> {
        WsServerContainer() {
            super(new Match(() -> "/chat/{room}"));
        }

        public MappingResult findMapping(String path) {
            return path.equals("/echo") ? new MappingResult(() -> "/echo") : null;
        }
    }

    /** Tomcat 10.1's TemplatePathMatch: a plain class with a public getConfig(), no record accessor. */
    static final class TemplatePathMatch101 {
        private final EndpointConfig config;

        TemplatePathMatch101(EndpointConfig config) {
            this.config = config;
        }

        public EndpointConfig getConfig() {
            return config;
        }
    }

    /** Tomcat 10.1's WsMappingResult: package-private, with a package-private getConfig(). */
    static final class MappingResult101 {
        private final EndpointConfig config;

        MappingResult101(EndpointConfig config) {
            this.config = config;
        }

        EndpointConfig getConfig() {
            return config;
        }
    }

    /** Tomcat 10.1: the same maps and findMapping as 11, but results and matches are not records. */
    public static final class WsServerContainer101 extends TomcatMaps<TemplatePathMatch101> {
        WsServerContainer101() {
            super(new TemplatePathMatch101(() -> "/chat/{room}"));
        }

        public MappingResult101 findMapping(String path) {
            return path.startsWith("/chat/") ? new MappingResult101(() -> "/chat/{room}") : null;
        }
    }

    public interface Configured {
        EndpointConfig getEndpointConfiguration();
    }

    /** Undertow: getConfiguredServerEndpoints(). */
    public static final class ServerWebSocketContainer {
        public Iterable<Configured> getConfiguredServerEndpoints() {
            Configured a = () -> () -> "/live";
            return List.of(a);
        }
    }

    @Test
    void readsJettyMappings() {
        assertEquals(List.of("/echo", "/chat/{room}"),
                ContainerEndpoints.list(new Object(), new JettyMappings("/echo", "/chat/{room}", "^regex$")));
    }

    @Test
    void asksJettyWhichEndpointServesAPath() {
        JettyMappings jetty = new JettyMappings("/echo");
        assertEquals("/echo", ContainerEndpoints.findMapping(null, jetty, "/echo"));
        assertNull(ContainerEndpoints.findMapping(null, jetty, "/other"));
        assertEquals("/echo", ContainerEndpoints.findMapping(new WsServerContainer(), new Object(), "/echo"),
                "falls back to Tomcat's findMapping");
    }

    @Test
    void readsTomcatMapsAndAsksFindMapping() {
        WsServerContainer tomcat = new WsServerContainer();
        assertEquals(List.of("/echo", "/chat/{room}"), ContainerEndpoints.list(tomcat, null));
        assertEquals("/echo", ContainerEndpoints.findMapping(tomcat, "/echo"));
        assertNull(ContainerEndpoints.findMapping(tomcat, "/nope"));
    }

    @Test
    void readsTomcat101WhoseResultsHaveGetConfigInsteadOfARecordAccessor() {
        WsServerContainer101 tomcat = new WsServerContainer101();
        assertEquals(List.of("/echo", "/chat/{room}"), ContainerEndpoints.list(tomcat, null));
        assertEquals("/chat/{room}", ContainerEndpoints.findMapping(tomcat, "/chat/lobby"));
        assertEquals("/chat/{room}", ContainerEndpoints.findMapping(tomcat, new Object(), "/chat/lobby"));
        assertNull(ContainerEndpoints.findMapping(tomcat, "/nope"));
    }

    @Test
    void readsUndertowEndpoints() {
        assertEquals(List.of("/live"), ContainerEndpoints.list(new ServerWebSocketContainer(), null));
    }

    @Test
    void unknownContainersSayNothingAndNeverThrow() {
        assertNull(ContainerEndpoints.list(new Object(), null));
        assertNull(ContainerEndpoints.list(null, null));
        assertNull(ContainerEndpoints.list("a string", "another"));
        assertNull(ContainerEndpoints.findMapping(new Object(), "/echo"));
        assertNull(ContainerEndpoints.findMapping(null, "/echo"));
    }

    @Test
    void implementationsAreRecognisedByClassName() {
        assertEquals(WebSocketImplementation.JETTY,
                WebSocketImplementation.ofFilter("org.eclipse.jetty.ee10.websocket.servlet.WebSocketUpgradeFilter"));
        assertEquals(WebSocketImplementation.TOMCAT,
                WebSocketImplementation.ofFilter("org.apache.tomcat.websocket.server.WsFilter"));
        assertEquals(WebSocketImplementation.TYRUS,
                WebSocketImplementation.ofFilter("org.glassfish.tyrus.servlet.TyrusServletFilter"));
        assertNull(WebSocketImplementation.ofFilter("org.eclipse.jetty.ee10.servlets.CrossOriginFilter"));
        assertEquals(WebSocketImplementation.TYRUS, WebSocketImplementation.ofClass(
                "org.glassfish.tyrus.servlet.TyrusServletContainerInitializer$TyrusServerContainerImpl"));
        assertNull(WebSocketImplementation.ofClass("com.example.Mine"));
    }

    @Test
    void compatibilityOfOneImplementationIsFine() {
        Map<WebSocketImplementation, String> jetty = Map.of(WebSocketImplementation.JETTY, "f");
        assertEquals(List.of(), Compatibility.problems(ContainerProfile.JETTY, "ee10", "jetty/12.1.14", jetty));
        Map<WebSocketImplementation, String> tyrus = Map.of(WebSocketImplementation.TYRUS, "t");
        assertEquals(List.of(), Compatibility.problems(ContainerProfile.GLASSFISH, "ee10", "GlassFish 0.0.0", tyrus));
        assertEquals(1, Compatibility.problems(ContainerProfile.TOMCAT, "ee10", "Apache Tomcat/11.0.27", tyrus).size());
    }

    @Test
    void tyrusOnTomcatSaysWhereTheFailureShowsAndTheFix() {
        String onTomcat = Compatibility.problems(ContainerProfile.TOMCAT, "ee10", "Apache Tomcat/11.0.27",
                Map.of(WebSocketImplementation.TYRUS, "t")).get(0);
        // Observed on Tomcat 10.1 and 11 (TyrusServletContract): nothing in the container log, only @OnError hears it.
        assertTrue(onTomcat.contains("It is illegal to call canWrite()"), onTomcat);
        assertTrue(onTomcat.contains("only the endpoint's @OnError hears: neither Tomcat nor Tyrus logs it"), onTomcat);
        assertTrue(onTomcat.contains("Fix: remove the Tyrus jars from the webapp"), onTomcat);
    }

    @Test
    void tyrusOnJettyNamesHowThisJettyLineFails() {
        Map<WebSocketImplementation, String> tyrus = Map.of(WebSocketImplementation.TYRUS, "t");
        String on120 = Compatibility.problems(ContainerProfile.JETTY, "ee10", "jetty/12.0.30", tyrus).get(0);
        assertTrue(on120.contains("Jetty 12.0 answers every handshake 500 \"Not implemented\""), on120);
        assertFalse(on120.contains("Cannot upgrade committed response"), on120);
        String on121 = Compatibility.problems(ContainerProfile.JETTY, "ee10", "jetty/12.1.14", tyrus).get(0);
        assertTrue(on121.contains("loops on \"Cannot upgrade committed response\""), on121);
        assertFalse(on121.contains("Not implemented"), on121);
        String unknown = Compatibility.problems(ContainerProfile.JETTY, "ee10", "Jetty(embedded)", tyrus).get(0);
        assertTrue(unknown.contains("Cannot upgrade committed response") && unknown.contains("Not implemented"),
                unknown);
    }
}
