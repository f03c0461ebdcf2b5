package dev.wsguard.embedded.jetty121.http2;

import dev.wsguard.testkit.server.Loopback;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * A real WebSocket client over HTTP/2: Jetty's {@link WebSocketClient} on an {@link HttpClient} whose only
 * transport is HTTP/2 (h2c with prior knowledge), so its handshake is an RFC 8441 extended CONNECT.
 */
final class Http2WebSocketClient {

    static final Duration TIMEOUT = Duration.ofSeconds(10);
    private static final long POLL_MS = 50;
    /** Sessions tried for one echo before the test fails. */
    private static final int SESSIONS = 3;

    /**
     * What the handshake was answered with, as the client saw it; the first text that came back (null if none
     * within the timeout); the close status if the session closed meanwhile (null if not).
     */
    record Echo(HttpVersion version, String handshakeMethod, int status, String echoed, Integer closeStatus) {
    }

    private Http2WebSocketClient() {
    }

    /**
     * {@link #echo}, and when neither a text nor a close came back, another session, at most {@link #SESSIONS} in
     * all, each with a warning on stderr. Jetty 12.1.14's h2 client now and then gets the 200 and then nothing for
     * its first message, also where Jetty answers before any filter (seen in fresh-clone builds, once twice in a
     * row on a loaded machine). Whatever wsguard did to the first would happen to the next as well, and its log is
     * asserted separately.
     */
    static Echo echoAllowingLostMessages(int port, String path, String text) throws Exception {
        Echo answered = echo(port, path, text);
        for (int session = 1; session < SESSIONS && answered.echoed() == null && answered.closeStatus() == null;
                session++) {
            System.err.println("[WARNING] no echo over h2 within " + TIMEOUT.toSeconds() + " s (" + answered
                    + "); one more session");
            answered = echo(port, path, text);
        }
        return answered;
    }

    /**
     * Connects to {@code path}, sends {@code text} and waits (at most {@link #TIMEOUT}) for a text back or for the
     * session to close. A failed handshake surfaces as the {@code ExecutionException} of the connect.
     */
    static Echo echo(int port, String path, String text) throws Exception {
        HttpClient http = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
        WebSocketClient client = new WebSocketClient(http);
        http.start();
        client.start();
        try {
            TextCollector listener = new TextCollector();
            AtomicReference<Response> handshake = new AtomicReference<>();
            AtomicReference<String> method = new AtomicReference<>();
            JettyUpgradeListener upgradeListener = new JettyUpgradeListener() {
                @Override
                public void onHandshakeResponse(Request request, Response response) {
                    method.set(request.getMethod());
                    handshake.set(response);
                }
            };
            URI uri = URI.create("ws://" + Loopback.HOST + ":" + port + path);
            Session session = client.connect(listener, uri, new ClientUpgradeRequest(), upgradeListener)
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try {
                session.sendText(text, Callback.NOOP);
                String echoed = null;
                long end = System.nanoTime() + TIMEOUT.toNanos();
                while (echoed == null && !listener.closeStatus().isDone() && System.nanoTime() - end < 0) {
                    echoed = listener.received().poll(POLL_MS, TimeUnit.MILLISECONDS);
                }
                Response response = handshake.get();
                return new Echo(response.getVersion(), method.get(), response.getStatus(), echoed,
                        listener.closeStatus().getNow(null));
            } finally {
                session.close();
            }
        } finally {
            client.stop();
            http.stop();
        }
    }
}
