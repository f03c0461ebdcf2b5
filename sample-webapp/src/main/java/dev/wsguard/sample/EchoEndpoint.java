package dev.wsguard.sample;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one real WebSocket endpoint of the sample: every text message comes straight back.
 * Deployed by annotation scanning, so the container's WebSocket support must be on.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    private static final Logger LOG = Logger.getLogger(EchoEndpoint.class.getName());

    /** Larger messages are refused with close code 1009 instead of being buffered without limit. */
    static final long MAX_MESSAGE_CHARS = 64 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_CHARS)
    public String echo(String message) {
        return message;
    }

    /** Without this, the container logs a stack trace each time a client goes away without a close frame. */
    @OnError
    public void onError(Session session, Throwable error) {
        if (error instanceof ClosedChannelException) {
            LOG.log(Level.FINE, "echo client {0} went away without a close frame", session.getId());
        } else {
            LOG.log(Level.WARNING, "echo session " + session.getId() + " failed: " + error, error);
        }
    }
}
