package dev.wsguard.distribution.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * The one endpoint of the S4 fixture webapp ({@code WebApps.echoEndpointOnly}): found by Jetty's
 * annotation scan, as in the sample. Packaged into that webapp and run by Jetty, never here.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
