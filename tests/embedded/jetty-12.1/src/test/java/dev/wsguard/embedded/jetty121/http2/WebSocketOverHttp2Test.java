package dev.wsguard.embedded.jetty121.http2;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.ExecutionException;
import org.eclipse.jetty.ee10.websocket.servlet.WebSocketUpgradeFilter;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.websocket.api.StatusCode;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * WebSocket over HTTP/2 (RFC 8441) through wsguard on a real Jetty 12.1 ee10 speaking only h2c: the rules of
 * behaviour (docs/how-it-works.md) say an extended CONNECT is an upgrade attempt of its own kind, never
 * "malformed" or "stripped", and, misrouted, diagnosed like any other. Here the success answer is {@code 200} on a stream left open (there is no 101 in
 * HTTP/2), and a misrouted one is a servlet's ordinary answer on a stream that ends.
 *
 * <p>Jetty prepends its WebSocketUpgradeFilter ahead of wsguard, so wsguard sees only the extended CONNECTs Jetty
 * declined; one case declares Jetty's filter after wsguard, so that wsguard sees the accepted ones too. Every case
 * starts a fresh server: wsguard logs each (code, path) once per window.
 */
class WebSocketOverHttp2Test {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";
    private static final String MISROUTED = AppSetup.CONTEXT_PATH + "/echo2";
    private static final String ENFORCED_BODY =
            "WSG01 WebSocket handshake refused: no WebSocket endpoint answers at this URL (an ordinary resource did).";

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void webSocketOverHttp2ToTheEndpointEchoesAndLogsNothing(GuardMode mode) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             H2cJettyServer server = H2cJettyServer.start(Guard.deployment(AppSetup.STANDARD, mode))) {
            assertEquals(List.of(WebSocketUpgradeFilter.class.getName(), Guard.FILTER_NAME), server.filterOrder(),
                    "Jetty's upgrade filter runs ahead of wsguard (the order this test's expectations rest on)");

            Http2WebSocketClient.Echo answered =
                    Http2WebSocketClient.echoAllowingLostMessages(server.port(), ECHO, "hello over h2");
            assertEquals(HttpVersion.HTTP_2, answered.version(), () -> "the handshake must have been HTTP/2: " + answered);
            assertEquals("CONNECT", answered.handshakeMethod(), () -> "RFC 8441 handshakes are CONNECTs: " + answered);
            assertEquals(200, answered.status(), () -> "RFC 8441 accepts with 200: " + answered);
            assertEquals("hello over h2", answered.echoed(), () -> "the echo must come back: " + answered);

            // The same handshake seen raw: 200, no content type, and the stream stays open as a tunnel.
            ExtendedConnect.Answer raw = ExtendedConnect.send(server.port(), ECHO);
            assertEquals(200, raw.status(), raw::toString);
            assertFalse(raw.endedStream(), () -> "an accepted WebSocket keeps its stream open:\n" + raw);
            assertNull(raw.headers().get("content-type"), raw::toString);

            log.assertNoRequestLineBefore(marker(server), 0);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void extendedConnectToAPlainServletIsWsg01(GuardMode mode) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             H2cJettyServer server = H2cJettyServer.start(Guard.deployment(AppSetup.STANDARD, mode))) {
            ExtendedConnect.Answer answer = ExtendedConnect.send(server.port(), MISROUTED);
            assertTrue(answer.endedStream(), answer::toString);
            if (mode == GuardMode.LOG) {
                // What Jetty answers without wsguard's help: the servlet's page, with the status of a success.
                assertEquals(200, answer.status(), answer::toString);
                assertEquals("text/plain;charset=utf-8", answer.headers().get("content-type"), answer::toString);
                assertEquals(PlainTextServlet.BODY, answer.body(), answer::toString);
            } else {
                // docs/how-it-works.md, rules of behaviour: a 2xx answer to an upgrade attempt is replaced by 400.
                assertEquals(400, answer.status(), answer::toString);
                assertEquals("WSG01", answer.headers().get("wsguard-code"), answer::toString);
                assertEquals(ENFORCED_BODY, answer.body().strip(), answer::toString);
            }

            String line = log.awaitCode("WSG01");
            String expected = "WSG01 WebSocket upgrade (HTTP/2 extended CONNECT) CONNECT " + MISROUTED
                    + " from 127.0.0.1 was answered 200 text/plain;charset=utf-8 by servlet 'plain' (mapping '/', DEFAULT)";
            assertTrue(line.startsWith(expected), () -> "expected the line to start with\n  " + expected + "\ngot\n  " + line);
            assertTrue(line.contains("Closest endpoint: /app/echo, ws"), () -> "the line must name /echo:\n  " + line);
            assertEquals(mode == GuardMode.ENFORCE, line.endsWith("Answered 400 instead (mode=enforce)."),
                    () -> "only enforce mode replaces the answer:\n  " + line);
            assertOnly("WSG01", log, server);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void jettysWebSocketClientToAPlainServlet(GuardMode mode) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             H2cJettyServer server = H2cJettyServer.start(Guard.deployment(AppSetup.STANDARD, mode))) {
            if (mode == GuardMode.LOG) {
                // Over HTTP/2 the client has no Sec-WebSocket-Accept to check: it takes the servlet's 200 for an
                // accepted WebSocket, then reads the page as frames and closes with a protocol error.
                Http2WebSocketClient.Echo echo = Http2WebSocketClient.echo(server.port(), MISROUTED, "anyone there?");
                assertEquals(200, echo.status(), echo::toString);
                assertNull(echo.echoed(), echo::toString);
                assertEquals(StatusCode.PROTOCOL, echo.closeStatus(), echo::toString);
            } else {
                // wsguard's 400 turns that into a handshake failure the client reports as such.
                ExecutionException failed = assertThrows(ExecutionException.class,
                        () -> Http2WebSocketClient.echo(server.port(), MISROUTED, "anyone there?"));
                UpgradeException upgrade = assertInstanceOf(UpgradeException.class, failed.getCause());
                assertEquals(400, upgrade.getResponseStatusCode(), upgrade::toString);
            }
            String line = log.awaitCode("WSG01");
            assertTrue(line.startsWith("WSG01 WebSocket upgrade (HTTP/2 extended CONNECT) CONNECT " + MISROUTED),
                    () -> "got\n  " + line);
            assertOnly("WSG01", log, server);
        }
    }

    /**
     * Jetty's DefaultServlet implements no CONNECT: a misrouted extended CONNECT gets 501 with an empty body, where
     * the same mistake over HTTP/1.1 gets 404. For a CONNECT that is "no endpoint here": WSG02 with the closest
     * endpoint, as the rules of behaviour ask (docs/how-it-works.md), and left alone in enforce mode.
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void extendedConnectToJettysDefaultServletIsWsg02AndLeftAlone(GuardMode mode) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             H2cJettyServer server = H2cJettyServer.start(Guard.deployment(AppSetup.DEFAULT_SERVLET_ONLY, mode))) {
            ExtendedConnect.Answer answer = ExtendedConnect.send(server.port(), MISROUTED);
            assertEquals(501, answer.status(), answer::toString);
            assertEquals("", answer.body(), answer::toString);
            assertNull(answer.headers().get("wsguard-code"), () -> "wsguard must not touch a 501:\n" + answer);

            String line = log.awaitCode("WSG02");
            String expected = "WSG02 WebSocket upgrade (HTTP/2 extended CONNECT) CONNECT " + MISROUTED + " from 127.0.0.1"
                    + " was answered 501 by servlet 'default' (mapping '/', DEFAULT) instead of a WebSocket endpoint"
                    + " accepting it. No WebSocket endpoint matches /echo2. Closest endpoint: /app/echo, ws";
            assertTrue(line.startsWith(expected), () -> "expected the line to start with\n  " + expected + "\ngot\n  " + line);
            assertEquals(mode == GuardMode.ENFORCE, line.endsWith("Enforce mode: left unchanged."), () -> "got\n  " + line);
            assertOnly("WSG02", log, server);
        }
    }

    /**
     * Never break a working upgrade, whatever the filter order (docs/how-it-works.md). With Jetty's upgrade filter declared after
     * wsguard, wsguard sees the upgrades Jetty accepts: over HTTP/2 a 200 with nothing written, which must be
     * neither reported nor replaced by a 400 (wsguard did both before Jetty's upgraded-stream mark was read).
     */
    @ParameterizedTest(name = "{0}")
    @EnumSource(value = GuardMode.class, names = {"LOG", "ENFORCE"})
    void anAcceptedUpgradeSeenByWsguardAheadOfJettysFilterStillWorks(GuardMode mode) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             H2cJettyServer server = H2cJettyServer.start(Guard.deployment(AppSetup.STANDARD, mode),
                     H2cJettyServer.UpgradeFilter.DECLARED_AFTER_WSGUARD)) {
            assertEquals(List.of(Guard.FILTER_NAME, WebSocketUpgradeFilter.class.getName()), server.filterOrder(),
                    "wsguard runs ahead of Jetty's upgrade filter here");
            Http2WebSocketClient.Echo echo =
                    Http2WebSocketClient.echoAllowingLostMessages(server.port(), ECHO, "hello past wsguard");
            assertEquals(200, echo.status(), echo::toString);
            assertEquals("hello past wsguard", echo.echoed(), echo::toString);
            log.assertNoRequestLineBefore(marker(server), 0);

            // The misrouted one is still caught in this order.
            int mark = log.mark();
            ExtendedConnect.Answer answer = ExtendedConnect.send(server.port(), MISROUTED);
            assertEquals(mode == GuardMode.ENFORCE ? 400 : 200, answer.status(), answer::toString);
            log.awaitCodesSince(mark, Set.of("WSG01"));
            List<String> lines = log.requestLinesBefore(marker(server), mark);
            assertEquals(1, lines.size(), log::describe);
            assertTrue(lines.get(0).startsWith("WSG01 ") && lines.get(0).contains("CONNECT " + MISROUTED), log::describe);
        }
    }

    /** Asserts that {@code code} is the only per-request code logged before a marker sent after the request. */
    private static void assertOnly(String code, GuardLogCapture log, H2cJettyServer server) throws Exception {
        List<String> lines = log.requestLinesBefore(marker(server), 0);
        assertEquals(Set.of(code), lines.stream().map(GuardLogCapture::codeOf).collect(Collectors.toSet()),
                () -> "wsguard lines:" + log.describe());
    }

    /** This server speaks only h2c, so its marker is a misrouted extended CONNECT too. */
    private static Marker marker(H2cJettyServer server) {
        return Marker.using(AppSetup.CONTEXT_PATH, path -> ExtendedConnect.send(server.port(), path).toString());
    }
}
