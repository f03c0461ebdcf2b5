package dev.wsguard.embedded.jetty121.http2;

import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import org.eclipse.jetty.websocket.api.Session;

/**
 * Collects what a client session receives: text messages and the close status. Public: Jetty's WebSocket client
 * invokes listener methods through a public lookup and refuses an anonymous or package-private class.
 */
public final class TextCollector implements Session.Listener.AutoDemanding {

    private final BlockingQueue<String> received = new LinkedBlockingQueue<>();
    private final CompletableFuture<Integer> closeStatus = new CompletableFuture<>();

    @Override
    public void onWebSocketText(String message) {
        received.add(message);
    }

    @Override
    public void onWebSocketClose(int statusCode, String reason) {
        closeStatus.complete(statusCode);
    }

    BlockingQueue<String> received() {
        return received;
    }

    /** The close status code, once the session closed (either side). */
    CompletableFuture<Integer> closeStatus() {
        return closeStatus;
    }
}
