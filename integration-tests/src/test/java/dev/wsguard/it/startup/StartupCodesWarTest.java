package dev.wsguard.it.startup;

import static dev.wsguard.it.startup.StartupLines.assertLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.it.app.EchoEndpoint;
import dev.wsguard.it.app.PlainTextServlet;
import dev.wsguard.it.client.RawHttp;
import dev.wsguard.it.client.RawRequest;
import dev.wsguard.it.client.RawResponse;
import dev.wsguard.it.containers.RunningServer;
import dev.wsguard.it.fixtures.javax.LegacyEndpoint;
import dev.wsguard.it.logging.GuardLogCapture;
import dev.wsguard.it.startup.app.ApiProbeServlet;
import dev.wsguard.it.wars.IsolatedServers;
import dev.wsguard.it.wars.LocalJars;
import dev.wsguard.it.wars.WarBuilder;
import dev.wsguard.it.wars.WarContainer;
import dev.wsguard.it.wars.WarContainer.WebSocket;
import dev.wsguard.it.wars.WarDirs;
import dev.wsguard.it.wars.WebApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The deployment mistakes of issue 3, each packaged as a real WAR (wsguard's jar in {@code WEB-INF/lib},
 * its filter declared in web.xml, no {@code endpoints} init-param) and deployed the way a container
 * deploys WARs: each must produce its startup code, and the line must name the fix.
 */
class StartupCodesWarTest {

    private static final String CONTEXT = "/app";

    /** wsguard first on {@code /*} in log mode, and a servlet at {@code /} that answers 200 to anything. */
    static WarBuilder guardedApp() {
        return WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/");
    }

    // ---- S5: WebSocket support not initialised ------------------------------------------------------

    static Stream<Arguments> webSocketOffFixes() {
        return Stream.of(
                Arguments.of(WarContainer.JETTY_EE10, List.of("ee10-websocket-jakarta")),
                Arguments.of(WarContainer.TOMCAT, List.of("tomcat-embed-websocket", "WsSci")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("webSocketOffFixes")
    void webSocketSupportOffIsReportedAtStartupAndPerRequest(WarContainer container, List<String> fix)
            throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = guardedApp().classes(EchoEndpoint.class).build(dirs.next("s5"));
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
                assertLine(log, "WSG10", "ee10-websocket-jakarta");
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
                assertLine(log, "WSG11", LegacyEndpoint.CLASS_NAME, "/legacy", "jakarta.websocket");
                try (RawResponse response = RawHttp.exchange(server.port(),
                        RawRequest.validUpgrade(CONTEXT + "/legacy"))) {
                    // No container deploys a javax endpoint here: the servlet at / answers.
                    assertEquals(200, response.status(), () -> "expected the servlet at / to answer:\n" + response);
                }
                assertLine(log, "WSG01", "/app/legacy");
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
            Path war = guardedApp().classes(EchoEndpoint.class).libJar(apiJar).build(dirs.next("api-jar"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                assertLine(log, "WSG12", apiJar.getFileName().toString(), "provided");
            }
        }
    }

    // S18 (Tyrus's servlet integration on Jetty 12 and Tomcat, WSG13) runs per container in containers/*:
    // scenario-suite's TyrusServletSuite.
}
