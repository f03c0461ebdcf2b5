package dev.wsguard.startupwars.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * An endpoint with no annotation, deployed only by {@link ProgrammaticEndpointListener} through
 * {@code ServerContainer.addEndpoint}: no scan can see its path, only the container's own mappings.
 */
public class ProgrammaticEndpoint extends Endpoint {

    public static final String PATH = "/prog";

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, new MessageHandler.Whole<String>() {
            @Override
            public void onMessage(String message) {
                session.getAsyncRemote().sendText(message);
            }
        });
    }

    @Override
    public void onError(Session session, Throwable error) {
        // Raw-socket clients drop connections; see EchoEndpoint.
    }
}
