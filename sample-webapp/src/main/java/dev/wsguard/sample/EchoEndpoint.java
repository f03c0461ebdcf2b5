package dev.wsguard.sample;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.nio.channels.ClosedChannelException;
import java.util.logging.Level;

/**
 * Every text message comes straight back. Deployed by annotation scanning (wsguard learns it the
 * same way, through its own initializer), so the container's WebSocket support must be on.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    /** Larger messages are refused with close code 1009 instead of being buffered without limit. */
    static final long MAX_MESSAGE_CHARS = 64 * 1024;

    @OnMessage(maxMessageSize = MAX_MESSAGE_CHARS)
    public String echo(String message) {
        return message;
    }

    @OnError
    public void onError(Session session, Throwable error) {
        logSessionError("echo", session, error);
    }

    /**
     * Shared by the sample's endpoints. Without an error handler the container logs a stack trace each
     * time a client goes away without a close frame, which a demo page that closes tabs does often.
     */
    static void logSessionError(String endpoint, Session session, Throwable error) {
        if (error instanceof ClosedChannelException) {
            SampleLog.LOG.log(Level.FINE, "{0} client {1} went away without a close frame", new Object[] {endpoint, session.getId()});
        } else {
            SampleLog.LOG.log(Level.WARNING, endpoint + " session " + session.getId() + " failed: " + error, error);
        }
    }
}
