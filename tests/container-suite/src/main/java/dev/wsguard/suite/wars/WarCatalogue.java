package dev.wsguard.suite.wars;

import dev.wsguard.testkit.fixtures.ProgrammaticEndpoint;
import dev.wsguard.testkit.fixtures.RoomEndpoint;
import dev.wsguard.testkit.fixtures.javax.LegacyEndpoint;
import dev.wsguard.testkit.server.ContainerKind;
import java.util.List;

/**
 * wsguard's startup checks on real WARs (WSG10-WSG12, what it learns of endpoints without being told, the
 * absolute-ordering that leaves its initializer out, the scan's bounds, the container's live mapping, Tomcat
 * without the WebSocket API) as data: what each check expects of wsguard everywhere, and per container what that
 * container did or why the check cannot run there. {@code WarStartupContract} runs them in every container module;
 * this is the only place where it knows how containers differ.
 */
public final class WarCatalogue {

    public static final String WEBSOCKET_OFF = "websocket-off";
    public static final String NO_WEBSOCKET_API = "no-websocket-api";
    public static final String JAVAX_ENDPOINT_IN_CLASSES = "javax-endpoint-in-classes";
    public static final String JAVAX_ENDPOINT_IN_LIB_JAR = "javax-endpoint-in-lib-jar";
    public static final String JAVAX_ENDPOINT_WITH_JAVAX_API = "javax-endpoint-with-javax-api";
    public static final String JAKARTA_API_JAR = "jakarta-api-jar";
    public static final String JAVAX_API_JAR = "javax-api-jar";
    public static final String ORDERED_OUT = "ordered-out";
    public static final String ORDERED_OUT_WITHOUT_WEBSOCKET = "ordered-out-without-websocket";
    public static final String ORDERING_NAMES_WSGUARD = "ordering-names-wsguard";
    public static final String ORDERING_OTHERS = "ordering-others";
    public static final String LEARNED_SCAN_ALL = "learned-scan-all";
    public static final String LEARNED_APPLICATION_CONFIG = "learned-application-config";
    public static final String ENDPOINT_IN_ANOTHER_CONTEXT = "endpoint-in-another-context";
    public static final String LIVE_MAPPING = "live-mapping";
    public static final String FILTER_AFTER_WSGUARD = "filter-after-wsguard";
    public static final String SCAN_BOUNDS = "scan-bounds";
    public static final String TOMCAT_NO_API_ORDERED = "tomcat-no-api-absolute-ordering";
    public static final String TOMCAT_NO_API_UNORDERED = "tomcat-no-api-wsguard-initializer";
    public static final String TOMCAT_NO_API_OTHER_INITIALIZER = "tomcat-no-api-other-initializer";

    /** Prefix of the closest-endpoint checks, one per near miss. */
    public static final String NEAR_MISS = "near-miss-";

    /** Facts of the endpoint checks: where WSG00 says an endpoint was learned ("not listed" where it is not). */
    public static final String SOURCE_OF = "source of ";
    public static final String NOT_LISTED = "not listed";
    public static final String ANNOTATION_SCAN = "annotation scan";
    public static final String CONTAINER_MAPPINGS = "container mappings";

    /** Facts of the live-mapping check: the container objects, and the route that answers the lookups. */
    public static final String SERVER_CONTAINER = "serverContainer";
    public static final String JETTY_MAPPINGS = "jettyMappings";
    public static final String ROUTE = "route";

    /** Facts: who answered the check's request ({@link #ANSWERED_BY}), and what came of a deployment. */
    public static final String ANSWERED_BY = "answered by";
    public static final String DEPLOYMENT = "deployment";

    /** WSG10's fixes on Jetty: the distribution's module, and the call for embedded Jetty. */
    private static final String JETTY_MODULE_FIX = "ee10-websocket-jakarta";
    private static final String JETTY_EMBEDDED_FIX = "JakartaWebSocketServletContainerInitializer.configure";

