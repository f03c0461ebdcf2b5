package dev.wsguard.springboot.war;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * A Jakarta WebSocket endpoint packaged in a Boot WAR's {@code WEB-INF/classes}, where the external container's own
 * scan finds and deploys it; echoes text.
 */
@ServerEndpoint(WarEcho.PATH)
public class WarEcho {

    public static final String PATH = "/war-echo";

    @OnMessage
    public String echo(String text) {
        return text;
    }
}
