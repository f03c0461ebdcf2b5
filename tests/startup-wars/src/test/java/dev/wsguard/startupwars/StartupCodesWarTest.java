package dev.wsguard.startupwars;

import dev.wsguard.testkit.log.LineAssertions;

import static dev.wsguard.testkit.log.LineAssertions.assertLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.fixtures.javax.LegacyEndpoint;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.startupwars.app.ApiProbeServlet;
import dev.wsguard.testkit.war.IsolatedServers;
import dev.wsguard.testkit.war.LocalJars;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment mistakes of issue 3, each packaged as a real WAR (wsguard's jar in {@code WEB-INF/lib},
 * its filter declared in web.xml, no {@code endpoints} init-param) and deployed the way a container
 * deploys WARs: each must produce its startup code, and the line must name the fix.
 */
class StartupCodesWarTest {

    private static final String CONTEXT = "/app";

    /** WSG10's fixes on Jetty: the distribution's module, and the call for embedded Jetty. */
    private static final String JETTY_MODULE_FIX = "ee10-websocket-jakarta";
    private static final String JETTY_EMBEDDED_FIX = "JakartaWebSocketServletContainerInitializer.configure";

    /** WSG11's fix clause (the cause names jakarta.websocket too, so these are what prove the fix is given). */
    private static final String[] JAVAX_FIX = {"port the endpoints to jakarta.websocket", "Eclipse Transformer"};

    /** wsguard first on {@code /*} in log mode, and a servlet at {@code /} that answers 200 to anything. */
    static WarBuilder guardedApp() {
        return WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/");
    }

    /** {@link #guardedApp()} with the annotated endpoint {@code /echo}. */
    static WarBuilder guardedEchoApp() {
        return guardedApp().classes(EchoEndpoint.class);
    }

    // ---- S5: WebSocket support not initialised ------------------------------------------------------

