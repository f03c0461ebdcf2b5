package dev.wsguard.startupwars;

import dev.wsguard.testkit.log.LineAssertions;

import static dev.wsguard.testkit.log.LineAssertions.assertLine;
import static dev.wsguard.testkit.log.LineAssertions.lists;
import static dev.wsguard.testkit.log.LineAssertions.sourceOf;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.startupwars.app.ChatRoomEndpoint;
import dev.wsguard.startupwars.app.EchoOnlyApplicationConfig;
import dev.wsguard.startupwars.app.ProgrammaticEndpoint;
import dev.wsguard.startupwars.app.ProgrammaticEndpointListener;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What wsguard knows of a real WAR's endpoints without being told ({@code endpoints} init-param unset):
 * annotated endpoints from its initializer's scan, programmatic ones from the container's own mappings,
 * {@code ServerApplicationConfig} filtering applied, and what it says when its initializer never ran.
 * Then the closest-endpoint hints built from that knowledge, read from the log.
 */
class EndpointKnowledgeWarTest {

    private static final String CONTEXT = "/app";
    private static final String ANNOTATION_SCAN = "annotation scan";
    private static final String CONTAINER_MAPPINGS = "container mappings";
    /** WSG00 when wsguard's initializer was left out, and when nothing else could say which endpoints exist. */
    private static final String NOT_RUN = "wsguard's initializer did not run: the <absolute-ordering> in web.xml leaves"
            + " its jar out";
    private static final String UNAVAILABLE = "endpoint registry unavailable";

    /**
     * wsguard first on {@code /*}, no {@code endpoints} param; a servlet at {@code /} answers 200; annotated
     * {@code /echo} and {@code /chat/{room}}; {@code /prog} added by a listener through the ServerContainer.
     */
    static WarBuilder endpointsApp() {
        return WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/")
                .classes(EchoEndpoint.class, ChatRoomEndpoint.class, ProgrammaticEndpoint.class)
                .listener(ProgrammaticEndpointListener.class);
    }

