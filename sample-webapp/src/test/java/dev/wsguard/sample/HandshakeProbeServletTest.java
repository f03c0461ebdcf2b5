package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class HandshakeProbeServletTest {

    @Test
    void wrongVersionIsAFullHandshakeExceptForTheVersion() {
        String request = HandshakeProbeServlet.Scenario.WRONG_VERSION.request("/demo", 8080);
        assertTrue(request.startsWith("GET /demo/chat/lobby HTTP/1.1\r\nHost: 127.0.0.1:8080\r\n"), request);
        assertTrue(request.contains("\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Version: 8\r\n"), request);
        assertTrue(request.endsWith("\r\n\r\n"), request);
    }

    @Test
    void strippedHeadersKeepTheKeyButLoseUpgradeAndConnectionUpgrade() {
        String request = HandshakeProbeServlet.Scenario.STRIPPED_HEADERS.request("", 80);
        assertTrue(request.startsWith("GET /echo HTTP/1.1\r\n"), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Key: "), request);
        assertTrue(request.contains("\r\nSec-WebSocket-Version: 13\r\n"), request);
        assertFalse(request.contains("Upgrade"), request);
        assertTrue(request.contains("\r\nConnection: close\r\n"), request);
    }

    @Test
    void scenariosAreLookedUpByTheirIdOnly() {
        assertEquals(HandshakeProbeServlet.Scenario.WRONG_VERSION, HandshakeProbeServlet.Scenario.of("wrong-version"));
        assertEquals(HandshakeProbeServlet.Scenario.STRIPPED_HEADERS, HandshakeProbeServlet.Scenario.of("stripped-headers"));
        assertNull(HandshakeProbeServlet.Scenario.of("WRONG_VERSION"));
        assertNull(HandshakeProbeServlet.Scenario.of(null));
    }

    @Test
    void statusIsReadFromTheStatusLine() {
        assertEquals(426, HandshakeProbeServlet.statusOf("HTTP/1.1 426 Upgrade Required"));
        assertEquals(200, HandshakeProbeServlet.statusOf("HTTP/1.1 200"));
        assertEquals(0, HandshakeProbeServlet.statusOf("garbage"));
        assertEquals(0, HandshakeProbeServlet.statusOf("HTTP/1.1 2000 Nope"));
    }

    /** A keep-alive server does not close after its answer: the probe must stop at the blank line, not wait. */
    @Test
    void exchangeReturnsAfterTheHeadEvenIfTheConnectionStaysOpen() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture<String> received = CompletableFuture.supplyAsync(() -> answerAndHold(server));
            long start = System.nanoTime();
            String statusLine = HandshakeProbeServlet.exchange(server.getLocalPort(), "GET /x HTTP/1.1\r\nHost: a\r\n\r\n");
            assertEquals("HTTP/1.1 426 Upgrade Required", statusLine);
            assertTrue(Duration.ofNanos(System.nanoTime() - start).toMillis() < 2000, "the probe waited for the connection to close");
            assertEquals("GET /x HTTP/1.1\r\nHost: a\r\n\r\n", received.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void anEmptyAnswerIsAnError() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.getInputStream().read();
                } catch (IOException ignored) {
                    // the test fails on the client side if this goes wrong
                }
            });
            assertThrows(IOException.class, () -> HandshakeProbeServlet.exchange(server.getLocalPort(), "GET / HTTP/1.1\r\n\r\n"));
        }
    }

    private static String answerAndHold(ServerSocket server) {
        try (Socket socket = server.accept()) {
            socket.setSoTimeout(5000);
            InputStream in = socket.getInputStream();
            StringBuilder request = new StringBuilder();
            while (!request.toString().endsWith("\r\n\r\n")) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                request.append((char) b);
            }
            OutputStream out = socket.getOutputStream();
            out.write("HTTP/1.1 426 Upgrade Required\r\nContent-Length: 5\r\n\r\nhello".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            // Hold the connection open until the client closes it, as a keep-alive server would.
            while (in.read() >= 0) {
                // discard
            }
            return request.toString();
        } catch (IOException e) {
            return "server failed: " + e;
        }
    }
}
