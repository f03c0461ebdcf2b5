package dev.wsguard.testkit.tools;

/** A real reverse proxy running for a test in front of a backend on 127.0.0.1, whichever program it is. */
public interface ReverseProxy extends AutoCloseable {

    /** The port on 127.0.0.1 clients connect to. */
    int port();

    /** The proxy's own log, for failure messages. */
    String errorLog();

    /** Stops the proxy's process; bounded. */
    @Override
    void close() throws InterruptedException;
}
