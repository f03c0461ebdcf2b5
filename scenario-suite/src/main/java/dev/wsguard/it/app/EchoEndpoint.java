package dev.wsguard.it.app;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** The endpoint every setup (except {@code NO_WEBSOCKET}) deploys: echoes each text message. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }

    /**
     * Raw-socket clients drop the connection without a close handshake; Tomcat would log that EOF as
     * SEVERE for an endpoint without an error handler. The tests see real failures on the client side.
     */
    @OnError
    public void onError(Throwable error) {
        // Deliberately quiet.
    }
}
