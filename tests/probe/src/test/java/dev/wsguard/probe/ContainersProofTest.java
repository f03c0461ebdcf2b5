package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.RunningServer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The probe against the scenario catalogue's apps (docs/scenarios.md) on embedded Jetty 12.1 and Tomcat 11, without
 * wsguard, with wsguard in log mode and in enforce mode: the working endpoint, and the mistakes a client makes from
 * outside (a typo answered by a servlet at {@code /} (S2) or by the default servlet (S4), a trailing slash, the context
 * path left out, a login redirect (S16), WebSocket support never initialised (S5)). Each deployment starts once for the
 * class.
 */
class ContainersProofTest {

    /** Without wsguard ({@code null}), in log mode, in enforce mode. */
    record Where(ContainerKind container, GuardMode mode) {
        @Override
        public String toString() {
            return container.label() + (mode == null ? " without wsguard" : " wsguard " + mode);
        }

        boolean enforcing() {
            return mode == GuardMode.ENFORCE;
        }

        boolean jetty() {
            return container == ContainerKind.JETTY_12_1;
        }
    }

    static Stream<Where> where() {
        List<Where> all = new ArrayList<>();
        for (ContainerKind container : List.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11)) {
            all.add(new Where(container, null));
            all.add(new Where(container, GuardMode.LOG));
            all.add(new Where(container, GuardMode.ENFORCE));
        }
        return all.stream();
    }

    private static final Map<Where, Map<AppSetup, RunningServer>> SERVERS = new LinkedHashMap<>();

    /** The app on that container in that mode, started at its first use and kept for the class. */
    private static synchronized RunningServer server(Where where, AppSetup app) throws Exception {
        Map<AppSetup, RunningServer> started = SERVERS.computeIfAbsent(where, w -> new EnumMap<>(AppSetup.class));
        RunningServer server = started.get(app);
        if (server == null) {
            Deployment deployment = where.mode() == null ? Deployment.of(app) : Guard.deployment(app, where.mode());
            server = where.container().newAdapter().start(deployment);
            started.put(app, server);
        }
        return server;
    }

    @AfterAll
    static synchronized void stopAll() {
        SERVERS.values().forEach(servers -> servers.values().forEach(RunningServer::close));
        SERVERS.clear();
    }

    private static String ws(RunningServer server, String path) {
        return "ws://" + server.authority() + path;
    }

    private static String app(RunningServer server, String path) {
        return ws(server, server.contextPath() + path);
    }

    /** S1: the endpoint answers 101, its accept is right, a ping gets its pong and a text comes back. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void theEndpointWorksAndEchoes(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.SECURED);
        Probed probed = Probed.probe(app(server, "/echo"), "--send", "hello from the probe").assertWorks();
        assertEquals("hello from the probe", probed.string("echo"), probed::toString);
        assertEquals(1, probed.integer("requests"), probed::toString);
    }

    /**
     * S2: a typo, answered 200 by the servlet at {@code /} (enforce mode: wsguard's 400 with {@code WSGuard-Code:
     * WSG01}). The probe tries the trailing slash and the parent; in enforce mode the closest endpoint wsguard names
     * first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void aTypoAnsweredByAServletIsWsg01(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.SECURED);
        String url = app(server, "/ecco");
        Probed probed = Probed.probe(url);
        if (where.enforcing()) {
            probed.assertVerdict(2, "misrouted", "WSG01", 400);
            assertEquals("WSG01", probed.header("WSGuard-Code"), probed::toString);
        } else {
            probed.assertVerdict(2, "misrouted", "WSG01", 200)
                    .assertTextContains("text starting '" + PlainTextServlet.BODY.strip() + "'")
                    .assertVariant(url + "/", 200, "WSG01");
        }
    }

    /** S4: a typo where only the container's default servlet is mapped: 404, WSG02, in every mode. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void aTypoAnsweredByTheDefaultServletIsWsg02(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.DEFAULT_SERVLET_ONLY);
        String url = app(server, "/ecco");
        Probed.probe(url).assertVerdict(2, "misrouted", "WSG02", 404)
                .assertVariant(url + "/", 404, "WSG02")
                .assertFixContains("Nothing is deployed at this path (404)");
    }

    /**
     * A trailing slash the endpoint does not have: an ordinary resource answers (200, or wsguard's 400 in enforce mode),
     * and the probe finds the endpoint without the slash, which answers 101.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void aTrailingSlashFindsTheEndpointWithoutIt(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.SECURED);
        String url = app(server, "/echo/");
        Probed probed = Probed.probe(url)
                .assertVerdict(2, "misrouted", "WSG01", where.enforcing() ? 400 : 200)
                .assertVariant(app(server, "/echo"), 101, null)
                .assertWorksAt(app(server, "/echo"));
        probed.assertFixContains(app(server, "/echo"));
    }

    /**
     * The context path left out ({@code /echo} rather than {@code /app/echo}): nothing is deployed at the root, the
     * container answers 404 itself (wsguard, inside the context, never sees it). WSG02, and its fix names the missing
     * context path; the probe cannot guess the context, so no variant works.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void theContextPathLeftOutIsWsg02(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.SECURED);
        String url = ws(server, "/echo");
        Probed.probe(url).assertVerdict(2, "misrouted", "WSG02", 404)
                .assertNoVariantWorked()
                .assertFixContains("a missing context path");
    }

    /**
     * S16: a login filter answers 302 to {@code /app/login} where no endpoint is mapped ({@code /secure/page}), on both
     * containers and in every mode (wsguard never alters a refusal); the probe follows the hop with the same handshake
     * and finds the login page (200, WSG01).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void aLoginRedirectIsRefusedWithItsLocation(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.SECURED);
        Probed.probe(app(server, "/secure/page"))
                .assertVerdict(3, "refused", "WSG07", 302)
                .assertRedirect(app(server, "/login"), loginPageStatus(where), "WSG01")
                .assertFixContains("redirected to a login page")
                .assertTextContains("location")
                .assertLocation(server.contextPath() + "/login");
    }

    /**
     * What the login page answers the redirected handshake: the plain servlet's 200, or in enforce mode wsguard's 400
     * with {@code WSGuard-Code: WSG01}. Either way WSG01: the probe takes an enforcing wsguard's own code from that
     * header (probe/README.md), on a hop as on the first answer.
     */
    private static int loginPageStatus(Where where) {
        return where.enforcing() ? 400 : 200;
    }

    /**
     * S16 on the endpoint's own path, {@code /secure/echo}: Tomcat runs the login filter first (302, refused); Jetty's
     * WebSocket upgrade filter runs before every filter of the application, so the handshake upgrades there without
     * login (docs/scenarios.md, "Filter order differs"), and the probe reports what a browser gets: it works.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void aLoginRedirectOnTheEndpointsPath(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.SECURED);
        String url = app(server, "/secure/echo");
        if (where.jetty()) {
            Probed.probe(url).assertWorks();
        } else {
            Probed.probe(url).assertVerdict(3, "refused", "WSG07", 302)
                    .assertLocation(server.contextPath() + "/login")
                    .assertRedirect(app(server, "/login"), loginPageStatus(where), "WSG01");
        }
    }

    /**
     * S5: the endpoint class is there, WebSocket support was never initialised, and the plain servlet at {@code /}
     * answers the handshake with 200 (wsguard's 400 in enforce mode): WSG01, and nothing nearby answers 101.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("where")
    void aPlainServletAnsweringTheEndpointsPathIsWsg01(Where where) throws Exception {
        RunningServer server = server(where, AppSetup.NO_WEBSOCKET);
        Probed.probe(app(server, "/echo"))
                .assertVerdict(2, "misrouted", "WSG01", where.enforcing() ? 400 : 200)
                .assertNoVariantWorked();
    }
}
