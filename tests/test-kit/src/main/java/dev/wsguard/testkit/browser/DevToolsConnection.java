package dev.wsguard.testkit.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * A Chrome DevTools protocol connection over the JDK's WebSocket client: commands with an id and
 * a bounded wait for their result, and events handed to listeners. One connection to the browser
 * target; page commands carry the session id of a flattened target session
 * ({@code Target.attachToTarget} with {@code flatten: true}), so no second socket is needed.
 */
public final class DevToolsConnection implements AutoCloseable {

    private final WebSocket socket;
    private final AtomicInteger nextId = new AtomicInteger(1);
    private final Map<Integer, CompletableFuture<JsonObject>> pending = new ConcurrentHashMap<>();
    private final List<Consumer<JsonObject>> eventListeners = new CopyOnWriteArrayList<>();
    private final Duration commandTimeout;

    private DevToolsConnection(WebSocket socket, Duration commandTimeout) {
        this.socket = socket;
        this.commandTimeout = commandTimeout;
    }

    /** Connects to a DevTools WebSocket URL, such as the browser's {@code ws://127.0.0.1:PORT/devtools/browser/ID}. */
    public static DevToolsConnection open(URI webSocketUrl, Duration timeout) throws Exception {
        Receiver receiver = new Receiver();
        WebSocket socket = HttpClient.newBuilder().connectTimeout(timeout).build()
                .newWebSocketBuilder().connectTimeout(timeout)
                .buildAsync(webSocketUrl, receiver)
                .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        DevToolsConnection connection = new DevToolsConnection(socket, timeout);
        receiver.connection = connection;
        return connection;
    }

    /** Every event ({@code {"method": ..., "params": ..., "sessionId": ...}}) goes to this listener, on the socket's thread. */
    public void onEvent(Consumer<JsonObject> listener) {
        eventListeners.add(listener);
    }

    /** A browser-level command; returns its {@code result}, or throws with the protocol's error. */
    public JsonObject send(String method, JsonObject params) throws Exception {
        return send(null, method, params);
    }

    /** A command for the target attached as {@code sessionId} (null: the browser itself). */
    public JsonObject send(String sessionId, String method, JsonObject params) throws Exception {
        int id = nextId.getAndIncrement();
        JsonObject message = new JsonObject();
        message.addProperty("id", id);
        message.addProperty("method", method);
        message.add("params", params == null ? new JsonObject() : params);
        if (sessionId != null) {
            message.addProperty("sessionId", sessionId);
        }
        CompletableFuture<JsonObject> reply = new CompletableFuture<>();
        pending.put(id, reply);
        try {
            socket.sendText(message.toString(), true).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            JsonObject answer = reply.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            if (answer.has("error")) {
                throw new IllegalStateException("DevTools " + method + " failed: " + answer.get("error"));
            }
            return answer.has("result") ? answer.getAsJsonObject("result") : new JsonObject();
        } catch (TimeoutException e) {
            throw new TimeoutException("DevTools " + method + ": no answer within " + commandTimeout);
        } catch (ExecutionException e) {
            throw new IllegalStateException("DevTools " + method + " failed: " + e.getCause(), e.getCause());
        } finally {
            pending.remove(id);
        }
    }

    private void dispatch(String text) {
        JsonElement parsed;
        try {
            parsed = JsonParser.parseString(text);
        } catch (RuntimeException e) {
            return;
        }
        if (!parsed.isJsonObject()) {
            return;
        }
        JsonObject message = parsed.getAsJsonObject();
        if (message.has("id")) {
            CompletableFuture<JsonObject> reply = pending.get(message.get("id").getAsInt());
            if (reply != null) {
                reply.complete(message);
            }
        } else if (message.has("method")) {
            for (Consumer<JsonObject> listener : eventListeners) {
                listener.accept(message);
            }
        }
    }

    private void failAll(Throwable error) {
        for (CompletableFuture<JsonObject> reply : pending.values()) {
            reply.completeExceptionally(error);
        }
    }

    @Override
    public void close() {
        try {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            // The browser may already be gone; abort below frees the socket either way.
        }
        socket.abort();
    }

    /** Assembles fragmented text messages (a screenshot is megabytes of base64) and hands them on. */
    private static final class Receiver implements WebSocket.Listener {
        private final StringBuilder partial = new StringBuilder();
        private volatile DevToolsConnection connection;

        @Override
        public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
            partial.append(data);
            if (last) {
                String text = partial.toString();
                partial.setLength(0);
                DevToolsConnection c = connection;
                if (c != null) {
                    c.dispatch(text);
                }
            }
            webSocket.request(1);
            return null;
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            DevToolsConnection c = connection;
            if (c != null) {
                c.failAll(new IllegalStateException("DevTools connection closed: " + statusCode + " " + reason));
            }
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            DevToolsConnection c = connection;
            if (c != null) {
                c.failAll(error);
            }
        }
    }
}
