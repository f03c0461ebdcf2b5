package dev.wsguard.boot27.app;

import javax.websocket.OnMessage;
import javax.websocket.server.ServerEndpoint;

/** A javax endpoint that sends every text message back; not a Spring bean (the exporter is given its class). */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public String echo(String text) {
        return text;
    }
}
