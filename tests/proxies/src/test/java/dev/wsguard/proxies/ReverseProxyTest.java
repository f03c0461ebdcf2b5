package dev.wsguard.proxies;

import dev.wsguard.testkit.tools.NginxProxy;
import static dev.wsguard.testkit.log.LineAssertions.assertMentions;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.tools.NginxProxy.Config;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.management.JMException;
import javax.management.MBeanAttributeInfo;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCENARIOS S6 through a real nginx: the most common production cause of "Unexpected response
 * code: 200" is a proxy that forwards the handshake without Upgrade and Connection. wsguard, in
 * the backend, must name it (WSG03, with the proxy's own headers as evidence and the fix for nginx,
 * Apache httpd and HAProxy), answer 426 in enforce mode (through nginx), and stay silent when the
 * proxy is configured right.
 */
class ReverseProxyTest {

    /** The containers of this module's class path. */
    static Stream<ContainerKind> containers() {
        return Stream.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11);
    }

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    /** What WSG03 must tell whoever reads the backend's log: the nginx lines, then Apache httpd and HAProxy. */
    private static final String[] PROXY_ADVICE = {
        "proxy_http_version 1.1;", "proxy_set_header Upgrade $http_upgrade;",
        "proxy_set_header Connection $connection_upgrade;", "map $http_upgrade $connection_upgrade",
        "Apache httpd", "upgrade=websocket", "mod_proxy_wstunnel", "HAProxy", "README, WSG03"};

    /**
     * How long to keep listening after a working upgrade's echo and close handshake before concluding that
     * wsguard logged nothing: it would log when the chain returns, which on Tomcat is before the 101 even
     * reaches the client, so a second after the session ended leaves room for a loaded machine.
     */
    private static final Duration QUIET_AFTER_ECHO = Duration.ofSeconds(1);

    /** The naive configs: both forward the handshake without Upgrade and Connection; they differ in the evidence. */
    enum Naive {
        /** Only proxy_pass and proxy_http_version 1.1: nginx's own Connection: close is the only trace left. */
        BARE(Config.BARE, "Connection: close"),
        /** Plus Host, X-Real-IP and X-Forwarded-For, as most tutorials have it. */
        FORWARDED_FOR(Config.NAIVE, "Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1");

        final Config config;
        final String evidence;

        Naive(Config config, String evidence) {
            this.config = config;
            this.evidence = evidence;
        }

        NginxProxy start(int backendPort) throws Exception {
            return NginxProxy.start(config, backendPort);
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
            String line = onlyRequestLine(log, "WSG03");
            assertMentions(log, "WSG03", line, "arrived without 'Upgrade: websocket' and 'Connection: Upgrade'",
                    "(evidence: " + naive.evidence + ")");
            assertMentions(log, "WSG03", line, PROXY_ADVICE);
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
            String line = onlyRequestLine(log, "WSG03");
            assertMentions(log, "WSG03", line, "(evidence: " + naive.evidence + ")", "426 (mode=enforce)");
            assertMentions(log, "WSG03", line, PROXY_ADVICE);
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
                Thread.sleep(GuardLogCapture.ABSENCE_GRACE.toMillis());
                assertTrue(log.requestCodes().isEmpty(), "Jetty answered before any filter: " + log.describe());
            } else {
                assertEquals(400, response.status(), response::head);
                String line = log.awaitCode("WSG03");
                assertTrue(line.contains("arrived with 'Upgrade: websocket' but 'Connection: close' instead of"
                        + " 'Connection: Upgrade'"), line);
            }
        }
    }

    /**
     * nginx's documented config: 101 and an echo, and wsguard says nothing. On Tomcat wsguard sees the
     * handshake succeed, and its counters prove it looked: one upgrade request, one completed, no code. On
     * Jetty 12 it never sees a working upgrade at all (Jetty's WebSocket filter runs ahead of the application's
     * and takes the handshake), so its counters must stay at zero.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void correctProxyUpgradesEchoesAndLogsNothing(ContainerKind container) throws Exception {
        long seen = container == ContainerKind.TOMCAT_11 ? 1 : 0;
        for (GuardMode mode : new GuardMode[] {GuardMode.LOG, GuardMode.ENFORCE}) {
            try (GuardLogCapture log = GuardLogCapture.attach();
                 RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, mode));
                 NginxProxy nginx = NginxProxy.start(Config.WEBSOCKET, server.port());
                 RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade(ECHO))) {
                assertEquals(101, response.status(), () -> mode + ": no upgrade through nginx:\n" + response.head()
                        + "\nnginx: " + nginx.errorLog());
                WebSocketFrames.sendText(response.upgradedOutput(), "through nginx");
                assertEquals("through nginx", WebSocketFrames.read(response.upgradedInput()).text());
                WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
                assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(response.upgradedInput()).opcode(),
                        mode + ": the endpoint must answer the close");

                Map<String, Long> counters = awaitCounters(seen);
                Thread.sleep(QUIET_AFTER_ECHO.toMillis());
                assertTrue(log.requestCodes().isEmpty(), mode + ": " + log.describe());
                counters = counters();
                assertEquals(seen, counters.get("upgradeRequests"), mode + ": " + counters);
                assertEquals(seen, counters.get("upgradesCompleted"), mode + ": " + counters);
                assertEquals(Map.of(), requestCodeCounts(counters), mode + ": no diagnosis may be counted");
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
                String line = onlyRequestLine(log, "WSG01");
                assertMentions(log, "WSG01", line, "/app/echo2", "Closest endpoint: /echo.");
            }
        }
    }

    /**
     * Waits for the line with {@code code}, then for the grace period, and checks that it is the one
     * per-request line: one request, one diagnosis.
     */
    private static String onlyRequestLine(GuardLogCapture log, String code) throws InterruptedException {
        String line = log.awaitCode(code);
        Thread.sleep(GuardLogCapture.ABSENCE_GRACE.toMillis());
        List<String> requestLines = log.messages().stream()
                .filter(m -> GuardLogCapture.codeOf(m) != null
                        && !GuardLogCapture.STARTUP_CODES.contains(GuardLogCapture.codeOf(m)))
                .collect(Collectors.toList());
        assertEquals(List.of(line), requestLines, () -> "one request, one line:" + log.describe());
        return line;
    }

    // ---- wsguard's counters, read over JMX as an operator would ------------------------------------

    private static final String BEAN = "dev.wsguard:type=WebSocketGuard,context=" + AppSetup.CONTEXT_PATH;

    /**
     * The counters once wsguard's bean exists and counts {@code upgradesCompleted} upgrades (bounded by
     * {@link GuardLogCapture#APPEAR_TIMEOUT}): it registers the bean on its own thread where no MBean server ran
     * yet, and counts after the chain returns.
     */
    private static Map<String, Long> awaitCounters(long upgradesCompleted) throws Exception {
        long end = System.nanoTime() + GuardLogCapture.APPEAR_TIMEOUT.toNanos();
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        while (true) {
            if (jmx.isRegistered(new ObjectName(BEAN))) {
                Map<String, Long> now = counters();
                if (now.get("upgradesCompleted") >= upgradesCompleted || System.nanoTime() - end > 0) {
                    return now;
                }
            } else if (System.nanoTime() - end > 0) {
                throw new AssertionError("no MBean " + BEAN + " within " + GuardLogCapture.APPEAR_TIMEOUT.toMillis()
                        + " ms");
            }
            Thread.sleep(20);
        }
    }

    /** Every long attribute of wsguard's bean for the app's context: a counter per code, and the upgrade counts. */
    private static Map<String, Long> counters() throws JMException {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName name = new ObjectName(BEAN);
        Map<String, Long> all = new TreeMap<>();
        for (MBeanAttributeInfo a : jmx.getMBeanInfo(name).getAttributes()) {
            if ("long".equals(a.getType())) {
                all.put(a.getName(), ((Number) jmx.getAttribute(name, a.getName())).longValue());
            }
        }
        return all;
    }

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
