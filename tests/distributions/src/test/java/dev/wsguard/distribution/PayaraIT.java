package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.ServerLog.Diagnosis;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Payara Server 6 as its users run it (see {@link PayaraServer}): one domain for every context, each a WAR dropped
 * into autodeploy/. The sample WAR as built (wsguard in its web.xml, log mode) at /sample and the same app without
 * wsguard at /sample-without-wsguard (the differential), the S4 fixture at /echo-only, a webapp without endpoints at
 * /plain, S5's context /no-websocket (an endpoint declared, not packaged), and a ROOT at "/" that runs wsguard and
 * nothing else: the case, where Tyrus gives a context without endpoints no ServerContainer. There a handshake
 * that forgot its context path must get the hint to the context that serves it, and the ROOT must log no WSG10.
 * Last, the sample is redeployed by dropping its WAR again.
 *
 * <p>ROOT.war lands at /ROOT on Payara (autodeploy takes the context root from the file name): the ROOT here says
 * {@code <context-root>/</context-root>} in its WEB-INF/glassfish-web.xml, as {@code asadmin deploy --contextroot /}
 * would.
 */
class PayaraIT extends SampleSetUp<PayaraServer> implements LogModeDifferential, Redeploys {

    /** The contexts with wsguard, by the name their WSG00 gives them. */
    private static final List<String> GUARDED = List.of("/sample", "/echo-only", "/plain", "/no-websocket");
    private static final String ROOT = "ROOT";

