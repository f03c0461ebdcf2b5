package dev.wsguard.startupwars.app;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** An annotated endpoint with a path parameter, for the template-aware closest-endpoint hints. */
@ServerEndpoint("/chat/{room}")
public class ChatRoomEndpoint {

    public static final String PATH = "/chat/{room}";

    @OnMessage
    public String echo(String message, @PathParam("room") String room) {
        return room + ": " + message;
    }

    @OnError
    public void onError(Throwable error) {
        // Raw-socket clients drop connections; see EchoEndpoint.
    }
}
