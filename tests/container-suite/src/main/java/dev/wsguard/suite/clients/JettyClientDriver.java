package dev.wsguard.suite.clients;

import dev.wsguard.testkit.http.ClientOutcome;
import java.net.URI;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;

/**
 * Jetty's own WebSocket client (its native API, not Jakarta's), driven the way its users drive it; compiled against
 * Jetty 12.1, run with whichever Jetty 12 client the module has. Speaks JDK types only: see
 * {@link DriverOutcome}.
 */
public final class JettyClientDriver {

    private JettyClientDriver() {
    }

    public static String version() {
        return org.eclipse.jetty.util.Jetty.VERSION;
    }

    /** Connects, sends {@code text}, waits (bounded) for the echo, closes; or reports what Jetty threw. */
    public static String[] connect(String uri, String text, long timeoutMillis) throws Exception {
        WebSocketClient client = new WebSocketClient();
        client.setConnectTimeout(timeoutMillis);
        client.start();
        try {
            AtomicReference<Response> answer = new AtomicReference<>();
            JettyUpgradeListener upgradeListener = new JettyUpgradeListener() {
                @Override
                public void onHandshakeResponse(Request request, Response response) {
                    answer.set(response);
                }
            };
            Echo endpoint = new Echo();
            Session session;
            try {
                session = client.connect(endpoint, URI.create(uri), new ClientUpgradeRequest(), upgradeListener)
                        .get(timeoutMillis * 2, TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                int status = e.getCause() instanceof UpgradeException upgrade ? upgrade.getResponseStatusCode() : 0;
                Response response = answer.get();
                String code = response == null ? null : response.getHeaders().get("WSGuard-Code");
                return DriverOutcome.of(new ClientOutcome(false, null, ClientOutcome.chain(e.getCause()), status, code));
            }
            try {
                session.sendText(text, Callback.NOOP);
                return DriverOutcome.of(new ClientOutcome(true, endpoint.echo.get(timeoutMillis,
                        TimeUnit.MILLISECONDS), null, 0, null));
            } finally {
                session.close();
            }
        } finally {
            client.stop();
        }
    }

    /** Jetty's annotated endpoint: completes with the first text message. */
    @org.eclipse.jetty.websocket.api.annotations.WebSocket
    public static final class Echo {
        final CompletableFuture<String> echo = new CompletableFuture<>();

        @OnWebSocketMessage
        public void onText(String message) {
            echo.complete(message);
        }
    }
}
