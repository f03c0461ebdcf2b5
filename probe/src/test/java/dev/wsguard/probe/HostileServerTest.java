package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.OutputStream;
import java.net.Socket;
import org.junit.jupiter.api.Test;

/**
 * Broken and hostile servers: each gets a clear verdict within the run's timeout (plus scheduling slack), with bounded
 * reads, and nothing they send reaches the output unescaped.
 */
class HostileServerTest {

    private static final String TIMEOUT = "2";
    /** The run's budget plus room for a slow machine; a run that hangs on the server's data takes tens of seconds. */
    private static final long BOUND_MILLIS = 2000 + 3000;

    private static ProbeRun probe(ScriptedServer server, String path, String... more) {
        String[] args = new String[more.length + 3];
        args[0] = "--timeout";
        args[1] = TIMEOUT;
        System.arraycopy(more, 0, args, 2, more.length);
        args[args.length - 1] = "ws://127.0.0.1:" + server.port() + path;
        ProbeRun run = ProbeRun.of(args).assertNoControlCharacters();
        assertTrue(run.millis() < BOUND_MILLIS, run::toString);
        return run;
    }

    @Test
    void endlessHeadersAreAProtocolErrorAtTheHeadBound() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            ScriptedServer.write(out, "HTTP/1.1 200 OK\r\n");
            for (int i = 0; i < 1_000_000 && !socket.isClosed(); i++) {
                ScriptedServer.write(out, "X-Junk-" + i + ": " + "x".repeat(40) + "\r\n");
            }
        })) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(6, run.exit(), run::toString);
            assertTrue(run.out().contains("more than 100 headers"), run::toString);
        }
    }

    @Test
    void oneEndlessHeaderLineIsCutAt64KiB() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nX-Long: ");
            for (int i = 0; i < 1_000_000 && !socket.isClosed(); i++) {
                ScriptedServer.write(out, "y".repeat(1000));
            }
        })) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(6, run.exit(), run::toString);
            assertTrue(run.out().contains("longer than 64 KiB"), run::toString);
        }
    }

    @Test
    void anEndlessBodyIsSampledAndDiagnosed() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/html\r\n\r\n<!doctype html><html><title>Home"
                    + "</title>");
            for (int i = 0; i < 1_000_000 && !socket.isClosed(); i++) {
                ScriptedServer.write(out, "<p>more</p>".repeat(100));
            }
        })) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG01"), run::toString);
            assertTrue(run.out().contains("an HTML page titled 'Home'"), run::toString);
        }
    }

    @Test
    void garbageAfterA101IsAProtocolError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            ScriptedServer.switchProtocols(request, out);
            ScriptedServer.write(out, "\u001b[2J\u001b[31mYOU HAVE BEEN PWNED\r\n");
        })) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(6, run.exit(), run::toString);
            assertTrue(run.out().contains("reserved bits"), run::toString);
        }
    }

    @Test
    void silenceAfterA101IsNoPong() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            ScriptedServer.switchProtocols(request, out);
            ScriptedServer.stall(socket, 10_000);
        })) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(6, run.exit(), run::toString);
            assertTrue(run.out().contains("no pong"), run::toString);
        }
    }

    @Test
    void aWrongAcceptIsAProtocolError() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                        + "Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo=\r\n\r\n"))) {
            ProbeRun run = probe(server, "/ws", "--json");
            assertEquals(6, run.exit(), run::toString);
            assertTrue(run.out().contains("\"accept\":\"wrong\""), run::toString);
        }
    }

    @Test
    void aRedirectLoopIsDetected() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 302 Found\r\nLocation: " + (request.target().equals("/a") ? "/b" : "/a")
                        + "\r\nContent-Length: 0\r\n\r\n"))) {
            ProbeRun run = probe(server, "/a");
            assertEquals(3, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG07"), run::toString);
            assertTrue(run.out().contains("loop"), run::toString);
            assertEquals(2, server.connections(), "the first request and one hop; the loop is seen before a third");
        }
    }

    @Test
    void escapeSequencesInHeadersAndBodyNeverReachTheOutput() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            String body = "\u001b[2J\u001b]0;owned\u0007\rverdict: works\u2028\u009b31m";
            byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            ScriptedServer.write(out, "HTTP/1.1 200 \u001b[32mOK\u001b[0m\r\nServer: nginx\u001b]0;title\u0007\r\n"
                    + "Via: 1.1 \u009b2J\r\nLocation: /x\u001b[1A\r\nContent-Type: text/plain; charset=utf-8\r\n"
                    + "Content-Length: " + bytes.length + "\r\n\r\n");
            out.write(bytes);
        })) {
            ProbeRun text = probe(server, "/ws");
            assertEquals(2, text.exit(), text::toString);
            assertTrue(text.out().contains("\\x1b"), text::toString);
            assertFalse(text.out().contains("\u001b"), text::toString);
            ProbeRun json = probe(server, "/ws", "--json");
            assertEquals(2, json.exit(), json::toString);
            assertFalse(json.out().contains("\u001b"), json::toString);
        }
    }

    @Test
    void aServerThatSaysNothingIsUnreachableWithinTheTimeout() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.stall(socket,
                10_000))) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(4, run.exit(), run::toString);
        }
    }

    @Test
    void aStalledTlsHandshakeIsATlsFailureWithinTheTimeout() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.stall(socket,
                10_000))) {
            ProbeRun run = ProbeRun.of("--timeout", TIMEOUT, "wss://127.0.0.1:" + server.port() + "/ws")
                    .assertNoControlCharacters();
            assertEquals(5, run.exit(), run::toString);
            assertTrue(run.millis() < BOUND_MILLIS, run::toString);
        }
    }

    @Test
    void anotherProtocolOnThePortIsGarbage() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "SSH-2.0-OpenSSH_9.2p1\r\n"))) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(6, run.exit(), run::toString);
            assertTrue(run.out().contains("not an HTTP answer"), run::toString);
        }
    }

    @Test
    void a426NamesTheVersionTheServerWants() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 426 Upgrade Required\r\nSec-WebSocket-Version: 8\r\nContent-Length: 0\r\n\r\n"))) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG08"), run::toString);
            assertTrue(run.out().contains("Sec-WebSocket-Version: 8"), run::toString);
        }
    }

    @Test
    void a401ShowsItsChallenge() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 401 Unauthorized\r\nWWW-Authenticate: Bearer realm=\"api\"\r\nContent-Length: 0\r\n\r\n"))) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(3, run.exit(), run::toString);
            assertTrue(run.out().contains("Bearer realm=\"api\""), run::toString);
            assertEquals(1, server.connections(), "a refusal tries no variants");
        }
    }

    @Test
    void aCdnIsNamedByItsHeaders() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 404 Not Found\r\nServer: cloudflare\r\nCF-Ray: 8a1b2c3d4e5f-FRA\r\nContent-Length: 0\r\n\r\n"))) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("Cloudflare (CF-Ray: 8a1b2c3d4e5f-FRA)"), run::toString);
        }
    }

    @Test
    void aSockJsGreetingLeadsToItsRawWebSocket() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            if (request.target().equals("/ws/websocket")) {
                ScriptedServer.echo(request, socket, out);
            } else {
                ScriptedServer.write(out, "HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=UTF-8\r\n"
                        + "Content-Length: 19\r\n\r\nWelcome to SockJS!\n");
            }
        })) {
            ProbeRun run = probe(server, "/ws");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("/ws is SockJS; the raw WebSocket is at /ws/websocket, which answered 101"),
                    run::toString);
        }
    }

    @Test
    void neverMoreThanSixRequests() throws Exception {
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 400 Bad Request\r\nContent-Type: application/json\r\nContent-Length: 40\r\n\r\n"
                        + "{\"code\":0,\"message\":\"Transport unknown\"}"))) {
            ProbeRun run = probe(server, "/socket.io/a/b/", "--json");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(server.connections() <= Probe.MAX_REQUESTS, run::toString);
            assertTrue(run.out().contains("transport=websocket"), run::toString);
        }
    }

    @Test
    void anEnforcingWsguardsCodeAndClosestEndpointAreUsed() throws Exception {
        String body = "WSG01 WebSocket handshake refused: no WebSocket endpoint answers at this URL.\nWSG01 ... Closest"
                + " endpoint: /app/echo, ws://127.0.0.1/app/echo. Fix the client URL.\n";
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> {
            if (request.target().equals("/app/echo")) {
                ScriptedServer.echo(request, socket, out);
            } else {
                ScriptedServer.write(out, "HTTP/1.1 400 Bad Request\r\nWSGuard-Code: WSG01\r\nContent-Type: text/plain\r\n"
                        + "Content-Length: " + body.length() + "\r\n\r\n" + body);
            }
        })) {
            ProbeRun run = probe(server, "/app/ecco");
            assertEquals(2, run.exit(), run::toString);
            assertTrue(run.out().contains("WSG01 misrouted: 400"), run::toString);
            assertTrue(run.out().contains("names the closest endpoint, ws://127.0.0.1:" + server.port()
                    + "/app/echo, which answered 101"), run::toString);
        }
    }
}
