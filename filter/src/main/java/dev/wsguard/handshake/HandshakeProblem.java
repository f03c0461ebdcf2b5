package dev.wsguard.handshake;

/**
 * Exactly what is wrong with a handshake. {@link #requirement()} holds no request data, so it may
 * go into a response body as is.
 */
public enum HandshakeProblem {
    METHOD_NOT_GET("a WebSocket handshake must use the GET method"),
    NOT_HTTP_1_1("a WebSocket handshake needs HTTP/1.1 or newer"),
    NO_HOST("a WebSocket handshake needs a Host header"),
    UPGRADE_NOT_WEBSOCKET("the Upgrade header must name websocket"),
    CONNECTION_WITHOUT_UPGRADE("the Connection header must hold the upgrade token"),
    MISSING_KEY("Sec-WebSocket-Key is required"),
    DUPLICATE_KEY("Sec-WebSocket-Key must appear exactly once"),
    INVALID_KEY("Sec-WebSocket-Key must be the base64 encoding of 16 bytes"),
    UPGRADE_AND_CONNECTION_MISSING("the Upgrade and Connection headers were removed on the way"),
    UPGRADE_MISSING("the Upgrade header was removed on the way"),
    CONNECTION_MISSING("the Connection header was removed on the way"),
    CONNECTION_REPLACED("the Connection header was replaced on the way"),
    MISSING_VERSION("Sec-WebSocket-Version is required and must be 13"),
    UNSUPPORTED_VERSION("Sec-WebSocket-Version must be 13");

    private final String requirement;

    HandshakeProblem(String requirement) {
        this.requirement = requirement;
    }

    /** The rule that was broken, with no request data in it. */
    public String requirement() {
        return requirement;
    }
}