    @Override
    protected PayaraServer startServer() throws Exception {
        Path apps = Files.createDirectories(Distribution.work().resolve("payara-apps"));
        Map<String, Path> wars = new LinkedHashMap<>();
        wars.put("sample.war", Distribution.sampleWar());
        wars.put("sample-without-wsguard.war", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        wars.put("echo-only.war", PayaraServer.war(WebApps.echoEndpointOnly(fresh(apps.resolve("echo-only")),
                Map.of()), apps.resolve("echo-only.war")));
        wars.put("plain.war", PayaraServer.war(WebApps.plainWebapp(fresh(apps.resolve("plain")), Map.of(), Map.of()),
                apps.resolve("plain.war")));
        wars.put("root.war", PayaraServer.war(rootWithWsguardOnly(fresh(apps.resolve("root"))), apps.resolve("root.war")));
        wars.put("no-websocket.war", PayaraServer.war(endpointDeclaredNotPackaged(fresh(apps.resolve("no-websocket"))),
                apps.resolve("no-websocket.war")));
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        return PayaraServer.start("payara", wars);
    }

    /** ODL writes a record as a header line and the message line; {@link PayaraServer#LOG_FORMAT} reads both. */
    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    /** The fixtures' own filters set nothing, so wsguard's default applies. */
    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    /**
     * S8b at an endpoint of the sample rather than at /ws: Tyrus answers a handshake without a version (426) only
     * at its endpoints' paths, and the catalogue's GlassFish answer is the one at an endpoint. /chat/lobby (the
     * /chat/{room} endpoint) keeps S8b off /echo, where S8a's line would make it a repeat within the log window.
     */
    @Test
    @Override
    void s8MissingVersionIsDiagnosedWsg05Once() throws Exception {
        replay.s8MissingVersionAt("/sample", "/chat/lobby", sampleMode());
    }

    @Test
    void eachGuardedContextReportsItsStartupOnceInLogMode() throws Exception {
        assertEquals(Map.of("/echo-only", "log", "/plain", "log", "/sample", "log", "/no-websocket", "log", ROOT, "log"),
                replay.awaitStartupReports("/sample", "/echo-only", "/plain", "/no-websocket", ROOT));
        assertOneStartupReportPerContext(GUARDED);
        replay.markerLogged("");
        assertEquals(1, replay.startupReports(ROOT), () -> "WSG00 lines for ROOT; log:\n" + server.log().text());
    }

    /**
     * The first defect: Tyrus publishes no ServerContainer in a context whose WAR holds no endpoint, and
     * wsguard took that for WebSocket support missing (WSG10, "package the endpoint classes inside the WAR"). Such a
     * context has nothing to serve: no WSG10 from any context, and the WSG00 of the ROOT and of /plain say why there
     * is no container. A context writes its WSG10 before its WSG00, so once every WSG00 is there, none can follow.
     */
    @Test
    void contextsWithNothingToServeLogNoWsg10() throws Exception {
        replay.awaitStartupReports("/sample", "/echo-only", "/plain", "/no-websocket", ROOT);
        // The one WSG10 of the domain is /no-websocket's, whose endpoint is declared (S5 below).
        assertEquals(List.of("/no-websocket"), server.log().diagnoses("WSG10").stream()
                .map(d -> d.message().replaceFirst("^No jakarta\\.websocket\\.server\\.ServerContainer in context (\\S+) .*$",
                        "$1")).toList(), () -> "log:\n" + server.log().text());
        for (String context : List.of(ROOT, "/plain")) {
            Diagnosis report = server.log().diagnoses("WSG00").stream()
                    .filter(d -> d.mentions(" guards context " + context + " ")).findFirst().orElse(null);
            assertNotNull(report, context);
            assertTrue(report.mentions("WebSocket container: none, as GlassFish/Payara (Tyrus) publishes none in a"
                    + " context without endpoints (nothing to serve)"), report::raw);
        }
    }

    /**
     * The second defect: a handshake to /echo without the context path, caught by the ROOT, was told
     * "WebSocket support is not enabled in this context". The ROOT asks the other contexts first, in path order (their
     * wsguard MBeans list their endpoints): /echo-only serves /echo before /sample does. The default servlet answers
     * 404 (S4's answer on GlassFish), so the line is a WSG02.
     */
    @Test
    void aHandshakeWithoutItsContextPathIsPointedToTheContextThatServesIt() throws Exception {
        Diagnosis echo = replay.upgradeAnswered404("", "/echo", GuardMode.LOG);
        assertTrue(echo.mentions("Closest endpoint: /echo-only/echo in context /echo-only (the URL lacks that context"
                + " path). Fix the client URL to /echo-only/echo."), echo::raw);
        assertFalse(echo.mentions("not enabled") || echo.mentions("WSG10"), echo::raw);
        // A path only the sample serves: its template, with the context path the URL lacked.
        Diagnosis chat = replay.upgradeAnswered404("", "/chat/lobby", GuardMode.LOG);
        assertTrue(chat.mentions("Closest endpoint: /sample/chat/{room} in context /sample (the URL lacks that context"
                + " path)."), chat::raw);
    }

    /**
     * S5 as Payara can show it: the endpoint /echo is declared to wsguard (its {@code endpoints} init-param) but its
     * class is not in the WAR, so Tyrus is given none and the context gets no ServerContainer: that context has
     * something to serve and no WebSocket support, so WSG10 at startup, and the servlet at "/" answers /echo 200
     * ("WebSocket support is not enabled", with GlassFish's fix). Tyrus cannot be left off for a WAR that holds an
     * endpoint; the embedded GlassFish 7 runs the catalogue's S5 the same way.
     */
    @Test
    void s5EndpointDeclaredButNotInTheWarGetsWsg10AndWsg01() throws Exception {
        replay.awaitStartupReports("/no-websocket");
        Diagnosis wsg10 = server.log().diagnoses("WSG10").stream()
                .filter(d -> d.mentions(" in context /no-websocket ")).findFirst().orElse(null);
        assertNotNull(wsg10, () -> "no WSG10 for /no-websocket; log:\n" + server.log().text());
        assertEquals("SEVERE", wsg10.level(), wsg10::raw);
        assertTrue(wsg10.mentions("1 endpoint is declared: /echo from init-param endpoints. Fix: package the endpoint"
                + " classes (@ServerEndpoint, Endpoint subclasses, ServerApplicationConfig) inside the WAR"), wsg10::raw);
        Diagnosis wsg01 = replay.upgradeToUndeployedEndpoint("/no-websocket", GuardMode.LOG);
        assertTrue(wsg01.mentions("see WSG10)") && wsg01.mentions("Fix: package the endpoint classes"), wsg01::raw);
    }

    /** wsguard told of /echo, a servlet answering 200 at "/", and no endpoint class (see the S5 test). */
    private static Path endpointDeclaredNotPackaged(Path dir) throws IOException {
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <display-name>endpoint declared, not packaged</display-name>
                  <filter>
                    <filter-name>wsguard</filter-name>
                    <filter-class>%s</filter-class>
                    <async-supported>true</async-supported>
                    <init-param><param-name>endpoints</param-name><param-value>/echo</param-value></init-param>
                  </filter>
                  <filter-mapping><filter-name>wsguard</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                  <servlet>
                    <servlet-name>plain</servlet-name>
                    <servlet-class>%s</servlet-class>
                    <async-supported>true</async-supported>
                  </servlet>
                  <servlet-mapping><servlet-name>plain</servlet-name><url-pattern>/</url-pattern></servlet-mapping>
                </web-app>
                """.formatted(WebApps.FILTER_CLASS, PlainTextServlet.class.getName()), StandardCharsets.UTF_8);
        String classFile = PlainTextServlet.class.getName().replace('.', '/') + ".class";
        Path target = webInf.resolve("classes").resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = PlainTextServlet.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IOException("no " + classFile + " on the test class path");
            }
            Files.copy(in, target);
        }
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        Files.copy(Distribution.filterJar(), lib.resolve(Distribution.filterJar().getFileName()));
        return dir;
    }

    /** A webapp whose only content is wsguard (its jar and its filter), at "/" by its glassfish-web.xml. */
    private static Path rootWithWsguardOnly(Path dir) throws IOException {
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <display-name>root with wsguard only</display-name>
                  <filter>
                    <filter-name>wsguard</filter-name>
                    <filter-class>%s</filter-class>
                    <async-supported>true</async-supported>
                  </filter>
                  <filter-mapping><filter-name>wsguard</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                </web-app>
                """.formatted(WebApps.FILTER_CLASS), StandardCharsets.UTF_8);
        Files.writeString(webInf.resolve("glassfish-web.xml"), """
                <?xml version="1.0" encoding="UTF-8"?>
                <glassfish-web-app>
                  <context-root>/</context-root>
                </glassfish-web-app>
                """, StandardCharsets.UTF_8);
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        Files.copy(Distribution.filterJar(), lib.resolve(Distribution.filterJar().getFileName()));
        return dir;
    }

    /** An empty directory for an exploded fixture (a previous run's is removed: WebApps writes into it). */
    private static Path fresh(Path dir) throws IOException {
        PayaraServer.deleteTree(dir);
        return Files.createDirectories(dir);
    }
}
