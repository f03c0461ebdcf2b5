package dev.wsguard.sample;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A chat room per path: {@code /chat/lobby}, {@code /chat/support}... Each text message comes back
 * prefixed with the room's name, so a client sees which room took it. The path template is what
 * makes {@code /chat} (room missing) a mistake wsguard can name: "the URL lacks the endpoint's last
 * path segment".
 */
@ServerEndpoint("/chat/{room}")
public class ChatEndpoint {

    @OnMessage(maxMessageSize = EchoEndpoint.MAX_MESSAGE_CHARS)
    public String say(String message, @PathParam("room") String room) {
        return "[" + room + "] " + message;
    }

    @OnError
    public void onError(Session session, Throwable error) {
        EchoEndpoint.logSessionError("chat", session, error);
    }
}
