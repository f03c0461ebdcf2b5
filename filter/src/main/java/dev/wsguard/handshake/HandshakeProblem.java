package dev.wsguard.handshake;

import dev.wsguard.text.Wording;

/**
 * Exactly what is wrong with a handshake. {@link #requirement()} holds no request data, so it may
 * go into a response body as is; its text is in {@code dev/wsguard/text/wording.properties}.
 */
public enum HandshakeProblem {
    METHOD_NOT_GET,
    NOT_HTTP_1_1,
    NO_HOST,
    UPGRADE_NOT_WEBSOCKET,
    CONNECTION_WITHOUT_UPGRADE,
    MISSING_KEY,
    DUPLICATE_KEY,
    INVALID_KEY,
    UPGRADE_AND_CONNECTION_MISSING,
    /** Forwarded as HTTP/1.0, which drops Upgrade and Connection: nginx's default {@code proxy_http_version}. */
    DOWNGRADED_TO_HTTP_1_0,
    UPGRADE_MISSING,
    CONNECTION_MISSING,
    CONNECTION_REPLACED,
    MISSING_VERSION,
    UNSUPPORTED_VERSION;

    /** The rule that was broken, with no request data in it. */
    public String requirement() {
        return Wording.of(this);
    }
}
