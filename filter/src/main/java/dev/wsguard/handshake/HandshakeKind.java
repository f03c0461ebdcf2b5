package dev.wsguard.handshake;

/** What a request is, as far as WebSocket handshakes go. */
public enum HandshakeKind {
    /** No {@code Upgrade: websocket}, no {@code Sec-WebSocket-Key}, no {@code Sec-WebSocket-Version}. */
    NOT_UPGRADE,
    /** A valid RFC 6455 opening handshake: only an endpoint should answer it, with 101. */
    VALID,
    /** An RFC 8441 WebSocket over HTTP/2 ({@code CONNECT} with {@code :protocol websocket}). */
    VALID_HTTP2,
    /** Key and version arrived without {@code Upgrade}/{@code Connection}: removed on the way. */
    HEADERS_STRIPPED,
    /** An RFC 6455 section 4.2.1 requirement other than the version is not met. */
    MALFORMED,
    /** {@code Sec-WebSocket-Version} is missing or not 13. */
    UNSUPPORTED_VERSION;

    /** Whether the request tries to open a WebSocket at all. */
    public boolean isAttempt() {
        return this != NOT_UPGRADE;
    }
}
