package dev.wsguard.testkit.http;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The JDK's own {@code java.net.http} WebSocket client, driven as its users drive it: connect to a {@code ws://}
 * URL, send one text, wait (bounded) for the echo, close. It needs no dependency, so every container module runs
 * it ({@code ScenarioContract}) beside Tyrus's and Jetty's clients ({@code RealClientContract}).
 *
 * <p>A refused handshake is reported by its public API only: {@link WebSocketHandshakeException} and the status
 * and headers of {@code getResponse()}. The exception's cause is a {@code jdk.internal} class whose message is the
 * JDK's own wording; it is kept in {@link ClientOutcome#internalChain()} for the record, never compared.
 */
public final class JdkWebSocketClient {

    /** What every real client sends and expects back. */
    public static final String TEXT = "hello from a real client";

    /** Bounds each step: connect, handshake, echo. */
    public static final Duration TIMEOUT = Duration.ofSeconds(5);

    /** How the documents name it; the JDK's version goes to the run-environment line. */
    public static final String DISPLAY_NAME = "java.net.http WebSocket (the JDK's own)";

    private JdkWebSocketClient() {
    }

    /** Connects, echoes once, closes; or returns what the client reported. Bounded by {@link #TIMEOUT}. */
    public static ClientOutcome connect(URI uri) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        CompletableFuture<String> echo = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    echo.complete(text.toString());
                }
                ws.request(1);
                return null;
            }
        };
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().connectTimeout(TIMEOUT).buildAsync(uri, listener)
                    .get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof WebSocketHandshakeException handshake) {
                return new ClientOutcome(false, null, WebSocketHandshakeException.class.getName(),
                        handshake.getResponse().statusCode(),
                        handshake.getResponse().headers().firstValue("WSGuard-Code").orElse(null),
                        ClientOutcome.chain(handshake));
            }
            return new ClientOutcome(false, null, ClientOutcome.chain(e.getCause()), 0, null);
        }
        try {
            ws.sendText(TEXT, true).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return new ClientOutcome(true, echo.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), null, 0, null);
        } finally {
            ws.abort();
        }
    }
}
