package dev.wsguard.testkit.server;

import java.util.List;

/** A started container with the app of one deployment; closing stops it (or releases a shared one). */
public interface RunningServer extends AutoCloseable {

    /** The port bound on 127.0.0.1. */
    int port();

    /** {@code 127.0.0.1:port}, as a client writes it in {@code Host}. */
    default String authority() {
        return "127.0.0.1:" + port();
    }

    /**
     * Where the app is deployed. {@link AppSetup#CONTEXT_PATH} on every container that starts a server per
     * deployment; a shared server deploys each variant at a path of its own, and requests written for
     * {@code /app} are sent there instead.
     */
    default String contextPath() {
        return AppSetup.CONTEXT_PATH;
    }

    /**
     * wsguard's startup lines for this deployment when they were logged before the caller could listen (a
     * deployment shared between cases); empty when the caller sees them itself.
     */
    default List<String> startupLog() {
        return List.of();
    }

    /**
     * Called before each request to this server with the request target. A shared deployment waits here
     * until wsguard's log window for that path has passed, so every case sees its line logged whole.
     */
    default void beforeRequest(String target) throws InterruptedException {
    }

    /** Stops the server and removes its work directory; never throws. */
    @Override
    void close();
}
