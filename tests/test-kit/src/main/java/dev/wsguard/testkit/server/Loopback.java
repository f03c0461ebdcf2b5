package dev.wsguard.testkit.server;

/** Every server the suite starts listens on this address only, on a port the system picks (port 0). */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }
}
