package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.containers.WebSocketImplementation;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.Cause;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.EndpointTemplate;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.ScanState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class StartupReportTest {

    private static StartupFacts.Builder facts(Map<String, String> params, String serverInfo, String container,
            ScanState scan, KnownEndpoint... endpoints) throws Exception {
        return facts(params, serverInfo, container, scan, container != null, endpoints);
    }

    private static StartupFacts.Builder facts(Map<String, String> params, String serverInfo, String container,
            ScanState scan, boolean containerListed, KnownEndpoint... endpoints) throws Exception {
        GuardConfig c = GuardConfig.parse(params, Map.of());
        List<KnownEndpoint> all = new ArrayList<>(List.of(endpoints));
        all.addAll(c.endpoints());
        Deployment d = Deployment.builder("/app", ContainerProfile.fromServerInfo(serverInfo),
                EndpointRegistry.of(all, scan, containerListed)).build();
        return StartupFacts.builder(c, d, serverInfo, "1.0.0").jakartaContainer(container);
    }

    /** What a scan that found one API jar packaged in WEB-INF/lib reports. */
    private static ScanFindings packaged(String jar, String namespace) {
        return found(List.of(), List.of(new ApiJar(jar, namespace)));
    }

    /** What a scan that read nothing but found these reports. */
    private static ScanFindings found(List<JavaxEndpoint> javaxEndpoints, List<ApiJar> apiJars) {
        return new ScanFindings(javaxEndpoints, apiJars, 0, 0, null);
    }

    private static KnownEndpoint endpoint(String path, EndpointSource source) {
        return new KnownEndpoint(EndpointTemplate.parse(path), source);
    }

    private static List<DiagnosisCode> codes(List<StartupLine> lines) {
        return lines.stream().map(StartupLine::code).collect(Collectors.toList());
    }

    private static StartupLine only(List<StartupLine> lines, DiagnosisCode code) {
        List<StartupLine> l = lines.stream().filter(x -> x.code() == code).collect(Collectors.toList());
        assertEquals(1, l.size(), lines.toString());
        assertTrue(l.get(0).text().startsWith(code + " "), l.get(0).text());
        assertFalse(l.get(0).text().contains("\n"));
        return l.get(0);
    }

    @Test
    void summaryNamesEndpointsBySourceScanStateAndCost() throws Exception {
        StartupFacts f = facts(Map.of(), "jetty/12.1.14", "org.x.ServerContainerImpl", ScanState.RAN,
                endpoint("/echo", EndpointSource.ANNOTATION_SCAN), endpoint("/chat/{room}", EndpointSource.ANNOTATION_SCAN),
                endpoint("/prog", EndpointSource.CONTAINER))
                .scanStatus("ran (2 annotated, 0 programmatic, 0 ServerApplicationConfig)")
                .webapp(new ScanFindings(List.of(), List.of(), 5000, 1, null))
                .nanos(42_000_000).build();
        List<StartupLine> lines = StartupReport.lines(f);
        assertEquals(List.of(DiagnosisCode.WSG00), codes(lines));
        assertEquals("WSG00 wsguard 1.0.0 guards context /app (jetty/12.1.14): mode=log, plain-requests=log,"
                + " buffer-limit=65536, log-window=60s; WebSocket container: org.x.ServerContainerImpl (jakarta);"
                + " endpoints known: 3 (/echo, /chat/{room} from annotation scan; /prog from container mappings);"
                + " endpoint scan: ran (2 annotated, 0 programmatic, 0 ServerApplicationConfig); container mappings:"
                + " read; startup checks: 5000 classes in 1 jars scanned in 42 ms.", lines.get(0).text());
    }

    @Test
    void aScanCutShortSaysWhichBoundAndHowFarItGot() throws Exception {
        StartupFacts f = facts(Map.of(), "jetty/12.1.14", "c", ScanState.RAN).webapp(new ScanFindings(List.of(),
                List.of(), 3, 1, "time budget of 5000 ms reached in WEB-INF/lib/x.jar after 3 classes in 1 jars (1 MiB"
                        + " read); byte cap of 128 MiB per jar reached in WEB-INF/lib/big.jar (the rest of that jar was"
                        + " not scanned)")).build();
        StartupLine s = only(StartupReport.lines(f), DiagnosisCode.WSG00);
        assertTrue(s.text().endsWith(" (scan incomplete: time budget of 5000 ms reached in WEB-INF/lib/x.jar after 3"
                + " classes in 1 jars (1 MiB read); byte cap of 128 MiB per jar reached in WEB-INF/lib/big.jar (the"
                + " rest of that jar was not scanned))."), s.text());
    }

    @Test
    void anInitializerOrderedOutIsCalledUnavailableAndTheLineNamesTheOrderingFix() throws Exception {
        // The rule: an absolute-ordering that leaves the jar out is "endpoint registry unavailable", with
        // the fix, even where the container's mappings still name what is deployed.
        for (boolean mappingsRead : new boolean[] {false, true}) {
            StartupLine s = only(StartupReport.lines(facts(Map.of(), "jetty/12", "c", ScanState.ORDERED_OUT,
                    mappingsRead).build()), DiagnosisCode.WSG00);
            assertTrue(s.text().contains("endpoint scan: endpoint registry unavailable: wsguard's initializer did not"
                    + " run: the <absolute-ordering> in web.xml leaves its jar out"), s.text());
            assertTrue(s.text().contains(mappingsRead ? "container mappings: read (deployed endpoints are still known"
                    + " from them)" : "container mappings: not readable"), s.text());
            assertTrue(s.text().endsWith(" Fix: add <others/> or <name>wsguard</name> to the <absolute-ordering> in"
                    + " web.xml so wsguard's initializer runs, or list the endpoints in the endpoints init-param."),
                    s.text());
        }
    }

    @Test
    void anEmbeddedServerThatRunsNoInitializersNeedsAFixOnlyWhereItsMappingsCannotBeRead() throws Exception {
        StartupLine read = only(StartupReport.lines(facts(Map.of(), "jetty/12", "c", ScanState.NOT_RUN, true,
                endpoint("/prog", EndpointSource.CONTAINER)).build()), DiagnosisCode.WSG00);
        assertTrue(read.text().contains("endpoint scan: endpoint registry unavailable: wsguard's initializer did not"
                + " run (the container runs no initializers from jars"), read.text());
        assertTrue(read.text().contains("container mappings: read (deployed endpoints are still known from them)"),
                read.text());
        assertFalse(read.text().contains("Fix:"), "nothing deployed goes unseen: " + read.text());

        StartupLine unread = only(StartupReport.lines(facts(Map.of(), "jetty/12", "c", ScanState.NOT_RUN, false).build()),
                DiagnosisCode.WSG00);
        assertTrue(unread.text().endsWith(" Fix: list the endpoints in the endpoints init-param."), unread.text());
        assertFalse(unread.text().contains("<absolute-ordering>"), "no ordering is to blame: " + unread.text());
    }

    @Test
    void aScanThatRanSaysNothingOfAnUnavailableRegistry() throws Exception {
        StartupLine s = only(StartupReport.lines(facts(Map.of(), "jetty/12", "c", ScanState.RAN, true,
                endpoint("/prog", EndpointSource.CONTAINER)).build()), DiagnosisCode.WSG00);
        assertFalse(s.text().contains("unavailable"), s.text());
        assertFalse(s.text().contains("Fix:"), s.text());
        assertTrue(s.text().contains("; container mappings: read; "), s.text());
    }

    @Test
    void aScanThatRanIsCompleteEvenWhenTheContainerCannotBeRead() throws Exception {
        StartupLine s = only(StartupReport.lines(facts(Map.of(), "Apache Tomcat/10.1.48", "c", ScanState.RAN, false).build()),
                DiagnosisCode.WSG00);
        assertFalse(s.text().contains("unavailable"), s.text());
        assertFalse(s.text().contains("Fix:"), s.text());
        assertTrue(s.text().contains("endpoint scan: ran; container mappings: not readable"), s.text());
    }

    @Test
    void missingContainerIsSevereWhenEndpointsExistAndNamesTheFix() throws Exception {
        List<StartupLine> lines = StartupReport.lines(facts(Map.of("endpoints", "/echo"), "Apache Tomcat/11.0.27", null,
                ScanState.RAN).build());
        assertEquals(List.of(DiagnosisCode.WSG10, DiagnosisCode.WSG00), codes(lines));
        assertEquals(Cause.NO_WEBSOCKET_CONTAINER, lines.get(0).cause());
        assertEquals(null, lines.get(1).cause(), "the summary names no cause");
        StartupLine l = lines.get(0);
        assertEquals(Level.SEVERE, l.level());
        assertTrue(l.text().startsWith("WSG10 No jakarta.websocket.server.ServerContainer in context /app"
                + " (Apache Tomcat/11.0.27): WebSocket support is not enabled here"), l.text());
        assertTrue(l.text().contains("1 endpoint is declared: /echo from init-param endpoints"), l.text());
        // Only a framework's own handlers take their paths and fail (the Spring Boot tests show that clause).
        assertFalse(l.text().contains("the framework's handlers"), l.text());
        assertTrue(l.text().contains("tomcat-embed-websocket") && l.text().contains("WsSci"), l.text());
        assertTrue(lines.get(1).text().contains("WebSocket container: none (see WSG10)"));
        List<StartupLine> jetty = StartupReport.lines(facts(Map.of(), "jetty/12.1.14", null, ScanState.NO_API).build());
        assertEquals(Level.WARNING, jetty.get(0).level());
        assertTrue(jetty.get(0).text().contains("ee10-websocket-jakarta"), jetty.get(0).text());
    }

    /**
     * On GlassFish and Payara a WAR without endpoints gets no ServerContainer from Tyrus: nothing to serve, so no WSG10
     * (which would tell a ROOT that only catches stray URLs to package endpoint classes), and WSG00 says why there is
     * no container. Declared endpoints, or javax ones, without a container still get WSG10.
     */
    @Test
    void aGlassFishContextWithNothingToServeGetsNoWsg10() throws Exception {
        String payara = "Payara Server 6.2025.9";
        List<StartupLine> nothing = StartupReport.lines(facts(Map.of(), payara, null, ScanState.RAN).build());
        assertEquals(List.of(DiagnosisCode.WSG00), codes(nothing));
        assertTrue(nothing.get(0).text().contains("; WebSocket container: none, as GlassFish/Payara (Tyrus) publishes"
                + " none in a context without endpoints (nothing to serve); endpoints known: none;"), nothing.get(0).text());

        List<StartupLine> declared = StartupReport.lines(facts(Map.of("endpoints", "/echo"), payara, null,
                ScanState.RAN).build());
        assertEquals(List.of(DiagnosisCode.WSG10, DiagnosisCode.WSG00), codes(declared));
        assertTrue(declared.get(1).text().contains("WebSocket container: none (see WSG10)"), declared.get(1).text());

        List<StartupLine> javax = StartupReport.lines(facts(Map.of(), payara, null, ScanState.RAN)
                .webapp(found(List.of(JavaxEndpoint.annotated("com.example.Legacy", "/legacy", "WEB-INF/classes")),
                        List.of())).build());
        assertEquals(List.of(DiagnosisCode.WSG10, DiagnosisCode.WSG11, DiagnosisCode.WSG00), codes(javax));

        // Without the scan wsguard cannot know there is nothing to serve.
        assertEquals(DiagnosisCode.WSG10, StartupReport.lines(facts(Map.of(), payara, null, ScanState.NOT_RUN).build())
                .get(0).code());
        // Tomcat publishes its container in every context: none there is support missing.
        assertEquals(DiagnosisCode.WSG10, StartupReport.lines(facts(Map.of(), "Apache Tomcat/11.0.27", null,
                ScanState.RAN).build()).get(0).code());
    }

    @Test
    void javaxEndpointsAreSevereAndNamed() throws Exception {
        StartupFacts f = facts(Map.of(), "jetty/12.1.14", "c", ScanState.RAN)
                .webapp(found(List.of(JavaxEndpoint.annotated("com.example.Legacy", "/legacy", "WEB-INF/classes"),
                        JavaxEndpoint.programmatic("com.example.Old", "WEB-INF/lib/old.jar")), List.of()))
                .javaxApiCopies(List.of("jar:file:/w/WEB-INF/lib/javax.websocket-api-1.1.jar!/x")).build();
        StartupLine l = only(StartupReport.lines(f), DiagnosisCode.WSG11);
        assertEquals(Cause.JAVAX_ENDPOINTS_IN_JAKARTA_WEBAPP, l.cause());
        assertEquals(Level.SEVERE, l.level());
        assertTrue(l.text().startsWith("WSG11 2 javax.websocket endpoints com.example.Legacy (@ServerEndpoint(\"/legacy\"),"
                + " WEB-INF/classes), com.example.Old (extends javax.websocket.Endpoint, WEB-INF/lib/old.jar) found in"
                + " a jakarta webapp (context /app (jetty/12.1.14))"), l.text());
        assertTrue(l.text().contains("handshakes to /legacy reach ordinary resources"), l.text());
        assertTrue(l.text().contains("a javax.websocket API is on the class path (jar:file:"), l.text());
        assertTrue(l.text().endsWith("Fix: port the endpoints to jakarta.websocket (rename the javax.websocket"
                + " imports, or run the Eclipse Transformer on the jar), and remove javax.websocket-api from the"
                + " webapp."), l.text());
    }

    @Test
    void aJavaxApiOnTheClassPathIsNamedEvenWithoutEndpoints() throws Exception {
        StartupFacts.Builder f = facts(Map.of(), "Apache Tomcat/11.0.27", "c", ScanState.RAN)
                .javaxApiCopies(List.of("jar:file:/srv/tomcat/lib/javax.websocket-api-1.1.jar!/x"));
        StartupLine l = only(StartupReport.lines(f.build()), DiagnosisCode.WSG11);
        assertEquals(Cause.JAVAX_API_ON_CLASS_PATH, l.cause());
        assertEquals(Level.WARNING, l.level());
        assertTrue(l.text().startsWith("WSG11 A javax.websocket API is on the class path of context /app (Apache"
                + " Tomcat/11.0.27) (jar:file:/srv/tomcat/lib/javax.websocket-api-1.1.jar!/x)"), l.text());
        assertTrue(l.text().contains("Fix: remove the javax.websocket API from the class path"), l.text());

        // Packaged in WEB-INF/lib, the same API is WSG12's to name: one line per mistake.
        f.webapp(packaged("WEB-INF/lib/javax.websocket-api-1.1.jar", "javax"));
        List<StartupLine> lines = StartupReport.lines(f.build());
        assertTrue(lines.stream().noneMatch(x -> x.code() == DiagnosisCode.WSG11), lines.toString());
        assertEquals(1, lines.stream().filter(x -> x.code() == DiagnosisCode.WSG12).count(), lines.toString());
        assertTrue(lines.stream().anyMatch(x -> x.cause() == Cause.API_JAR_IN_WEBAPP), lines.toString());
    }

    @Test
    void aPackagedJavaxApiIsNotSaidToComeWithTheContainer() throws Exception {
        StartupFacts f = facts(Map.of(), "jetty/12.1.14", "c", ScanState.RAN)
                .webapp(packaged("WEB-INF/lib/javax.websocket-api-1.1.jar", "javax")).build();
        StartupLine l = only(StartupReport.lines(f), DiagnosisCode.WSG12);
        // A jakarta container brings no javax API: the line must not say it does.
        assertFalse(l.text().contains("brings its own"), l.text());
        assertTrue(l.text().contains("a javax.websocket API is of no use on a jakarta container"), l.text());
        assertTrue(l.text().contains("javax.websocket-api with <scope>provided</scope>"), l.text());
    }

    @Test
    void aDeepApiLocationKeepsTheJarsNameAndIsCutFromTheLeft() throws Exception {
        String deep = "jar:file:/" + "very-long-build-directory/".repeat(12) + "WEB-INF/lib/javax.websocket-api-1.1.jar!/x";
        StartupFacts f = facts(Map.of(), "Apache Tomcat/11.0.27", "c", ScanState.RAN).javaxApiCopies(List.of(deep))
                .build();
        StartupLine l = only(StartupReport.lines(f), DiagnosisCode.WSG11);
        assertTrue(l.text().contains("...") && l.text().contains("/WEB-INF/lib/javax.websocket-api-1.1.jar!/x)"),
                l.text());
        assertFalse(l.text().contains("jar:file:/very-long"), l.text());
    }

    @Test
    void javaxApplicationConfigIsNamedAsSuch() throws Exception {
        StartupFacts f = facts(Map.of(), "jetty/12.1.14", "c", ScanState.RAN)
                .webapp(found(List.of(JavaxEndpoint.applicationConfig("com.example.Config", "WEB-INF/classes")),
                        List.of()))
                .build();
        StartupLine l = only(StartupReport.lines(f), DiagnosisCode.WSG11);
        assertTrue(l.text().contains("com.example.Config (implements javax.websocket.server.ServerApplicationConfig,"
                + " WEB-INF/classes)"), l.text());
    }

    @Test
    void packagedApiJarsAndDuplicateCopies() throws Exception {
        StartupFacts f = facts(Map.of(), "Apache Tomcat/11.0.27", "c", ScanState.RAN)
                .webapp(packaged("WEB-INF/lib/jakarta.websocket-api-2.1.1.jar", "jakarta")).build();
        StartupLine l = only(StartupReport.lines(f), DiagnosisCode.WSG12);
        assertTrue(l.text().startsWith("WSG12 WebSocket API jar WEB-INF/lib/jakarta.websocket-api-2.1.1.jar is"
                + " packaged inside the webapp"), l.text());
        assertTrue(l.text().contains("<scope>provided</scope>"), l.text());

        StartupFacts two = facts(Map.of(), "jetty/12.1.14", "c", ScanState.RAN)
                .jakartaApiCopies(List.of("jar:file:/a.jar!/x", "jar:file:/b.jar!/x")).build();
        assertTrue(only(StartupReport.lines(two), DiagnosisCode.WSG12).text().startsWith("WSG12 Two copies of the"
                + " jakarta.websocket API are visible to context /app (jetty/12.1.14): jar:file:/a.jar!/x,"
                + " jar:file:/b.jar!/x."));
    }

    @Test
    void tyrusOnJettyAndTwoImplementations() throws Exception {
        StartupFacts f = facts(Map.of(), "jetty/12.1.14", "org.glassfish.tyrus.X", ScanState.RAN)
                .registration(WebSocketImplementation.JETTY, "org.eclipse.jetty.ee10.websocket.servlet.WebSocketUpgradeFilter")
                .registration(WebSocketImplementation.TYRUS, "org.glassfish.tyrus.servlet.TyrusServletFilter").build();
        List<StartupLine> wsg13 = StartupReport.lines(f).stream().filter(l -> l.code() == DiagnosisCode.WSG13)
                .collect(Collectors.toList());
        assertEquals(2, wsg13.size());
        assertTrue(wsg13.get(0).text().contains("Tyrus's servlet integration"
                + " (org.glassfish.tyrus.servlet.TyrusServletFilter) is registered on Jetty 12"), wsg13.get(0).text());
        assertTrue(wsg13.get(0).text().contains("module ee10-websocket-jakarta"), wsg13.get(0).text());
        assertTrue(wsg13.get(1).text().contains("two WebSocket implementations are registered at once: Jetty"
                + " (org.eclipse.jetty.ee10.websocket.servlet.WebSocketUpgradeFilter) and Tyrus"), wsg13.get(1).text());
        assertEquals(Level.SEVERE, wsg13.get(0).level());
    }

    @Test
    void configWarningsComeFirstAndOffSaysSo() throws Exception {
        List<StartupLine> lines = StartupReport.lines(facts(Map.of("mode", "off", "modes", "x"), "jetty/12", null,
                ScanState.RAN).build());
        assertEquals(List.of(DiagnosisCode.WSG09, DiagnosisCode.WSG00), codes(lines));
        assertTrue(lines.get(0).text().startsWith("WSG09 init-param 'modes' is not a wsguard parameter"));
        assertEquals("WSG00 wsguard 1.0.0 on context /app (jetty/12): mode=off, every request passes through"
                + " unchanged.", lines.get(1).text());
    }
}
