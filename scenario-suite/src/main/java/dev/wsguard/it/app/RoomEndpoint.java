package dev.wsguard.it.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** An endpoint mapped by a path template, for the containers' own per-path lookup: echoes each text message. */
@ServerEndpoint(RoomEndpoint.PATH)
public class RoomEndpoint {

    public static final String PATH = "/rooms/{room}";

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