    // ---- absolute-ordering that leaves wsguard's jar (and so its initializer) out ------------------

    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void filterWorksWhenItsInitializerIsOrderedOut(WarContainer container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            // <absolute-ordering/> with no names: no WEB-INF/lib jar is a fragment, none of their initializers runs.
            Path war = StartupCodesWarTest.guardedEchoApp().absoluteOrdering().build(dirs.next("ordered-out"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                // The issue's rule: the registry is called unavailable and the fix is named; the container's
                // mappings still name the deployed endpoints, so per-request lines can name /echo.
                assertLine(log, "WSG00", UNAVAILABLE + ": " + NOT_RUN,
                        "container mappings: read (deployed endpoints are still known from them)",
                        "<others/>", "<name>" + GUARD_FRAGMENT + "</name>");

                try (RawResponse upgraded = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + "/echo"))) {
                    assertEquals(101, upgraded.status(), () -> "the endpoint must still upgrade:\n" + upgraded
                            + "\nwsguard log:" + log.describe());
                    WebSocketFrames.sendText(upgraded.upgradedOutput(), "still guarded");
                    WebSocketFrames.Frame echo = WebSocketFrames.read(upgraded.upgradedInput());
                    assertEquals("still guarded", echo.text(), "echoed text");
                    WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
                    assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(upgraded.upgradedInput()).opcode());
                }
                try (RawResponse misrouted = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + "/ecco"))) {
                    assertEquals(200, misrouted.status(), misrouted::toString);
                }
                assertLine(log, "WSG01", "/app/ecco", "Closest endpoint: /echo");
            }
        }
    }

    /**
     * The same ordering where the container has no WebSocket support (S5), so its mappings cannot stand in
     * either: then wsguard knows no endpoint at all, must say so, and must name the fix in both its forms,
     * naming wsguard's fragment or letting the other jars in.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void orderedOutWithoutContainerMappingsTheRegistryIsUnavailableAndWsg00NamesTheFix(WarContainer container)
            throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = StartupCodesWarTest.guardedEchoApp().absoluteOrdering().build(dirs.next("ordered-out-no-ws"));
            try (RunningServer server = container.start(WebSocket.OFF, WebApp.at(CONTEXT, war))) {
                assertLine(log, "WSG00", UNAVAILABLE + ": " + NOT_RUN, "container mappings: not readable",
                        "<others/>", "<name>" + GUARD_FRAGMENT + "</name>");
            }
        }
    }

    /** The two absolute-orderings that WSG00 offers as the fix; each must let wsguard's initializer run. */
    enum Ordering {
        /** {@code <absolute-ordering><name>wsguard</name></absolute-ordering>}: wsguard's jar is a named fragment. */
        NAMES_WSGUARD,
        /** {@code <absolute-ordering><others/></absolute-ordering>}: every jar not named, wsguard's included. */
        OTHERS;

        Path build(WarBuilder war, Path dir) throws IOException {
            return war.absoluteOrdering(this == OTHERS ? WarBuilder.OTHERS : GUARD_FRAGMENT).build(dir);
        }
    }

    /** The name wsguard's jar gives itself in META-INF/web-fragment.xml. */
    private static final String GUARD_FRAGMENT = "wsguard";

    static Stream<Arguments> containersAndOrderings() {
        return Stream.of(WarContainer.values()).flatMap(c -> Stream.of(Ordering.values()).map(o -> Arguments.of(c, o)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndOrderings")
    void initializerRunsUnderTheOrderingsWsg00Suggests(WarContainer container, Ordering ordering) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = ordering.build(StartupCodesWarTest.guardedEchoApp(), dirs.next("ordered-in"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                String summary = log.awaitCode("WSG00");
                assertEquals(ANNOTATION_SCAN, sourceOf(summary, "/echo"), () -> ordering
                        + ": wsguard's initializer must have run and found /echo\nWSG00: " + summary);
                assertFalse(summary.contains(UNAVAILABLE), summary);
            }
        }
    }

    // ---- endpoints learned without the init-param ---------------------------------------------------

    /** Whether the WAR carries a ServerApplicationConfig that deploys only {@code /echo} of the annotated endpoints. */
    enum Config {
        SCAN_ALL, APPLICATION_CONFIG_KEEPS_ECHO_ONLY
    }

    static Stream<Arguments> containersAndConfigs() {
        return Stream.of(WarContainer.values()).flatMap(c -> Stream.of(Config.values()).map(v -> Arguments.of(c, v)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndConfigs")
    void endpointsAreLearnedFromTheScanAndTheContainer(WarContainer container, Config config) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            WarBuilder builder = endpointsApp();
            if (config == Config.APPLICATION_CONFIG_KEEPS_ECHO_ONLY) {
                builder.classes(EchoOnlyApplicationConfig.class);
            }
            Path war = builder.build(dirs.next("learned"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war))) {
                String summary = log.awaitCode("WSG00");
                String all = "\nWSG00: " + summary + "\nall wsguard lines:" + log.describe();
                assertEquals(CONTAINER_MAPPINGS, sourceOf(summary, ProgrammaticEndpoint.PATH),
                        "source of the programmatic endpoint " + ProgrammaticEndpoint.PATH + all);
                if (config == Config.SCAN_ALL) {
                    assertEquals(ANNOTATION_SCAN, sourceOf(summary, "/echo"), "source of /echo" + all);
                    assertEquals(ANNOTATION_SCAN, sourceOf(summary, ChatRoomEndpoint.PATH),
                            "source of " + ChatRoomEndpoint.PATH + all);
                } else {
                    assertTrue(lists(summary, "/echo"), "/echo is deployed and must be listed" + all);
                    assertFalse(lists(summary, ChatRoomEndpoint.PATH), ChatRoomEndpoint.PATH
                            + " was filtered out by the ServerApplicationConfig and must not count as deployed" + all);
                }
                // The fixture itself: the listener's endpoint upgrades; the filtered one is really not deployed.
                try (RawResponse prog = RawHttp.exchange(server.port(),
                        RawRequest.validUpgrade(CONTEXT + ProgrammaticEndpoint.PATH))) {
                    assertEquals(101, prog.status(), () -> "programmatic endpoint not deployed:\n" + prog);
                }
                if (config == Config.APPLICATION_CONFIG_KEEPS_ECHO_ONLY) {
                    try (RawResponse chat = RawHttp.exchange(server.port(),
                            RawRequest.validUpgrade(CONTEXT + "/chat/lobby"))) {
                        assertEquals(200, chat.status(), () -> "the container deployed the filtered endpoint:\n" + chat);
                    }
                }
            }
        }
    }

    // ---- closest-endpoint hints, asserted on the log text -------------------------------------------

    /** A valid upgrade the servlet at / answers 200, and what the WSG01 line must say about it. */
    enum Near {
        MISSING_TEMPLATE_SEGMENT("/app/chat",
                "Closest endpoint: /chat/{room} (the URL lacks the endpoint's last path segment)"),
        LETTER_CASE("/app/Echo",
                "Closest endpoint: /echo (the URL differs from it only in letter case (paths are case-sensitive))"),
        TRAILING_SLASH("/app/echo/", "Closest endpoint: /echo (the URL differs from it by a trailing slash)"),
        DOUBLED_CONTEXT_PATH("/app/app/echo", "Closest endpoint: /echo (the URL holds the context path twice)"),
        TYPO("/app/ecco", "Closest endpoint: /echo."),
        PROGRAMMATIC_TRAILING_SLASH("/app/prog/",
                "Closest endpoint: /prog (the URL differs from it by a trailing slash)");

        final String target;
        final String hint;

        Near(String target, String hint) {
            this.target = target;
            this.hint = hint;
        }
    }

    static Stream<Arguments> containersAndNearMisses() {
        return Stream.of(WarContainer.values()).flatMap(c -> Stream.of(Near.values()).map(n -> Arguments.of(c, n)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndNearMisses")
    void nearMissNamesTheClosestEndpoint(WarContainer container, Near near) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path war = endpointsApp().build(dirs.next("near"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at(CONTEXT, war));
                 RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade(near.target))) {
                assertEquals(200, response.status(), () -> near.target + " must reach the servlet at /:\n" + response
                        + "\nwsguard log:" + log.describe());
                assertLine(log, "WSG01", near.target, near.hint);
            }
        }
    }

    /**
     * Two contexts on one server: the root context (its own servlet at / and wsguard) and {@code /app} with
     * {@code /echo}. An upgrade to {@code /echo} without the context path is answered by the root context,
     * whose wsguard must point at the endpoint of the other context.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(WarContainer.class)
    void endpointInAnotherContextIsNamed(WarContainer container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            Path root = WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/")
                    .build(dirs.next("root"));
            Path app = WarBuilder.create().guardFilter(Map.of()).servlet("plain", PlainTextServlet.class, "/")
                    .classes(EchoEndpoint.class).build(dirs.next("app"));
            try (RunningServer server = container.start(WebSocket.ON, WebApp.at("/", root), WebApp.at(CONTEXT, app));
                 RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade("/echo"))) {
                assertEquals(200, response.status(), () -> "the root context's servlet answers:\n" + response);
                assertLine(log, "WSG01", "Closest endpoint: /app/echo in context /app");
            }
        }
    }
}
