package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * The probe against Node.js servers from npm (src/test/node, versions pinned by package-lock.json): a plain {@code ws}
 * server with its endpoint at {@code /echo}, and a Socket.IO server with its defaults. Each test starts its server once
 * and stops it (its process tree) at the end.
 */
class NodeServersProofTest {

    /** ws's own WebSocketServer at /echo: 101, the accept checked, a ping answered, the text echoed. */
    @Test
    void aWsServersEndpointWorks() throws Exception {
        try (ChildServer ws = NodeServers.start("ws-server.js")) {
            Probed probed = Probed.probe("ws://127.0.0.1:" + ws.port() + "/echo", "--send", "hello ws").assertWorks();
            assertEquals("hello ws", probed.string("echo"), probed::toString);
        }
    }

    /**
     * A wrong path on a ws server: ws takes every upgrade its HTTP server gets and refuses one for a path it does not
     * serve with a bare {@code 400 Bad Request} (its {@code abortHandshake}), before the application's 404 handler
     * sees it. WSG08 (a 4xx other than 404): misrouted, exit 2. The probe tries the slash and the parent (400 each);
     * none answers 101, and nothing says where the endpoint is, so it names none.
     */
    @Test
    void aWrongPathOnAWsServerIsWsg08() throws Exception {
        try (ChildServer ws = NodeServers.start("ws-server.js")) {
            String url = "ws://127.0.0.1:" + ws.port() + "/ecco";
            Probed probed = Probed.probe(url).assertVerdict(2, "misrouted", "WSG08", 400)
                    .assertVariant(url + "/", 400, "WSG08")
                    .assertNoVariantWorked();
            assertTrue(probed.string("fix").contains("400"), probed::toString);
        }
    }

    /**
     * Socket.IO at its base path, {@code /socket.io/}, without Engine.IO's query: Engine.IO answers 400 with its JSON
     * error ({@code Transport unknown}). The probe recognises Socket.IO and finds its WebSocket transport,
     * {@code /socket.io/?EIO=4&transport=websocket}, answering 101; the exit code stays 2, the URL given fails.
     */
    @Test
    void socketIoIsRecognisedAndItsWebSocketTransportFound() throws Exception {
        try (ChildServer io = NodeServers.start("socket-io-server.js")) {
            String base = "ws://127.0.0.1:" + io.port() + "/socket.io/";
            String transport = base + "?EIO=4&transport=websocket";
            Probed.probe(base).assertVerdict(2, "misrouted", "WSG08", 400)
                    .assertVariant(transport, 101, null)
                    .assertWorksAt(transport)
                    .assertFixContains("This is Socket.IO")
                    .assertFixContains("/socket.io/?EIO=4&transport=websocket");
        }
    }
}
