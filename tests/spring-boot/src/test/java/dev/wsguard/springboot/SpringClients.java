package dev.wsguard.springboot;

import dev.wsguard.testkit.http.ClientOutcome;
import java.lang.reflect.Type;
import java.net.CookieManager;
import java.net.HttpCookie;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.messaging.converter.StringMessageConverter;
import org.springframework.messaging.simp.stomp.StompCommand;
import org.springframework.messaging.simp.stomp.StompFrameHandler;
import org.springframework.messaging.simp.stomp.StompHeaders;
import org.springframework.messaging.simp.stomp.StompSession;
import org.springframework.messaging.simp.stomp.StompSessionHandlerAdapter;
import org.springframework.web.socket.WebSocketHttpHeaders;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.client.WebSocketClient;
import org.springframework.web.socket.client.standard.StandardWebSocketClient;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.messaging.WebSocketStompClient;
import org.springframework.web.socket.sockjs.client.RestTemplateXhrTransport;
import org.springframework.web.socket.sockjs.client.SockJsClient;
import org.springframework.web.socket.sockjs.client.WebSocketTransport;

/**
 * Spring's own clients, driven as their users drive them, every step bounded by {@link #TIMEOUT}: STOMP through
 * {@link WebSocketStompClient} over SockJS ({@link SockJsClient} with one transport) or over plain WebSocket
 * ({@link StandardWebSocketClient}, the container's {@code jakarta.websocket} client), and a bare
 * {@link StandardWebSocketClient} handshake. Also the JDK's {@code java.net.http} client speaking STOMP, for SockJS's
 * raw WebSocket transport. Only API that both Spring Framework 6.2 and 7.0 have.
 */
final class SpringClients {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private SpringClients() {
    }

    /** SockJS over its WebSocket transport, the container's {@code jakarta.websocket} client underneath. */
    static WebSocketClient sockJsOverWebSocket() {
        return new SockJsClient(List.of(new WebSocketTransport(new StandardWebSocketClient())));
    }

    /** SockJS over its XHR transports (streaming, then polling), through a {@code RestTemplate}. */
    static WebSocketClient sockJsOverXhr() {
        return new SockJsClient(List.of(new RestTemplateXhrTransport()));
    }

    /**
     * STOMP over {@code client} to {@code url}: CONNECT, SUBSCRIBE {@code /topic/echo}, SEND {@code text} to
     * {@code /app/echo}, and returns what came on the subscription; then DISCONNECT.
     */
    static String stompEcho(WebSocketClient client, String url, String text) throws Exception {
        return stompEcho(client, url, new WebSocketHttpHeaders(), text);
    }

    /** {@link #stompEcho(WebSocketClient, String, String)} with these handshake headers (a session cookie). */
    static String stompEcho(WebSocketClient client, String url, WebSocketHttpHeaders headers, String text)
            throws Exception {
        WebSocketStompClient stomp = new WebSocketStompClient(client);
        stomp.setMessageConverter(new StringMessageConverter());
        stomp.setDefaultHeartbeat(new long[] {0, 0});
        stomp.start();
        try {
            CompletableFuture<Throwable> failed = new CompletableFuture<>();
            StompSession session = stomp.connectAsync(url, headers, new StompSessionHandlerAdapter() {
                @Override
                public void handleException(StompSession s, StompCommand command, StompHeaders headers,
                                            byte[] payload, Throwable exception) {
                    failed.complete(exception);
                }

                @Override
                public void handleTransportError(StompSession s, Throwable exception) {
                    failed.complete(exception);
                }
            }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            try {
                CompletableFuture<String> received = new CompletableFuture<>();
                session.subscribe("/topic/echo", new StompFrameHandler() {
                    @Override
                    public Type getPayloadType(StompHeaders headers) {
                        return String.class;
                    }

                    @Override
                    public void handleFrame(StompHeaders headers, Object payload) {
                        if (text.equals(payload)) {
                            received.complete((String) payload);
                        }
                    }
                });
                // The application preserves a session's receive order: the SUBSCRIBE is handled before this SEND.
                session.send("/app/echo", text);
                CompletableFuture.anyOf(received, failed).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
                if (failed.isDone()) {
                    throw new AssertionError("the STOMP session failed: " + ClientOutcome.chain(failed.get()));
                }
                return received.get();
            } finally {
                session.disconnect();
            }
        } finally {
            stomp.stop();
        }
    }

    /** The hidden CSRF field of Spring Security's generated login page. */
    private static final Pattern CSRF_FIELD = Pattern.compile("name=\"_csrf\" type=\"hidden\" value=\"([^\"]+)\"");

    /**
     * Signs in through the application's form login ({@code /login}, Spring Security's own page and its CSRF token)
     * as a browser would, and returns the signed-in session's cookie ({@code JSESSIONID=...}) for a client's
     * handshake headers.
     */
    static String signIn(int port, String user, String password) throws Exception {
        CookieManager cookies = new CookieManager();
        HttpClient http = HttpClient.newBuilder().cookieHandler(cookies).connectTimeout(TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        URI login = URI.create("http://127.0.0.1:" + port + "/login");
        String page = http.send(HttpRequest.newBuilder(login).timeout(TIMEOUT).build(),
                HttpResponse.BodyHandlers.ofString()).body();
        Matcher csrf = CSRF_FIELD.matcher(page);
        if (!csrf.find()) {
            throw new AssertionError("no CSRF field on the login page: " + page);
        }
        String form = "username=" + URLEncoder.encode(user, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = http.send(HttpRequest.newBuilder(login).timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        String to = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || to.contains("error")) {
            throw new AssertionError("sign-in refused: " + signedIn.statusCode() + " to " + to);
        }
        for (HttpCookie cookie : cookies.getCookieStore().get(login)) {
            if (cookie.getName().equals("JSESSIONID")) {
                return cookie.getName() + "=" + cookie.getValue();
            }
        }
        throw new AssertionError("no session cookie after signing in: " + signedIn.headers().map());
    }

    /**
     * A bare handshake by {@link StandardWebSocketClient}: null when it opened a session (then closed), else the
     * exception chain the client's future failed with, as its user sees it.
     */
    static String standardHandshake(String url) throws Exception {
        try {
            WebSocketSession session = new StandardWebSocketClient()
                    .execute(new TextWebSocketHandler(), url).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            session.close();
            return null;
        } catch (ExecutionException e) {
            return ClientOutcome.chain(e.getCause());
        }
    }

    /**
     * The JDK's WebSocket client to {@code uri}, sending a STOMP CONNECT (no heart-beats) as one text message and
     * returning the first text message answered (a STOMP frame, its NUL kept).
     */
    static String jdkStompConnect(URI uri) throws Exception {
        CompletableFuture<String> first = new CompletableFuture<>();
        WebSocket ws = HttpClient.newBuilder().connectTimeout(TIMEOUT).build().newWebSocketBuilder()
                .buildAsync(uri, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            first.complete(text.toString());
                        }
                        socket.request(1);
                        return null;
                    }
                }).get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        try {
            ws.sendText("CONNECT\naccept-version:1.2\nhost:127.0.0.1\nheart-beat:0,0\n\n\0", true)
                    .get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return first.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        } finally {
            ws.abort();
        }
    }
}
