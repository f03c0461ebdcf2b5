package dev.wsguard.it.containers;

/** A started container with one context at {@link AppSetup#CONTEXT_PATH}; closing stops it. */
public interface RunningServer extends AutoCloseable {

    /** The port bound on 127.0.0.1. */
    int port();

    /** {@code 127.0.0.1:port}, as a client writes it in {@code Host}. */
    default String authority() {
        return "127.0.0.1:" + port();
    }

    /** Stops the server and removes its work directory; never throws. */
    @Override
    void close();
}