    /** WSG11's fix clause (the cause names jakarta.websocket too, so these are what prove the fix is given). */
    private static final String[] JAVAX_FIX = {"port the endpoints to jakarta.websocket", "Eclipse Transformer"};

    /** WSG00 when wsguard's initializer was left out, and when nothing else could say which endpoints exist. */
    private static final String NOT_RUN = "endpoint registry unavailable: wsguard's initializer did not run: the"
            + " <absolute-ordering> in web.xml leaves its jar out";
    /** The name wsguard's jar gives itself in META-INF/web-fragment.xml, and the other form of the fix. */
    private static final String[] ORDERING_FIX = {"<others/>", "<name>wsguard</name>"};

    private static final ContainerKind[] JETTY = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0};
    private static final ContainerKind[] TOMCAT = {ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1};
    private static final ContainerKind[] JETTY_AND_TOMCAT = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0,
        ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1};
    private static final ContainerKind GLASSFISH = ContainerKind.GLASSFISH_7;
    private static final ContainerKind[] ALL_WAR_CONTAINERS = {ContainerKind.JETTY_12_1, ContainerKind.JETTY_12_0,
        ContainerKind.TOMCAT_11, ContainerKind.TOMCAT_10_1, ContainerKind.GLASSFISH_7};
    private static final ContainerKind UNDERTOW = ContainerKind.UNDERTOW_2_3;

    private static final String NO_WAR_DEPLOYER = "Undertow has no WAR deployer: its embedded API builds a deployment"
            + " in code (DeploymentInfo), and WildFly, which deploys WARs onto it, is not embedded here. The catalogue"
            + " runs on Undertow with the app described in code (UndertowContainer).";
    private static final String GLASSFISH_WEBSOCKET_ON = "GlassFish cannot switch WebSocket support off for one WAR:"
            + " it hands Tyrus every annotated endpoint its deployment scan finds. (The catalogue's S5 keeps the"
            + " endpoint out of the WAR instead, so WSG10 is checked there.)";
    private static final String GLASSFISH_ONE_JAR = "glassfish-embedded-all is one jar holding GlassFish and every"
            + " Jakarta API: the WebSocket API cannot be taken away from it.";
    private static final String TOMCAT_NEEDS_ORDERING = "Tomcat refuses a WAR with wsguard where no WebSocket API is"
            + " (its initializer names jakarta.websocket types): the tomcat-no-api checks pin what it does instead.";
    private static final String JETTY_NEEDS_NO_ORDERING = "Tomcat's own limit: Jetty deploys a WAR with wsguard"
            + " where no WebSocket API is, as it stands (check no-websocket-api).";
    private static final String SCAN_ELSEWHERE = "The scan's bounds are wsguard's own, not the container's: it reads"
            + " WEB-INF/lib on its own thread within its own time budget. Proven on one Jetty (12.1, WebAppContext) and"
            + " one Tomcat (11, addWebapp), whose deployments reach the scan by different ways; inflating 3.5 GiB once"
            + " more per container would cost every build tens of seconds for no new fact.";
    /** What wsguard says on GlassFish of a context whose WAR holds no jakarta endpoint. */
    private static final String GLASSFISH_NO_ENDPOINT_FIX = "package the endpoint classes (@ServerEndpoint, Endpoint"
            + " subclasses, ServerApplicationConfig) inside the WAR";
    private static final String GLASSFISH_NO_ENDPOINT = "GlassFish gives a context whose WAR holds no jakarta endpoint"
            + " no ServerContainer at all (Tyrus's initializer is handed no class): with javax endpoints in it, that"
            + " context is not one with nothing to serve, so wsguard reports WebSocket support off there too (WSG10),"
            + " with the fix for that.";
    private static final String GLASSFISH_NOTHING_TO_SERVE = "Tyrus gives the root context, whose WAR holds no"
            + " endpoint, no ServerContainer either: wsguard knows it has nothing to serve there, so it logs no WSG10"
            + " and asks the other contexts first, as on every container.";
    private static final String GLASSFISH_PROG_UNKNOWN = "Tyrus's mappings are not readable, so the endpoint added"
            + " through ServerContainer.addEndpoint is known to Tyrus alone (it upgrades all the same).";
    private static final String NO_READABLE_MAPPINGS = "Tyrus keeps its endpoints in no structure wsguard can read"
            + " (WSG00 says 'container mappings: not readable' there, ScenarioContract checks it): there is no live"
            + " lookup to ask.";

    private static final List<WarCheck> CHECKS = List.of(
            WarCheck.check(WEBSOCKET_OFF, "WebSocket support off (S5): WSG10 at startup names the fix, WSG01 per"
                            + " request")
                    .request("/app/echo")
                    .says("WSG01", "WebSocket support is not enabled")
                    .on(WarAnswer.status(200).logs("WSG10", JETTY_MODULE_FIX, JETTY_EMBEDDED_FIX), JETTY)
                    .on(WarAnswer.status(200).logs("WSG10", "tomcat-embed-websocket", "WsSci"), TOMCAT)
                    .notOn(GLASSFISH_WEBSOCKET_ON, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(NO_WEBSOCKET_API, "no WebSocket jar on the server's class path at all: the WAR deploys and"
                            + " serves, WSG10 names the fix")
                    .request("/app/")
                    .on(WarAnswer.status(200).logs("WSG10", JETTY_MODULE_FIX, JETTY_EMBEDDED_FIX), JETTY)
                    .notOn(TOMCAT_NEEDS_ORDERING, TOMCAT)
                    .notOn(GLASSFISH_ONE_JAR, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            javaxEndpoint(JAVAX_ENDPOINT_IN_CLASSES, "WEB-INF/classes"),
            javaxEndpoint(JAVAX_ENDPOINT_IN_LIB_JAR, "a WEB-INF/lib jar"),

            WarCheck.check(JAVAX_ENDPOINT_WITH_JAVAX_API, "a javax.websocket endpoint with the javax API it was"
                            + " compiled against in WEB-INF/lib: WSG11 names the API on the class path, WSG12 the jar")
                    .says("WSG11", LegacyEndpoint.CLASS_NAME, "/legacy", "a javax.websocket API is on the class path (")
                    .says("WSG11", JAVAX_FIX)
                    .says("WSG12", "javax.websocket-api with <scope>provided</scope>")
                    .on(WarAnswer.asExpected(), JETTY_AND_TOMCAT)
                    .on(WarAnswer.asExpected().logs("WSG10", GLASSFISH_NO_ENDPOINT_FIX).note(GLASSFISH_NO_ENDPOINT),
                            GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            apiJar(JAKARTA_API_JAR, "jakarta.websocket-api"),
            apiJar(JAVAX_API_JAR, "javax.websocket-api"),

            WarCheck.check(ORDERED_OUT, "<absolute-ordering/> leaves wsguard's initializer out: WSG00 names the cause"
                            + " and the fix, the endpoint still upgrades, the filter still works")
                    .request("/app/ecco")
                    .says("WSG01", "/app/ecco")
                    .on(WarAnswer.status(200).logs("WSG00", NOT_RUN).logs("WSG00", ORDERING_FIX)
                            .logs("WSG00", "container mappings: read (deployed endpoints are still known from them)")
                            .logs("WSG01", "Closest endpoint: /app/echo"), JETTY_AND_TOMCAT)
                    .on(WarAnswer.status(200)
                            .logs("WSG00", "endpoint registry unavailable: wsguard's initializer did not run (the"
                                    + " container runs no initializers from jars", "container mappings: not readable",
                                    "list the endpoints in the endpoints init-param")
                            .logs("WSG01", "wsguard cannot tell which endpoint was meant")
                            .note("GlassFish leaves wsguard's initializer out too, but keeps no list of ordered jars"
                                    + " (ServletContext.ORDERED_LIBS), so wsguard cannot tell the ordering from a"
                                    + " server that runs no initializers from jars, and Tyrus's mappings cannot stand"
                                    + " in: WSG00 offers the endpoints param instead of the ordering's fix."), GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(ORDERED_OUT_WITHOUT_WEBSOCKET, "the same ordering without WebSocket support: no endpoint"
                            + " known at all, and WSG00 says so with both forms of the fix")
                    .says("WSG00", NOT_RUN).says("WSG00", ORDERING_FIX)
                    .on(WarAnswer.asExpected().logs("WSG00", "container mappings: not readable"), JETTY_AND_TOMCAT)
                    .notOn(GLASSFISH_WEBSOCKET_ON, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(LEARNED_APPLICATION_CONFIG, "endpoints learned without the endpoints param, a"
                            + " ServerApplicationConfig deploying /echo only: " + RoomEndpoint.PATH + " is neither"
                            + " listed nor deployed, the programmatic " + ProgrammaticEndpoint.PATH + " comes from the"
                            + " container")
                    .request("/app" + ProgrammaticEndpoint.PATH)
                    .on(WarAnswer.status(101).fact(SOURCE_OF + ProgrammaticEndpoint.PATH, CONTAINER_MAPPINGS),
                            JETTY_AND_TOMCAT)
                    .on(WarAnswer.status(101).fact(SOURCE_OF + ProgrammaticEndpoint.PATH, NOT_LISTED)
                            .note(GLASSFISH_PROG_UNKNOWN), GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            ordering(ORDERING_NAMES_WSGUARD, "<absolute-ordering><name>wsguard</name></absolute-ordering>"),
            ordering(ORDERING_OTHERS, "<absolute-ordering><others/></absolute-ordering>"),

            WarCheck.check(LEARNED_SCAN_ALL, "endpoints learned without the endpoints param: annotated ones from the"
                            + " scan, a programmatic one (" + ProgrammaticEndpoint.PATH + ") from the container")
                    .request("/app" + ProgrammaticEndpoint.PATH)
                    .on(WarAnswer.status(101).fact(SOURCE_OF + ProgrammaticEndpoint.PATH, CONTAINER_MAPPINGS),
                            JETTY_AND_TOMCAT)
                    .on(WarAnswer.status(101).fact(SOURCE_OF + ProgrammaticEndpoint.PATH, NOT_LISTED)
                            .note(GLASSFISH_PROG_UNKNOWN), GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            nearMiss("template-segment", "/app/rooms",
                    "Closest endpoint: /app" + RoomEndpoint.PATH + " (the URL lacks the endpoint's last path segment)"),
            nearMiss("letter-case", "/app/Echo",
                    "Closest endpoint: /app/echo (the URL differs from it only in letter case, and paths are case-sensitive)"),
            nearMiss("trailing-slash", "/app/echo/",
                    "Closest endpoint: /app/echo (the URL differs from it by a trailing slash)"),
            nearMiss("doubled-context-path", "/app/app/echo",
                    "Closest endpoint: /app/echo (the URL holds the context path twice)"),
            nearMiss("typo", "/app/ecco", "Closest endpoint: /app/echo, ws://"),
            WarCheck.check(NEAR_MISS + "programmatic-trailing-slash", "closest-endpoint hint for /app"
                            + ProgrammaticEndpoint.PATH + "/")
                    .request("/app" + ProgrammaticEndpoint.PATH + "/")
                    .says("WSG01", "/app" + ProgrammaticEndpoint.PATH + "/")
                    .on(WarAnswer.status(200).logs("WSG01", "Closest endpoint: /app" + ProgrammaticEndpoint.PATH
                            + " (the URL differs from it by a trailing slash)"), JETTY_AND_TOMCAT)
                    .on(WarAnswer.status(200).logs("WSG01", "Known endpoints: /echo, " + RoomEndpoint.PATH + ".")
                            .note(GLASSFISH_PROG_UNKNOWN), GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(LIVE_MAPPING, "ContainerEndpoints.findMapping, wsguard's live lookup, asked from inside the"
                            + " WAR: exact, template and programmatic endpoints found, near misses and servlets not")
                    .on(WarAnswer.asExpected()
                            .fact(SERVER_CONTAINER,
                                    "org.eclipse.jetty.ee10.websocket.jakarta.server.JakartaWebSocketServerContainer")
                            .fact(JETTY_MAPPINGS, "org.eclipse.jetty.websocket.core.server.WebSocketMappings")
                            .fact(ROUTE, "jettyRoute"), JETTY)
                    .on(WarAnswer.asExpected()
                            .fact(SERVER_CONTAINER, "org.apache.tomcat.websocket.server.WsServerContainer")
                            .fact(JETTY_MAPPINGS, "-")
                            .fact(ROUTE, "serverContainerRoute"), TOMCAT)
                    .notOn(NO_READABLE_MAPPINGS, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(ENDPOINT_IN_ANOTHER_CONTEXT, "an upgrade to /echo without the context path, answered by"
                            + " the root context: its wsguard names the endpoint of context /app")
                    .request("/echo")
                    .on(WarAnswer.status(200).logs("WSG01", "Closest endpoint: /app/echo in context /app")
                            .logsNo("WSG10"), JETTY_AND_TOMCAT)
                    .on(WarAnswer.status(200).logs("WSG01", "Closest endpoint: /app/echo in context /app")
                            .logsNo("WSG10").note(GLASSFISH_NOTHING_TO_SERVE), GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(FILTER_AFTER_WSGUARD, "a single-page-app fallback declared after wsguard forwards every"
                            + " path without a dot, " + RoomEndpoint.PATH + " too")
                    .request("/app/rooms/lobby")
                    .on(WarAnswer.status(101).fact(ANSWERED_BY, "the endpoint")
                            .note("Jetty's WebSocket filter runs ahead of every web.xml filter: the fallback never sees"
                                    + " the handshake. (Jetty's Jakarta creator answers a refusal itself, so no request"
                                    + " it declined reaches wsguard either.)"), JETTY)
                    .on(WarAnswer.status(200).fact(ANSWERED_BY, "the SPA shell")
                            .logs("WSG01", "/app/rooms/lobby", "The container has an endpoint mapped at "
                                    + RoomEndpoint.PATH + ", yet it did not take the request: something between wsguard"
                                    + " and the container's WebSocket filter answered first")
                            .note("web.xml filters run before the WebSocket filter WsSci adds: the fallback forwards the"
                                    + " handshake away, and wsguard names the mapped endpoint."), TOMCAT)
                    .on(WarAnswer.status(200).fact(ANSWERED_BY, "the SPA shell")
                            .logs("WSG01", "/app/rooms/lobby", "An endpoint is declared at " + RoomEndpoint.PATH
                                    + " (annotation scan) but no WebSocket endpoint took the request")
                            .note("Tyrus's filter, like Tomcat's, runs after the web.xml filters: the fallback forwards"
                                    + " the handshake away. Tyrus's mappings are not readable, so wsguard names the"
                                    + " endpoint its scan declared there."), GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(SCAN_BOUNDS, "a WEB-INF/lib jar with 3.5 GiB of zeros in 3.6 MiB delays neither WSG00"
                            + " beyond the scan's budget nor the deployment")
                    .on(WarAnswer.asExpected(), ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11)
                    .notOn(SCAN_ELSEWHERE, ContainerKind.JETTY_12_0, ContainerKind.TOMCAT_10_1, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(TOMCAT_NO_API_ORDERED, "Tomcat without any WebSocket jar, the WAR with <absolute-ordering/>:"
                            + " it deploys and serves, WSG10 and WSG01 name tomcat-embed-websocket")
                    .request("/app/echo")
                    .says("WSG10", "tomcat-embed-websocket", "WsSci")
                    .says("WSG01", "/app/echo", "WebSocket support is not enabled", "tomcat-embed-websocket")
                    .on(WarAnswer.status(200), TOMCAT)
                    .notOn(JETTY_NEEDS_NO_ORDERING, JETTY)
                    .notOn(GLASSFISH_ONE_JAR, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(TOMCAT_NO_API_UNORDERED, "Tomcat without any WebSocket jar, no ordering: the context does"
                            + " not start, and Tomcat's log carries wsguard's refusal naming both ways out")
                    .on(WarAnswer.asExpected().fact(DEPLOYMENT, "context not started"), TOMCAT)
                    .notOn(JETTY_NEEDS_NO_ORDERING, JETTY)
                    .notOn(GLASSFISH_ONE_JAR, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build(),

            WarCheck.check(TOMCAT_NO_API_OTHER_INITIALIZER, "Tomcat without any WebSocket jar: any initializer whose"
                            + " @HandlesTypes names a jakarta.websocket type fails the start (TypeNotPresentException)")
                    .on(WarAnswer.asExpected().fact(DEPLOYMENT, "start fails: LifecycleException"), TOMCAT)
                    .notOn(JETTY_NEEDS_NO_ORDERING, JETTY)
                    .notOn(GLASSFISH_ONE_JAR, GLASSFISH)
                    .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                    .build());

    private WarCatalogue() {
    }

    private static WarCheck javaxEndpoint(String id, String where) {
        return WarCheck.check(id, "a javax.websocket endpoint (S17) in " + where + " of a Jakarta webapp: WSG11 names"
                        + " it, its path and the fix; the servlet at / answers its path")
                .request("/app" + LegacyEndpoint.PATH)
                .says("WSG11", LegacyEndpoint.CLASS_NAME, LegacyEndpoint.PATH, "no javax.websocket API is even on the"
                        + " class path")
                .says("WSG11", JAVAX_FIX)
                .says("WSG01", "/app" + LegacyEndpoint.PATH)
                .on(WarAnswer.status(200), JETTY_AND_TOMCAT)
                .on(WarAnswer.status(200).logs("WSG10", GLASSFISH_NO_ENDPOINT_FIX)
                        .logs("WSG01", "WebSocket support is not enabled in this context").note(GLASSFISH_NO_ENDPOINT),
                        GLASSFISH)
                .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                .build();
    }

    private static WarCheck apiJar(String id, String artifact) {
        return WarCheck.check(id, artifact + " in WEB-INF/lib: WSG12 names the jar and the fix (scope provided)")
                .says("WSG12", "provided")
                .on(WarAnswer.asExpected(), ALL_WAR_CONTAINERS)
                .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                .build();
    }

    private static WarCheck ordering(String id, String ordering) {
        return WarCheck.check(id, ordering + ", one of the two fixes WSG00 offers, lets wsguard's initializer run:"
                        + " /echo learned from its scan")
                .on(WarAnswer.asExpected(), ALL_WAR_CONTAINERS)
                .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                .build();
    }

    /** A valid upgrade to a near miss, which the servlet at / answers; WSG01 names the closest endpoint. */
    private static WarCheck nearMiss(String name, String target, String hint) {
        return WarCheck.check(NEAR_MISS + name, "closest-endpoint hint for " + target)
                .request(target)
                .says("WSG01", target)
                .on(WarAnswer.status(200).logs("WSG01", hint), ALL_WAR_CONTAINERS)
                .notOn(NO_WAR_DEPLOYER, UNDERTOW)
                .build();
    }

    public static List<WarCheck> checks() {
        return CHECKS;
    }
}
