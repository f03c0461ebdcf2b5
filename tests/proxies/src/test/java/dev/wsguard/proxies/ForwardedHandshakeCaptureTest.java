package dev.wsguard.proxies;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.CapturingBackend;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.tools.ApacheHttpdProxy;
import dev.wsguard.testkit.tools.HaproxyProxy;
import dev.wsguard.testkit.tools.ReverseProxy;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What a real Apache httpd and a real HAProxy forward of a valid handshake, config by config, exactly as their backend
 * receives it: the request line's version, Upgrade and Connection (kept, dropped or rewritten) and the headers each
 * proxy adds are what tells wsguard, in the backend, that a proxy stripped the upgrade and which one. Then the configs
 * that forward handshakes, end to end on both containers: 101 and an echo through the proxy, and no wsguard line.
 */
class ForwardedHandshakeCaptureTest {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";
    private static final Duration ARRIVAL = Duration.ofSeconds(5);

    /** Starts one proxy config in front of 127.0.0.1:backendPort. */
    @FunctionalInterface
    interface ProxyStart {
        ReverseProxy start(int backendPort) throws Exception;
    }

    /**
     * A proxy config and the head its backend receives for {@code RawRequest.validUpgrade("/app/echo")}, verbatim but
     * for the ports: {@code {proxy}} and {@code {backend}}.
     */
    enum Forwarded {
        /**
         * HTTP/1.1; Upgrade dropped, Connection replaced by httpd's own {@code Keep-Alive}; Host rewritten to the
         * backend's, the client's in X-Forwarded-Host; X-Forwarded-For and X-Forwarded-Server (the ServerName) added
         * after the client's headers, Connection last.
         */
        APACHE_NAIVE(200, port -> ApacheHttpdProxy.start(ApacheHttpdProxy.Config.NAIVE, port), """
                GET /app/echo HTTP/1.1
                Host: 127.0.0.1:{backend}
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
                Sec-WebSocket-Version: 13
                X-Forwarded-For: 127.0.0.1
                X-Forwarded-Host: 127.0.0.1:{proxy}
                X-Forwarded-Server: 127.0.0.1
                Connection: Keep-Alive
                """),
        /** As NAIVE, but {@code Connection: Upgrade} and {@code Upgrade: websocket} last, in that order. */
        APACHE_WEBSOCKET(101, port -> ApacheHttpdProxy.start(ApacheHttpdProxy.Config.WEBSOCKET, port), """
                GET /app/echo HTTP/1.1
                Host: 127.0.0.1:{backend}
                Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==
                Sec-WebSocket-Version: 13
                X-Forwarded-For: 127.0.0.1
                X-Forwarded-Host: 127.0.0.1:{proxy}
                X-Forwarded-Server: 127.0.0.1
                Connection: Upgrade
                Upgrade: websocket
                """),
        /** Byte for byte WEBSOCKET's: since 2.4.47 mod_proxy_http carries the ws:// rewrite too. */
        APACHE_WSTUNNEL(101, port -> ApacheHttpdProxy.start(ApacheHttpdProxy.Config.WSTUNNEL, port),
                APACHE_WEBSOCKET.head),
        /**
         * HTTP/1.1, every header name in lower case (HAProxy's HTTP/1 output), values and order kept, Host the
         * client's; only {@code x-forwarded-for} added, last.
         */
        HAPROXY_DEFAULT(101, port -> HaproxyProxy.start(HaproxyProxy.Config.DEFAULT, port), """
                GET /app/echo HTTP/1.1
                host: 127.0.0.1:{proxy}
                upgrade: websocket
                connection: Upgrade
                sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==
                sec-websocket-version: 13
                x-forwarded-for: 127.0.0.1
                """),
        /** As DEFAULT without {@code connection}: Upgrade alone, which is no handshake (nor a valid h2c upgrade). */
        HAPROXY_STRIPPING(400, port -> HaproxyProxy.start(HaproxyProxy.Config.STRIPPING, port), """
                GET /app/echo HTTP/1.1
                host: 127.0.0.1:{proxy}
                upgrade: websocket
                sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==
                sec-websocket-version: 13
                x-forwarded-for: 127.0.0.1
                """),
        /** As DEFAULT with the rule's {@code connection: close} last, where set-header puts a header it replaced. */
        HAPROXY_CONNECTION_CLOSE(400, port -> HaproxyProxy.start(HaproxyProxy.Config.CONNECTION_CLOSE, port), """
                GET /app/echo HTTP/1.1
                host: 127.0.0.1:{proxy}
                upgrade: websocket
                sec-websocket-key: dGhlIHNhbXBsZSBub25jZQ==
                sec-websocket-version: 13
                x-forwarded-for: 127.0.0.1
                connection: close
                """);

