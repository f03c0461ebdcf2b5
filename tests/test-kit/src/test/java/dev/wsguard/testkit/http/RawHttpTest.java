package dev.wsguard.testkit.http;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The raw client itself, against a scripted one-connection server: framing, header order, 101. */
class RawHttpTest {

    /** Accepts one connection, reads the request head, writes {@code answer}, then closes unless told not to. */
    private static final class ScriptedServer implements AutoCloseable {
        final ServerSocket socket;
        final CompletableFuture<String> requestHead = new CompletableFuture<>();

        ScriptedServer(String answer, boolean closeAfter) throws IOException {
            socket = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}));
            Thread thread = new Thread(() -> {
                try (Socket s = socket.accept()) {
                    // Longer than the client's read timeout, so a stalled answer is the client's timeout to report.
                    s.setSoTimeout(8_000);
                    requestHead.complete(readHead(s.getInputStream()));
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                    if (!closeAfter) {
                        // Echo whatever arrives next, so the client can read past the head.
                        byte[] buffer = new byte[256];
                        int n = s.getInputStream().read(buffer);
                        if (n > 0) {
                            s.getOutputStream().write(buffer, 0, n);
                        }
                    }
                } catch (IOException e) {
                    requestHead.completeExceptionally(e);
                }
            }, "scripted-http");
            thread.setDaemon(true);
            thread.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        for (int i = 0; i < 65_536; i++) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
            String text = head.toString(StandardCharsets.ISO_8859_1);
            if (text.endsWith("\r\n\r\n")) {
                return text;
            }
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    @Test
    void sendsExactBytesWithAuthorityFilledIn() throws Exception {
        RawRequest request = RawRequest.validUpgrade("/app/echo").toBuilder()
                .header("sec-websocket-key", "AQIDBAUGBwgJCgsMDQ4PEA==").build();
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 204 No Content\r\n\r\n", true)) {
            RawHttp.exchange(server.port(), request).close();
            assertEquals("GET /app/echo HTTP/1.1\r\nHost: 127.0.0.1:" + server.port() + "\r\nUpgrade: websocket\r\n"
                            + "Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
                            + "Sec-WebSocket-Version: 13\r\nsec-websocket-key: AQIDBAUGBwgJCgsMDQ4PEA==\r\n\r\n",
                    server.requestHead.get(5, TimeUnit.SECONDS));
        }
    }

    @Test
    void keepsHeaderOrderCaseAndDuplicatesAndDecodesChunks() throws Exception {
        String answer = "HTTP/1.1 200 OK\r\nX-One: a\r\nx-one: b\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5;ext=1\r\nhello\r\n7\r\n, world\r\n0\r\nTrailer: t\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(answer, true);
             RawResponse response = RawHttp.exchange(server.port(), RawRequest.get("/").build())) {
            assertEquals(200, response.status());
            assertEquals("OK", response.reason());
            assertEquals(List.of(new Header("X-One", "a"), new Header("x-one", "b"),
                    new Header("Transfer-Encoding", "chunked")), response.headers());
            assertEquals(List.of("a", "b"), response.headers("X-ONE"));
            assertEquals("hello, world", response.bodyText());
        }
    }

    @Test
    void readsUntilCloseWithoutLengthAndKeepsAnEmptyReason() throws Exception {
        try (ScriptedServer server = new ScriptedServer("HTTP/1.0 200 \r\nContent-Type: text/plain\r\n\r\nbye", true);
             RawResponse response = RawHttp.exchange(server.port(), RawRequest.get("/").build())) {
            assertEquals("", response.reason());
            assertEquals("HTTP/1.0", response.version());
            assertEquals("bye", response.bodyText());
            assertTrue(!response.upgraded());
        }
    }

    @Test
    void keepsTheConnectionAfter101WithoutConsumingWhatFollows() throws Exception {
        String answer = "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n\r\n";
        try (ScriptedServer server = new ScriptedServer(answer, false);
             RawResponse response = RawHttp.exchange(server.port(), RawRequest.validUpgrade("/"))) {
            assertTrue(response.upgraded());
            assertArrayEquals(new byte[0], response.body());
            response.upgradedOutput().write(new byte[] {1, 2, 3});
            response.upgradedOutput().flush();
            byte[] back = response.upgradedInput().readNBytes(3);
            assertArrayEquals(new byte[] {1, 2, 3}, back);
        }
    }

    @Test
    void aServerThatNeverFinishesTimesOut() throws Exception {
        try (ScriptedServer server = new ScriptedServer("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", false)) {
            assertThrows(SocketTimeoutException.class,
                    () -> RawHttp.exchange(server.port(), RawRequest.get("/").build()));
        }
    }
}
