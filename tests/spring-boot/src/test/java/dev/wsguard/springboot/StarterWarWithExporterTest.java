package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.wsguard.springboot.war.WarEcho;
import dev.wsguard.springboot.war.WarWithEmbeddedOnlyExporter;
import dev.wsguard.springboot.war.WarWithExporter;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.war.DeployedServer;
import dev.wsguard.testkit.war.JettyWarDeployer;
import dev.wsguard.testkit.war.TomcatWarDeployer;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WebApp;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.util.ClassUtils;

/**
 * A Boot WAR with a {@code ServerEndpointExporter}, deployed into an external container that scans it as its
 * distribution does: the test kit's {@link TomcatWarDeployer} ({@code Tomcat.addWebapp} on an exploded WAR:
 * {@code ContextConfig}, the container's initializers, the {@code @HandlesTypes} scan of {@code WEB-INF/classes}).
 * Tomcat's own {@code WsSci} deploys the {@code @ServerEndpoint} class it finds there, and Spring's
 * {@code SpringServletContainerInitializer} starts the application, whose exporter deploys the same class again.
 * Tomcat ignores that second deployment (the WebSocket specification says to), Jetty 12.0 puts it in place of the
 * first, so the WAR deploys and the endpoint works; the starter says at startup, on wsguard's logger, that the
 * exporter deployed the WAR's endpoint again in an external container, naming the class, its path and the fix; with
 * the fix, it says nothing. The modules whose server the test kit deploys WARs on host it: Tomcat 10.1 and 11 with
 * {@link TomcatWarDeployer}, Jetty 12.0 (ee10, with its annotations module) with {@link JettyWarDeployer}.
 */
class StarterWarWithExporterTest {

    private static final String CONTEXT = "/boot";
    private static final String AGAIN = "The ServerEndpointExporter deploys ";

    private GuardLogCapture log;

    @TempDir
    Path dir;

    /** The external container: this module's own server, where the test kit deploys WARs on it. */
    private WarDeployer deployer;
    private String serverInfo;

    /** How the test kit deploys a WAR on one container. */
    @FunctionalInterface
    private interface WarDeployer {
        DeployedServer start(boolean webSocket, List<WebApp> apps) throws Exception;
    }

    @BeforeEach
    void onThisModulesServer() {
        if (ClassUtils.isPresent("org.apache.catalina.startup.Tomcat", null)) {
            deployer = TomcatWarDeployer::start;
            serverInfo = "Apache Tomcat/";
        } else if (ClassUtils.isPresent("org.eclipse.jetty.ee10.webapp.WebAppContext", null)
                && ClassUtils.isPresent("org.eclipse.jetty.ee10.annotations.AnnotationConfiguration", null)) {
            deployer = JettyWarDeployer::start;
            serverInfo = "jetty/";
        }
        assumeTrue(deployer != null, "the test kit deploys WARs on Tomcat and on Jetty ee10 only; this module has"
                + " neither");
        log = GuardLogCapture.attach();
    }

    @AfterEach
    void detach() {
        if (log != null) {
            log.close();
        }
    }

    @Test
    void theExporterDeploysTheWarsEndpointAgainAndTheStarterSaysSoWithTheFix() throws Exception {
        Path war = WarBuilder.create().guardJar().classes(WarWithExporter.class, WarEcho.class)
                .build(dir.resolve("exporter"));
        int reported = RecordingFailureAnalysisReporter.mark();
        try (DeployedServer server = deployer.start(true, List.of(WebApp.at(CONTEXT, war)))) {
            assertEchoes(server);
            String again = log.find(m -> m.startsWith(AGAIN), GuardLogCapture.APPEAR_TIMEOUT)
                    .orElseThrow(() -> new AssertionError("the starter said nothing: " + log.describe()));
            assertTrue(again.startsWith(AGAIN + WarEcho.class.getName() + " at " + WarEcho.PATH
                    + " again in an external container (" + serverInfo), again);
            assertTrue(again.contains("the exporter is for embedded servers only"), again);
            assertTrue(again.endsWith("Fix: Declare the ServerEndpointExporter bean only for the embedded server"
                    + " (annotate its @Bean method with @ConditionalOnNotWarDeployment), or remove it and let the"
                    + " container deploy the @ServerEndpoint classes it finds in the WAR."), again);
        }
        assertEquals(List.of(), RecordingFailureAnalysisReporter.since(reported), "the WAR deployed");
    }

    @Test
    void withTheExporterOnlyForTheEmbeddedServerTheContainersEndpointAnswersAndTheStarterSaysNothing()
            throws Exception {
        Path war = WarBuilder.create().guardJar().classes(WarWithEmbeddedOnlyExporter.class, WarEcho.class)
                .build(dir.resolve("fixed"));
        int mark = log.mark();
        try (DeployedServer server = deployer.start(true, List.of(WebApp.at(CONTEXT, war)))) {
            assertEchoes(server);
            String wsg00 = log.awaitCode("WSG00");
            assertTrue(wsg00.contains(WarEcho.PATH + " from annotation scan"), wsg00);
            List<String> before = log.linesBefore(Marker.at(server.port(), CONTEXT), mark);
            assertTrue(before.stream().noneMatch(m -> m.startsWith(AGAIN)), before.toString());
        }
    }

    /** The container's endpoint upgrades a handshake and echoes. */
    private static void assertEchoes(DeployedServer server) throws Exception {
        try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + WarEcho.PATH))) {
            assertEquals(101, response.status(), response.head());
            WebSocketFrames.sendText(response.upgradedOutput(), "over the container's endpoint");
            assertEquals("over the container's endpoint", WebSocketFrames.read(response.upgradedInput()).text());
        }
    }
}