        /** What Jetty 12.1 and Tomcat 11 alike answer the handshake as forwarded: 101 where it still is one. */
        final int answer;
        final ProxyStart proxy;
        /** One header a line, as a text block writes them: made CRLF, with the blank line, by {@link #expected}. */
        final String head;

        Forwarded(int answer, ProxyStart proxy, String head) {
            this.answer = answer;
            this.proxy = proxy;
            this.head = head;
        }

        String expected(int proxyPort, int backendPort) {
            return (head + "\n").replace("\n", "\r\n").replace("{proxy}", String.valueOf(proxyPort))
                    .replace("{backend}", String.valueOf(backendPort));
        }
    }

    @ParameterizedTest
    @EnumSource(Forwarded.class)
    void theBackendReceivesThisHead(Forwarded forwarded) throws Exception {
        try (CapturingBackend backend = CapturingBackend.start();
             ReverseProxy proxy = forwarded.proxy.start(backend.port());
             RawResponse response = RawHttp.exchange(proxy.port(), RawRequest.validUpgrade(ECHO))) {
            String head = backend.awaitHead(ARRIVAL);
            assertEquals(forwarded.expected(proxy.port(), backend.port()), head,
                    () -> "what reached the backend through " + forwarded + "\nproxy's log:\n" + proxy.errorLog());
            assertEquals(200, response.status(), () -> "the backend's answer, through the proxy:\n" + response);
        }
    }

    static Stream<Arguments> containersAndWorkingConfigs() {
        return containersAnd(f -> f.answer == 101);
    }

    /** The configs that forward the upgrade: 101 and an echo through them, and wsguard has nothing to say. */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndWorkingConfigs")
    void theWorkingConfigsUpgradeAndEcho(ContainerKind container, Forwarded forwarded) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             ReverseProxy proxy = forwarded.proxy.start(server.port());
             RawResponse response = RawHttp.exchange(proxy.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(101, response.status(), () -> "no upgrade through " + forwarded + ":\n" + response.head()
                    + "\nproxy's log:\n" + proxy.errorLog());
            String text = "through " + forwarded;
            WebSocketFrames.sendText(response.upgradedOutput(), text);
            assertEquals(text, WebSocketFrames.read(response.upgradedInput()).text());
            WebSocketFrames.sendClose(response.upgradedOutput(), 1000);
            assertEquals(WebSocketFrames.OPCODE_CLOSE, WebSocketFrames.read(response.upgradedInput()).opcode());
            assertEquals(List.of(), log.requestLinesBefore(Marker.at(server.port(), server.contextPath()), 0),
                    "a handshake that worked is nothing to log");
        }
    }

    static Stream<Arguments> containersAndStrippingConfigs() {
        return containersAnd(f -> f.answer != 101);
    }

    /**
     * The configs that lose the upgrade lose it for real: NAIVE's handshake is a plain GET for both containers (the
     * app's servlet at / answers 200); HAProxy's Upgrade without {@code Connection: Upgrade} is a bad request to both
     * (Jetty 12.1 refuses it at its connector as an invalid h2c upgrade, Tomcat 11 in its WebSocket filter).
     */
    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("containersAndStrippingConfigs")
    void theStrippingConfigsGetNoUpgrade(ContainerKind container, Forwarded forwarded) throws Exception {
        try (RunningServer server = container.newAdapter().start(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG));
             ReverseProxy proxy = forwarded.proxy.start(server.port());
             RawResponse response = RawHttp.exchange(proxy.port(), RawRequest.validUpgrade(ECHO))) {
            assertEquals(forwarded.answer, response.status(), () -> "through " + forwarded + ":\n" + response);
        }
    }

    /** Both containers of this module, each with every config that {@code test} accepts. */
    private static Stream<Arguments> containersAnd(Predicate<Forwarded> test) {
        return Stream.of(ContainerKind.JETTY_12_1, ContainerKind.TOMCAT_11)
                .flatMap(c -> Stream.of(Forwarded.values()).filter(test).map(f -> Arguments.of(c, f)));
    }
}
