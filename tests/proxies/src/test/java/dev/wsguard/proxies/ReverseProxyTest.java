package dev.wsguard.proxies;

import static dev.wsguard.testkit.log.LineAssertions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.Messages;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardJmx;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.tools.ApacheHttpdProxy;
import dev.wsguard.testkit.tools.HaproxyProxy;
import dev.wsguard.testkit.tools.NginxProxy;
import dev.wsguard.testkit.tools.ReverseProxy;
import dev.wsguard.testkit.tools.NginxProxy.Config;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The catalogue's S6 (docs/scenarios.md) through a real nginx: the most common production cause of "Unexpected response
 * code: 200" is a proxy that forwards the handshake without Upgrade and Connection. wsguard, in
 * the backend, must name it (WSG03, with the proxy's own headers as evidence, and nginx's fix alone where they show
 * nginx, else the fix for nginx, Apache httpd and HAProxy), answer 426 in enforce mode (through nginx), and stay
 * silent when the proxy, nginx, Apache httpd or HAProxy, is configured right.
 */
class ReverseProxyTest {

    /** The containers of this module's class path. */
    static Stream<ContainerKind> containers() {
        return Stream.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11);
    }

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    /** What WSG03 must tell whoever reads the backend's log: the nginx lines, then Apache httpd and HAProxy. */
    private static final String[] PROXY_ADVICE = {
        "nginx, in the location: " + Messages.NGINX_LOCATION_FIX, "Apache httpd", "upgrade=websocket",
        "mod_proxy_wstunnel", "HAProxy", "docs/troubleshooting.md#wsg03"};

    /** What WSG03 says arrived, for a handshake forwarded over HTTP/1.1 without Upgrade and Connection. */
    private static final String ARRIVED_STRIPPED = "arrived without 'Upgrade: websocket' and 'Connection: Upgrade'";

    /** nginx's fix alone, as WSG03 gives it where the headers show nginx. */
    private static final String[] NGINX_FIX_ONLY = {"Fix the nginx location: " + Messages.NGINX_LOCATION_FIX};

    /** The naive configs: all forward the handshake without Upgrade and Connection; they differ in the evidence. */
    enum Naive {
        /**
         * proxy_pass alone: nginx forwards the handshake as HTTP/1.0, and one WSG03 gives the whole fix at once,
         * proxy_http_version 1.1 first, instead of a WSG04 that names only that line.
         */
        DEFAULT(Config.DEFAULT, "HTTP/1.0; Connection: close", NGINX_FIX_ONLY,
                "arrived as HTTP/1.0 without Upgrade and Connection",
                ": likely nginx's default proxy_http_version 1.0 dropped them"),
        /**
         * Only proxy_pass and proxy_http_version 1.1: nginx's own Connection: close is the only trace left, which
         * names no proxy, so the line gives the general advice.
         */
        BARE(Config.BARE, "Connection: close", PROXY_ADVICE, ARRIVED_STRIPPED),
        /** Plus Host, X-Real-IP and X-Forwarded-For, as most tutorials have it: X-Real-IP names nginx. */
        FORWARDED_FOR(Config.NAIVE, "Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1",
                NGINX_FIX_ONLY, ARRIVED_STRIPPED,
                ": likely nginx, which forwards neither Upgrade nor Connection unless its location sets them");

        final Config config;
        final String evidence;
        /** The fix the line must give: nginx's alone where it tells nginx, else the advice for every proxy. */
        final String[] advice;
        /** What the line must say of the request, besides the evidence and the advice. */
        final String[] says;

        Naive(Config config, String evidence, String[] advice, String... says) {
            this.config = config;
            this.evidence = evidence;
            this.advice = advice;
            this.says = says;
        }

        NginxProxy start(int backendPort) throws Exception {
            return NginxProxy.start(config, backendPort);
        }

        boolean namesNginx() {
            return advice == NGINX_FIX_ONLY;
        }
    }

    static Stream<Arguments> containersAndNaiveConfigs() {
        return containers().flatMap(c -> Stream.of(Naive.values()).map(n -> Arguments.of(c, n)));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndNaiveConfigs")
    void naiveProxyInLogModeLeavesTheAnswerAndNamesTheProxyFix(ContainerKind container, Naive naive)
            throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             NginxProxy nginx = naive.start(server.port());
             RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(200, response.status(), () -> "the famous 200 through nginx:\n" + response.head());
            assertEquals("(none)", response.header("WSGuard-Code").orElse("(none)"), "log mode changes no answer");
            String line = onlyRequestLine(log, "WSG03", server);
            assertMentions(log, "WSG03", line, naive.says);
            assertMentions(log, "WSG03", line, "(evidence: " + naive.evidence + ")");
            assertMentions(log, "WSG03", line, naive.advice);
            if (naive.namesNginx()) {
                // nginx shows: its fix alone, whole.
                assertTrue(!line.contains("Apache") && !line.contains("HAProxy"), line);
                assertTrue(line.endsWith(Messages.NGINX_LOCATION_FIX), line);
            }
            if (naive == Naive.DEFAULT) {
                // nginx's own default: short enough to read in one glance.
                assertTrue(line.length() <= 350, line.length() + ": " + line);
            }
        }
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndNaiveConfigs")
    void naiveProxyInEnforceModeGets426WithUpgradeThroughNginx(ContainerKind container, Naive naive) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.ENFORCE));
             NginxProxy nginx = naive.start(server.port());
             RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(426, response.status(), response::head);
            assertEquals("websocket", response.header("Upgrade").orElse("(none)").toLowerCase(Locale.ROOT),
                    () -> "RFC 9110 wants Upgrade on every 426, and nginx must let it through:\n" + response.head());
            assertEquals("WSG03", response.header("WSGuard-Code").orElse(null), response::head);
            assertTrue(response.bodyText().startsWith("WSG03 "), response.bodyText());
            String line = onlyRequestLine(log, "WSG03", server);
            assertMentions(log, "WSG03", line, "(evidence: " + naive.evidence + ")", "426 (mode=enforce)");
            assertMentions(log, "WSG03", line, naive.says);
            assertMentions(log, "WSG03", line, naive.advice);
        }
    }

    /**
     * A proxy whose path mapping misses the endpoint ({@code location /ws/ { proxy_pass http://backend/app/ws/; }}):
     * the client's {@code /ws/echo} is a fine URL for that proxy, and the backend gets {@code /app/ws/echo}, which the
     * webapp's default servlet answers. The line names the proxy's mapping as a likely cause, with what arrived,
     * beside the closest endpoint, rather than only telling the client to change its URL.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aProxyPathMappingThatMissesTheEndpointIsNamedWithWhatArrived(ContainerKind container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             NginxProxy nginx = NginxProxy.start(Config.WEBSOCKET_MAPPED, server.port());
             RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade("/ws/echo"))) {
            assertEquals(200, response.status(), response::head);
            String line = onlyRequestLine(log, "WSG01", server);
            assertMentions(log, "WSG01", line, "GET /app/ws/echo", "Closest endpoint: /app/echo",
                    " A proxy forwarded it (X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1): if the client's URL is"
                            + " right, the proxy's path mapping changed it, and this server received /app/ws/echo; then"
                            + " fix that mapping instead (nginx: a URI after proxy_pass replaces the location's"
                            + " prefix).");
        }
    }

    /**
     * Half a fix: Upgrade forwarded, Connection left at nginx's "close". Both containers answer 400:
     * Jetty 12.1 at its connector, before any filter ("Invalid h2c upgrade headers"); Tomcat in its
     * WebSocket filter, after wsguard, which names the exact header first.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void forwardingUpgradeWithoutConnectionIsNamedExactly(ContainerKind container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             NginxProxy nginx = NginxProxy.start(Config.UPGRADE_ONLY, server.port());
             RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade(ECHO))) {
            if (container == ContainerKind.JETTY_12_1) {
                assertEquals(400, response.status(), response::head);
                assertTrue(response.bodyText().contains("Invalid h2c upgrade headers"), response::bodyText);
                assertEquals(List.of(), log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0),
                        "Jetty answered before any filter");
            } else {
                assertEquals(400, response.status(), response::head);
                String line = log.awaitCode("WSG03");
                assertTrue(line.contains("arrived with 'Upgrade: websocket' but 'Connection: close' instead of"
                        + " 'Connection: Upgrade'"), line);
            }
        }
    }

    /** Starts a real proxy in front of a backend port. */
    @FunctionalInterface
    interface ProxyStarter {
        ReverseProxy start(int backendPort) throws Exception;
    }

    /**
     * The configs that forward handshakes: nginx's documented one and proxy_pass alone plus WSG03's own fix; Apache
     * httpd's ProxyPass with upgrade=websocket (WSG03's fix for it) and its older mod_proxy_wstunnel way; HAProxy as
     * it comes.
     */
    static Stream<Arguments> containersAndCorrectConfigs() {
        Map<String, ProxyStarter> proxies = new java.util.LinkedHashMap<>();
        proxies.put("nginx WEBSOCKET", port -> NginxProxy.start(Config.WEBSOCKET, port));
        proxies.put("nginx DEFAULT_WITH_WSG03_FIX", port -> NginxProxy.start(Config.DEFAULT_WITH_WSG03_FIX, port));
        proxies.put("httpd WEBSOCKET", port -> ApacheHttpdProxy.start(ApacheHttpdProxy.Config.WEBSOCKET, port));
        proxies.put("httpd WSTUNNEL", port -> ApacheHttpdProxy.start(ApacheHttpdProxy.Config.WSTUNNEL, port));
        proxies.put("haproxy DEFAULT", port -> HaproxyProxy.start(HaproxyProxy.Config.DEFAULT, port));
        return containers().flatMap(c -> proxies.entrySet().stream().map(p -> Arguments.of(c, p.getKey(),
                p.getValue())));
    }

    /** The nginx fix WSG03 quotes is, character for character, a config that works (below). */
    @Test
    void theFixWsg03GivesNginxIsTheConfigProvenToWork() {
        assertEquals(Messages.NGINX_LOCATION_FIX, Config.DEFAULT_WITH_WSG03_FIX.locationLines());
    }

    /**
     * Every correct config of every proxy (nginx's documented config and WSG03's fix pasted into proxy_pass alone,
     * Apache httpd's, HAProxy's): 101 and an echo, and wsguard says nothing. On Tomcat wsguard sees the
     * handshake succeed, and its counters prove it looked: one upgrade request, one completed, no code. On
     * Jetty 12 it never sees a working upgrade at all (Jetty's WebSocket filter runs ahead of the application's
     * and takes the handshake), so its counters must stay at zero.
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndCorrectConfigs")
    void correctProxyUpgradesEchoesAndLogsNothing(ContainerKind container, String name, ProxyStarter proxy)
            throws Exception {
        long seen = container == ContainerKind.TOMCAT_11 ? 1 : 0;
        for (GuardMode mode : new GuardMode[] {GuardMode.LOG, GuardMode.ENFORCE}) {
            try (GuardLogCapture log = GuardLogCapture.attach();
                 RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, mode));
                 ReverseProxy through = proxy.start(server.port());
                 RawResponse response = RawHttp.exchange(through.port(), RawRequest.validUpgrade(ECHO))) {
                assertEquals(101, response.status(), () -> mode + ": no upgrade through " + name + ":\n"
                        + response.head() + "\n" + name + ": " + through.errorLog());
                WebSocketFrames.sendText(response.upgradedOutput(), "through " + name);
                assertEquals("through " + name, WebSocketFrames.read(response.upgradedInput()).text());
                WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
                assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(response.upgradedInput()).opcode(),
                        mode + ": the endpoint must answer the close");

                // wsguard counts and logs when the chain returns; the marker's line comes after all of that, and
                // the marker itself counts as one upgrade request and one WSG01.
                assertEquals(List.of(), log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0),
                        mode + ": nothing may be logged");
                Map<String, Long> counters = GuardJmx.counters(GuardJmx.await(AppSetup.CONTEXT_PATH,
                        GuardLogCapture.APPEAR_TIMEOUT));
                assertEquals(seen + 1, counters.get("upgradeRequests"), mode + ": " + counters);
                assertEquals(seen, counters.get("upgradesCompleted"), mode + ": " + counters);
                assertEquals(Map.of("WSG01", 1L), requestCodeCounts(counters),
                        mode + ": no diagnosis may be counted but the marker's");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void aPathMistakeThroughTheCorrectProxyIsWsg01(ContainerKind container) throws Exception {
        for (GuardMode mode : new GuardMode[] {GuardMode.LOG, GuardMode.ENFORCE}) {
            try (GuardLogCapture log = GuardLogCapture.attach();
                 RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, mode));
                 NginxProxy nginx = NginxProxy.start(Config.WEBSOCKET, server.port());
                 RawResponse response = RawHttp.exchange(nginx.port(),
                         RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo2"))) {
                boolean enforce = mode == GuardMode.ENFORCE;
                assertEquals(enforce ? 400 : 200, response.status(), response::head);
                assertEquals(enforce ? "WSG01" : "(none)", response.header("WSGuard-Code").orElse("(none)"),
                        () -> mode + ": what reached the client through nginx:\n" + response.head());
                String line = onlyRequestLine(log, "WSG01", server);
                assertMentions(log, "WSG01", line, "/app/echo2", "Closest endpoint: /app/echo, ws://");
            }
        }
    }

    /** The one per-request line, which must have {@code code}: awaited, then nothing else before a marker. */
    static String onlyRequestLine(GuardLogCapture log, String code, RunningServer server) throws Exception {
        log.awaitCode(code);
        List<String> requestLines = log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0);
        assertEquals(1, requestLines.size(), () -> "one request, one line:" + log.describe());
        assertEquals(code, GuardLogCapture.codeOf(requestLines.get(0)), () -> "wsguard lines:" + log.describe());
        return requestLines.get(0);
    }

    // ---- wsguard's counters, read over JMX as an operator would ------------------------------------

    /** The per-request code counters that are not zero (startup codes are counted once per start). */
    private static Map<String, Long> requestCodeCounts(Map<String, Long> counters) {
        Map<String, Long> counted = new TreeMap<>();
        counters.forEach((name, value) -> {
            if (GuardLogCapture.codeOf(name) != null && !GuardLogCapture.STARTUP_CODES.contains(name) && value != 0) {
                counted.put(name, value);
            }
        });
        return counted;
    }
}
