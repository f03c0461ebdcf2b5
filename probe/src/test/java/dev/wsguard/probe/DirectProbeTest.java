package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.tools.NginxProxy;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code --direct}: a real nginx that strips Upgrade and Connection (NginxProxy.Config.NAIVE, what most people write
 * first) in front of the suite's app on Jetty 12.1 and Tomcat 11, wsguard in enforce mode with details=true. The
 * backend answers the probe's handshake 101 directly; through nginx, its wsguard answers 426 WSG03 with its diagnosis
 * line, and the comparison names the stripping, nginx and its fix.
 */
class DirectProbeTest {

    static Stream<ContainerKind> containers() {
        return Stream.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11);
    }

    @ParameterizedTest
    @MethodSource("containers")
    @SuppressWarnings("try") // NginxProxy.close() may throw InterruptedException: the test rethrows it
    void aProxyThatStripsTheUpgradeIsNamedWithTheBackendsWsg03Line(ContainerKind container) throws Exception {
        try (RunningServer backend = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD,
                GuardMode.ENFORCE, Map.of("details", "true")));
             NginxProxy nginx = NginxProxy.start(NginxProxy.Config.NAIVE, backend.port())) {
            String path = backend.contextPath() + "/echo";
            String direct = "ws://" + backend.authority() + path;
            String proxied = "ws://127.0.0.1:" + nginx.port() + path;

            ProbeRun run = ProbeRun.of("--timeout", "10", "--direct", direct, proxied).assertNoControlCharacters();
            assertEquals(2, run.exit(), () -> run + "\nnginx: " + nginx.errorLog());
            String out = run.out();
            assertTrue(out.contains("WSG03 misrouted: 426"), run::toString);
            assertTrue(out.matches("(?s).*\\n  direct +" + java.util.regex.Pattern.quote(direct)
                    + ": works: 101.*"), run::toString);
            assertTrue(out.matches("(?s).*\\n  backend's wsguard +WSG03 [^\\n]*" + java.util.regex.Pattern.quote(path)
                    + ".*"), run::toString);
            assertTrue(out.contains("proxy dropped     Upgrade, Connection"), run::toString);
            assertTrue(out.contains("works directly (101), not through the proxy (426 WSG03): the proxy strips the"
                    + " upgrade (its Server: nginx"), run::toString);
            assertTrue(out.contains("Fix the nginx location: proxy_http_version 1.1;"), run::toString);

            ProbeRun json = ProbeRun.of("--json", "--timeout", "10", "--direct", direct, proxied)
                    .assertNoControlCharacters();
            String j = json.out();
            assertEquals(2, json.exit(), json::toString);
            assertTrue(j.startsWith("{\"format\":1,\"url\":\"" + proxied + "\",\"verdict\":\"misrouted\",\"exitCode\":2,"
                    + "\"code\":\"WSG03\""), json::toString);
            assertTrue(j.contains(",\"direct\":{\"format\":1,\"url\":\"" + direct + "\",\"verdict\":\"works\","
                    + "\"exitCode\":0,"), json::toString);
            assertTrue(j.contains(",\"comparison\":{\"proxied\":\"426 WSG03\",\"direct\":\"101\",\"differs\":true,"
                    + "\"backendCode\":\"WSG03\",\"backendLine\":\"WSG03 "), json::toString);
            assertTrue(j.contains("\"forwardedPath\":null,\"dropped\":[\"Upgrade\",\"Connection\"],\"proxy\":\"nginx"
                    + " (Server: nginx"), json::toString);
            assertTrue(j.contains("\"h2\":{\"alpn\":null,\"connectProtocol\":null,\"status\":null,\"accepted\":false,"
                    + "\"note\":\"not tried: h2 needs TLS here\"}"), json::toString);
        }
    }
    /**
     * nginx's documented WebSocket config under {@code location /ws/} with {@code proxy_pass .../app/ws/}: the upgrade
     * gets through, the path does not. The client's {@code /ws/echo} reaches the backend as {@code /app/ws/echo},
     * which its wsguard answers 400 WSG01 naming what it received; directly, {@code /app/echo} answers 101. The
     * comparison names the path the proxy forwarded to.
     */
    @ParameterizedTest
    @MethodSource("containers")
    @SuppressWarnings("try") // NginxProxy.close() may throw InterruptedException: the test rethrows it
    void aProxyPathMappingIsNamedWithThePathTheBackendReceived(ContainerKind container) throws Exception {
        try (RunningServer backend = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD,
                GuardMode.ENFORCE, Map.of("details", "true")));
             NginxProxy nginx = NginxProxy.start(NginxProxy.Config.WEBSOCKET_MAPPED, backend.port())) {
            String direct = "ws://" + backend.authority() + backend.contextPath() + "/echo";
            String proxied = "ws://127.0.0.1:" + nginx.port() + "/ws/echo";

            ProbeRun run = ProbeRun.of("--timeout", "10", "--direct", direct, proxied).assertNoControlCharacters();
            assertEquals(2, run.exit(), () -> run + "\nnginx: " + nginx.errorLog());
            assertTrue(run.out().contains("WSG01 misrouted: 400"), run::toString);
            assertTrue(run.out().contains("/app/ws/echo"), () -> "the path the backend received: " + run);

            ProbeRun json = ProbeRun.of("--json", "--timeout", "10", "--direct", direct, proxied)
                    .assertNoControlCharacters();
            assertTrue(json.out().contains("\"backendCode\":\"WSG01\""), json::toString);
            assertTrue(json.out().contains("\"forwardedPath\":\"/app/ws/echo\""), json::toString);
            assertTrue(json.out().contains("\"dropped\":[]"), () -> "nothing dropped on the way: " + json);
        }
    }
}
