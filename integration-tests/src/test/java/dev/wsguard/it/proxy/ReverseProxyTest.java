package dev.wsguard.it.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.it.client.RawHttp;
import dev.wsguard.it.client.RawRequest;
import dev.wsguard.it.client.RawResponse;
import dev.wsguard.it.client.WebSocketFrames;
import dev.wsguard.it.containers.AppSetup;
import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.containers.RunningServer;
import dev.wsguard.it.logging.GuardLogCapture;
import dev.wsguard.it.proxy.NginxProxy.Config;
import dev.wsguard.it.scenarios.Guard;
import dev.wsguard.it.scenarios.GuardMode;
import java.util.Locale;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SCENARIOS S6 through a real nginx: the most common production cause of "Unexpected response
 * code: 200" is a proxy that forwards the handshake without Upgrade and Connection. wsguard, in
 * the backend, must name it (WSG03, with the proxy's own headers as evidence and the nginx fix),
 * answer 426 in enforce mode (through nginx), and stay silent when the proxy is configured right.
 */
class ReverseProxyTest {

    /** The containers of this module's class path. */
    static Stream<ContainerKind> containers() {
        return Stream.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11);
    }

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void naiveProxyInLogModeLeavesTheAnswerAndNamesTheProxyFix(ContainerKind container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             NginxProxy nginx = NginxProxy.start(Config.NAIVE, server.port());
             RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(200, response.status(), () -> "the famous 200 through nginx:\n" + response.head());
            String line = log.awaitCode("WSG03");
            assertTrue(line.contains("arrived without 'Upgrade: websocket' and 'Connection: Upgrade'"), line);
            assertTrue(line.contains("(evidence: Connection: close; X-Forwarded-For: 127.0.0.1; X-Real-IP: 127.0.0.1)"),
                    line);
            assertTrue(line.contains("proxy_set_header Upgrade $http_upgrade; proxy_set_header Connection"
                    + " $connection_upgrade;"), line);
            assertTrue(line.contains("README, WSG03"), line);
            assertEquals(java.util.Set.of("WSG03"), log.requestCodes(), log.describe());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containers")
    void naiveProxyInEnforceModeGets426WithUpgradeThroughNginx(ContainerKind container) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.ENFORCE));
             NginxProxy nginx = NginxProxy.start(Config.NAIVE, server.port());
             RawResponse response = RawHttp.exchange(nginx.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(426, response.status(), response::head);
            assertEquals("websocket", response.header("Upgrade").orElse("(none)").toLowerCase(Locale.ROOT),
                    () -> "RFC 9110 wants Upgrade on every 426, and nginx must let it through:\n" + response.head());
            assertEquals("WSG03", response.header("WSGuard-Code").orElse(null), response::head);
            assertTrue(response.bodyText().startsWith("WSG03 "), response.bodyText());
            log.awaitCode("WSG03");
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

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containers")
    void correctProxyUpgradesEchoesAndLogsNothing(ContainerKind container) throws Exception {
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
                Thread.sleep(GuardLogCapture.ABSENCE_GRACE.toMillis());
                assertTrue(log.requestCodes().isEmpty(), mode + ": " + log.describe());
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
                assertEquals(mode == GuardMode.ENFORCE ? 400 : 200, response.status(), response::head);
                String line = log.awaitCode("WSG01");
                assertTrue(line.contains("Closest endpoint: /echo."), line);
            }
        }
    }
}