    static Stream<Arguments> webSocketOffFixes() {
        return Stream.of(
                // Both ways Jetty offers: the distribution's module, and the embedded call.
                Arguments.of(WarContainer.JETTY_EE10, List.of(JETTY_MODULE_FIX, JETTY_EMBEDDED_FIX)),
                Arguments.of(WarContainer.TOMCAT, List.of("tomcat-embed-websocket", "WsSci")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webSocketOffFixes")
    void webSocketSupportOffIsReportedAtStartupAndPerRequest(WarContainer container, List<String> fix)
            throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = guardedEchoApp().build(dirs.next("s5"));
            try (RunningServer server = container.start(WebSocket.OFF, WebApp.at(CONTEXT, war))) {
                assertLine(log, "WSG10", fix.toArray(new String[0]));
                try (RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + "/echo"))) {
                    assertEquals(200, response.status(), () -> "the servlet at / answers:\n" + response);
                }
                assertLine(log, "WSG01", "WebSocket support is not enabled");
            }
        }
    }

    // ---- No WebSocket API anywhere (a plain servlet container) -------------------------------------

    /**
     * Jetty with no WebSocket jar on its class path at all: wsguard's initializer is declared in its jar
     * for {@code @ServerEndpoint} types that do not exist here; deployment must still succeed.
     */
    @Test
    void jettyWithoutAnyWebSocketApiStillDeploysTheWar() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = guardedApp().servlet("api-probe", ApiProbeServlet.class, ApiProbeServlet.MAPPING)
                    .classes(EchoEndpoint.class).build(dirs.next("no-api"));
            try (RunningServer server = IsolatedServers.start(WarContainer.JETTY_EE10, WebSocket.OFF,
                    IsolatedServers.WEBSOCKET_JARS, WebApp.at(CONTEXT, war))) {
                try (RawResponse probe = RawHttp.exchange(server.port(),
                        RawRequest.get(CONTEXT + ApiProbeServlet.MAPPING).build())) {
                    assertEquals(200, probe.status(), probe::toString);
                    assertTrue(probe.bodyText().contains(ApiProbeServlet.SERVER_ENDPOINT + ": absent"),
                            () -> "the fixture must hide the WebSocket API from the webapp:\n" + probe.bodyText());
                }
                try (RawResponse plain = RawHttp.exchange(server.port(), RawRequest.get(CONTEXT + "/").build())) {
                    assertEquals(200, plain.status(), plain::toString);
                    assertEquals(PlainTextServlet.BODY, plain.bodyText());
                }
                assertLine(log, "WSG10", JETTY_MODULE_FIX, JETTY_EMBEDDED_FIX);
            }
        }
    }

    // ---- S17: javax.websocket endpoints in a jakarta webapp ------------------------------------------

    /** Where the javax-annotated class is packaged. */
    enum Placement {
        WEB_INF_CLASSES {
            @Override
            WarBuilder add(WarBuilder war) {
                return war.classFile(LegacyEndpoint.CLASS_NAME);
            }
        },
        JAR_IN_WEB_INF_LIB {
            @Override
            WarBuilder add(WarBuilder war) {
                return war.libJarOfClassFiles("legacy-endpoints-1.0.jar", LegacyEndpoint.CLASS_NAME);
            }
        };

        abstract WarBuilder add(WarBuilder war);
    }

    static Stream<Arguments> containersAndPlacements() {
        return Stream.of(WarContainer.values()).flatMap(c -> Stream.of(Placement.values()).map(p -> Arguments.of(c, p)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndPlacements")
    void javaxEndpointInAJakartaWebappIsNamedWithItsPathAndTheFix(WarContainer container, Placement placement)
            throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = placement.add(guardedApp()).build(dirs.next("s17"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                String line = assertLine(log, "WSG11", LegacyEndpoint.CLASS_NAME, "/legacy",
                        "no javax.websocket API is even on the class path");
                LineAssertions.assertMentions(log, "WSG11", line, JAVAX_FIX);
                try (RawResponse response = RawHttp.exchange(server.port(),
                        RawRequest.validUpgrade(CONTEXT + "/legacy"))) {
                    // No container deploys a javax endpoint here: the servlet at / answers.
                    assertEquals(200, response.status(), () -> "expected the servlet at / to answer:\n" + response);
                }
                assertLine(log, "WSG01", "/app/legacy");
            }
        }
    }

    /**
     * The javax endpoint with the javax API it was compiled against packaged beside it, as a Maven build
     * without {@code <scope>provided</scope>} does: WSG11 must name that API on the class path (the other
     * half of its cause), and WSG12 the packaged jar, each with its own fix.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void javaxEndpointWithTheJavaxApiInWebInfLibNamesBothMistakes(WarContainer container) throws Exception {
        Path apiJar = LocalJars.javaxWebSocketApi();
        String jarName = apiJar.getFileName().toString();
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = guardedApp().classFile(LegacyEndpoint.CLASS_NAME).libJar(apiJar).build(dirs.next("s17-api"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                // A long location is cut from the left, so the jar's own name survives a deep build directory.
                String javax = assertLine(log, "WSG11", LegacyEndpoint.CLASS_NAME, "/legacy",
                        "a javax.websocket API is on the class path (", "/WEB-INF/lib/" + jarName);
                LineAssertions.assertMentions(log, "WSG11", javax, JAVAX_FIX);
                assertLine(log, "WSG12", "WEB-INF/lib/" + jarName, "javax.websocket-api with <scope>provided</scope>");
            }
        }
    }

    // ---- A WebSocket API jar inside WEB-INF/lib ------------------------------------------------------

    enum BundledApi {
        JAKARTA(LocalJars::jakartaWebSocketApi), JAVAX(LocalJars::javaxWebSocketApi);

        final Supplier<Path> jar;

        BundledApi(Supplier<Path> jar) {
            this.jar = jar;
        }
    }

    static Stream<Arguments> containersAndApis() {
        return Stream.of(WarContainer.values()).flatMap(c -> Stream.of(BundledApi.values()).map(a -> Arguments.of(c, a)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndApis")
    void webSocketApiJarInWebInfLibIsNamedWithTheFix(WarContainer container, BundledApi api) throws Exception {
        Path apiJar = api.jar.get();
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = guardedEchoApp().libJar(apiJar).build(dirs.next("api-jar"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                assertLine(log, "WSG12", apiJar.getFileName().toString(), "provided");
            }
        }
    }

    // S18 (Tyrus's servlet integration on Jetty 12 and Tomcat, WSG13) runs per container in tests/embedded/*:
    // container-suite's TyrusServletSuite.
}
