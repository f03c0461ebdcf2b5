package dev.wsguard.realclients;

import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.client.Response;
import org.eclipse.jetty.websocket.api.Callback;
import org.eclipse.jetty.websocket.api.annotations.OnWebSocketMessage;
import org.eclipse.jetty.websocket.api.exceptions.UpgradeException;
import org.eclipse.jetty.websocket.client.ClientUpgradeRequest;
import org.eclipse.jetty.websocket.client.JettyUpgradeListener;
import org.eclipse.jetty.websocket.client.WebSocketClient;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * A real WebSocket client, driven the way its users drive it: connect to a {@code ws://} URL, send one text,
 * wait (bounded) for the echo, close. A failed handshake ends in the exception the client throws, and, where
 * the client exposes them, the HTTP status and wsguard's {@code WSGuard-Code} header.
 */
public enum WebSocketClientUnderTest {

    /** Tyrus 2.2.0 with its Grizzly client container (the Jakarta WebSocket client API). */
    TYRUS("Tyrus client " + mavenVersion(ClientManager.class, "org.glassfish.tyrus", "tyrus-client")) {
        @Override
        ClientOutcome connect(URI uri) throws Exception {
            ClientManager client = ClientManager.createClient(GrizzlyClientContainer.class.getName());
            client.getProperties().put(org.glassfish.tyrus.client.ClientProperties.HANDSHAKE_TIMEOUT, TIMEOUT.toMillis());
            AtomicReference<HandshakeResponse> answer = new AtomicReference<>();
            ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                    .configurator(new ClientEndpointConfig.Configurator() {
                        @Override
                        public void afterResponse(HandshakeResponse response) {
                            answer.set(response);
                        }
                    }).build();
            CompletableFuture<String> echo = new CompletableFuture<>();
            try {
                Session session = client.connectToServer(new Endpoint() {
                    @Override
                    public void onOpen(Session s, EndpointConfig c) {
                        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) echo::complete);
                    }
                }, config, uri);
                try {
                    session.getBasicRemote().sendText(TEXT);
                    return new ClientOutcome(true, echo.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), null, 0, null);
                } finally {
                    session.close();
                }
            } catch (jakarta.websocket.DeploymentException e) {
                int status = 0;
                for (Throwable t = e; t != null; t = t.getCause()) {
                    if (t instanceof HandshakeException handshake) {
                        status = handshake.getHttpStatusCode();
                    }
                }
                // Tyrus hands the failed handshake's response to afterResponse on its own thread, sometimes
                // after the exception reached us: wait for it (bounded).
                long end = System.nanoTime() + 1_000_000_000L;
                while (answer.get() == null && System.nanoTime() - end < 0) {
                    Thread.sleep(10);
                }
                HandshakeResponse response = answer.get();
                String code = null;
                if (response != null) {
                    List<String> values = headerIgnoringCase(response, "WSGuard-Code");
                    code = values == null || values.isEmpty() ? null : values.get(0);
                }
                return new ClientOutcome(false, null, ClientOutcome.chain(e), status, code);
            } finally {
                client.shutdown();
            }
        }

        private List<String> headerIgnoringCase(HandshakeResponse response, String name) {
            return response.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase(name))
                    .map(java.util.Map.Entry::getValue).findFirst().orElse(null);
        }
    },

    /** The JDK's {@code java.net.http} WebSocket (shared with every container's suite). */
    JDK(JdkWebSocketClient.DISPLAY_NAME) {
        @Override
        ClientOutcome connect(URI uri) throws Exception {
            return JdkWebSocketClient.connect(uri);
        }
    },

    /** Jetty 12.1's own WebSocket client (its native API, not Jakarta's). */
    JETTY("Jetty WebSocket client " + org.eclipse.jetty.util.Jetty.VERSION) {
        @Override
        ClientOutcome connect(URI uri) throws Exception {
            WebSocketClient client = new WebSocketClient();
            client.setConnectTimeout(TIMEOUT.toMillis());
            client.start();
            try {
                AtomicReference<Response> answer = new AtomicReference<>();
                JettyUpgradeListener upgradeListener = new JettyUpgradeListener() {
                    @Override
                    public void onHandshakeResponse(Request request, Response response) {
                        answer.set(response);
                    }
                };
                JettyEcho endpoint = new JettyEcho();
                org.eclipse.jetty.websocket.api.Session session;
                try {
                    session = client.connect(endpoint, uri, new ClientUpgradeRequest(), upgradeListener)
                            .get(TIMEOUT.toSeconds() * 2, TimeUnit.SECONDS);
                } catch (ExecutionException e) {
                    int status = e.getCause() instanceof UpgradeException upgrade ? upgrade.getResponseStatusCode() : 0;
                    Response response = answer.get();
                    String code = response == null ? null : response.getHeaders().get("WSGuard-Code");
                    return new ClientOutcome(false, null, ClientOutcome.chain(e.getCause()), status, code);
                }
                try {
                    session.sendText(TEXT, Callback.NOOP);
                    return new ClientOutcome(true, endpoint.echo.get(TIMEOUT.toSeconds(), TimeUnit.SECONDS), null, 0, null);
                } finally {
                    session.close();
                }
            } finally {
                client.stop();
            }
        }
    };

    static final String TEXT = JdkWebSocketClient.TEXT;
    static final Duration TIMEOUT = JdkWebSocketClient.TIMEOUT;

    private final String displayName;

    WebSocketClientUnderTest(String displayName) {
        this.displayName = displayName;
    }

    /** The client and its version, for tables. */
    public String displayName() {
        return displayName;
    }

    /** Connects, echoes once, closes; or returns what the client reported. Bounded by {@link #TIMEOUT}. */
    abstract ClientOutcome connect(URI uri) throws Exception;

    /** The version in a jar's Maven metadata (Tyrus has no version API). */
    static String mavenVersion(Class<?> inJar, String groupId, String artifactId) {
        String resource = "META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
        try (java.io.InputStream in = inJar.getClassLoader().getResourceAsStream(resource)) {
            java.util.Properties properties = new java.util.Properties();
            if (in != null) {
                properties.load(in);
            }
            return properties.getProperty("version", "(version unknown)");
        } catch (java.io.IOException e) {
            return "(version unknown)";
        }
    }

    /** Jetty's annotated endpoint: completes with the first text message. */
    @org.eclipse.jetty.websocket.api.annotations.WebSocket
    public static final class JettyEcho {
        final CompletableFuture<String> echo = new CompletableFuture<>();

        @OnWebSocketMessage
        public void onText(String message) {
            echo.complete(message);
        }
    }
}
