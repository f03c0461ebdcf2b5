package dev.wsguard.it.app;

import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.logging.Level;
import java.util.logging.Logger;

/** The endpoint every setup (except {@code NO_WEBSOCKET}) deploys: echoes each text message. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }

    /**
     * Where {@link #onError} reports, at FINE: outside {@code dev.wsguard} (the suite's capture of wsguard's own
     * lines), and silent unless a test turns it up (TyrusServletSuite, to see why an echo never came).
     */
    public static final String ERROR_LOGGER = "wsguard-test-app.echo-endpoint";

    private static final Logger LOG = Logger.getLogger(ERROR_LOGGER);

    /**
     * Raw-socket clients drop the connection without a close handshake; Tomcat would log that EOF as
     * SEVERE for an endpoint without an error handler. The tests see real failures on the client side;
     * the error itself goes to FINE, unseen unless asked for.
     */
    @OnError
    public void onError(Throwable error) {
        LOG.log(Level.FINE, "endpoint error", error);
    }
}
