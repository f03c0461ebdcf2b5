package dev.wsguard.suite.clients;

import dev.wsguard.testkit.http.ClientOutcome;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.glassfish.tyrus.client.ClientManager;
import org.glassfish.tyrus.client.ClientProperties;
import org.glassfish.tyrus.container.grizzly.client.GrizzlyClientContainer;
import org.glassfish.tyrus.core.HandshakeException;

/**
 * Tyrus's client (the Jakarta WebSocket client API, Grizzly client container), driven the way its users drive it.
 * Runs in a class loader of its own ({@link RealClient#TYRUS}) and so speaks JDK types only: see
 * {@link DriverOutcome}.
 */
public final class TyrusClientDriver {

    private TyrusClientDriver() {
    }

    /** The version of the Tyrus client in this class loader (Tyrus has no version API). */
    public static String version() throws java.io.IOException {
        for (String artifact : List.of("tyrus-client", "tyrus-core")) {
            try (java.io.InputStream in = ClientManager.class.getClassLoader()
                    .getResourceAsStream("META-INF/maven/org.glassfish.tyrus/" + artifact + "/pom.properties")) {
                if (in != null) {
                    Properties properties = new Properties();
                    properties.load(in);
                    return properties.getProperty("version", "(version unknown)");
                }
            }
        }
        return "(version unknown)";
    }

    /** Connects, sends {@code text}, waits (bounded) for the echo, closes; or reports what Tyrus threw. */
    public static String[] connect(String uri, String text, long timeoutMillis) throws Exception {
        ClientManager client = ClientManager.createClient(GrizzlyClientContainer.class.getName());
        client.getProperties().put(ClientProperties.HANDSHAKE_TIMEOUT, timeoutMillis);
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
            }, config, URI.create(uri));
            try {
                session.getBasicRemote().sendText(text);
                return DriverOutcome.of(new ClientOutcome(true, echo.get(timeoutMillis, TimeUnit.MILLISECONDS),
                        null, 0, null));
            } finally {
                session.close();
            }
        } catch (DeploymentException e) {
            int status = 0;
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof HandshakeException handshake) {
                    status = handshake.getHttpStatusCode();
                }
            }
            // Tyrus hands the failed handshake's response to afterResponse on its own thread, sometimes after the
            // exception reached us: wait for it (bounded), since it is expected.
            long end = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
            while (answer.get() == null && System.nanoTime() - end < 0) {
                Thread.sleep(10);
            }
            HandshakeResponse response = answer.get();
            String code = null;
            if (response != null) {
                code = response.getHeaders().entrySet().stream().filter(h -> h.getKey().equalsIgnoreCase("WSGuard-Code"))
                        .map(Map.Entry::getValue).filter(v -> !v.isEmpty()).map(v -> v.get(0)).findFirst().orElse(null);
            }
            return DriverOutcome.of(new ClientOutcome(false, null, ClientOutcome.chain(e), status, code));
        } finally {
            client.shutdown();
        }
    }
}
