package dev.wsguard.sample;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;
import java.io.IOException;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;

/**
 * The programmatic endpoint: no annotation, so no annotation scan can find it.
 * {@link ProgrammaticEndpoints} adds it with {@code ServerContainer.addEndpoint}, and web.xml also
 * names it in wsguard's {@code endpoints} init-param, the way an application declares endpoints
 * that wsguard could otherwise only learn from the container's mappings. Each message is answered
 * with a running tick number and the server time, followed by the message itself.
 */
public class TickerEndpoint extends Endpoint {

    public static final String PATH = "/ticker";

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss.SSS");

    /** Adds this endpoint at {@link #PATH} to the container's {@code ServerContainer}. */
    static void deployTo(Object serverContainer) {
        if (!(serverContainer instanceof ServerContainer)) {
            throw new IllegalStateException("not a jakarta.websocket.server.ServerContainer: " + serverContainer);
        }
        try {
            ((ServerContainer) serverContainer).addEndpoint(ServerEndpointConfig.Builder.create(TickerEndpoint.class, PATH).build());
        } catch (DeploymentException e) {
            // A container that refuses a valid endpoint is a broken deployment: fail it rather than run half a demo.
            throw new IllegalStateException("cannot deploy the programmatic endpoint " + PATH, e);
        }
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.setMaxTextMessageBufferSize((int) EchoEndpoint.MAX_MESSAGE_CHARS);
        // One session is served by one thread at a time (WebSocket spec 5.1), so a plain counter is enough.
        session.addMessageHandler(new MessageHandler.Whole<String>() {
            private long ticks;

            @Override
            public void onMessage(String message) {
                ticks++;
                try {
                    session.getBasicRemote().sendText("tick " + ticks + " at " + LocalTime.now().format(TIME) + ": " + message);
                } catch (IOException e) {
                    // The client went away mid-send; the container closes the session.
                    EchoEndpoint.logSessionError("ticker", session, e);
                }
            }
        });
    }

    @Override
    public void onError(Session session, Throwable error) {
        EchoEndpoint.logSessionError("ticker", session, error);
    }
}
