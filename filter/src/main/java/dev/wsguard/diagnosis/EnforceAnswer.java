package dev.wsguard.diagnosis;

import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer enforce mode gives instead of a misrouted or malformed handshake's: status, headers
 * and a one-line reason that starts with the code and holds no request data.
 */
public final class EnforceAnswer {

    public static final String CODE_HEADER = "WSGuard-Code";
    public static final String CONTENT_TYPE = "text/plain;charset=UTF-8";

    private final DiagnosisCode code;
    private final int status;
    private final Map<String, String> headers;
    private final String reason;

    private EnforceAnswer(DiagnosisCode code, int status, Map<String, String> headers, String reason) {
        this.code = code;
        this.status = status;
        this.headers = Collections.unmodifiableMap(headers);
        this.reason = reason;
    }

    /** The answer for a code, or null where enforce mode never answers (WSG02, WSG07, WSG08). */
    public static EnforceAnswer forCode(DiagnosisCode code, Handshake handshake) {
        switch (code) {
            case WSG01:
                return new EnforceAnswer(code, 400, base(code), "WSG01 WebSocket handshake refused: no WebSocket"
                        + " endpoint answers at this URL (an ordinary resource did).");
            case WSG03:
                return new EnforceAnswer(code, 426, upgradeRequired(code), "WSG03 WebSocket handshake incomplete: the"
                        + " Upgrade and Connection headers were removed on the way, most likely by a proxy.");
            case WSG04:
                String rule = handshake != null && handshake.problem() != null ? handshake.problem().requirement()
                        : "the handshake does not follow RFC 6455";
                return new EnforceAnswer(code, 400, base(code), "WSG04 Malformed WebSocket handshake: " + rule + ".");
            case WSG05:
                Map<String, String> h = upgradeRequired(code);
                h.put(HandshakeClassifier.SEC_WEBSOCKET_VERSION, HandshakeClassifier.SUPPORTED_VERSION);
                return new EnforceAnswer(code, 426, h, "WSG05 Unsupported WebSocket version: this server speaks"
                        + " version 13.");
            case WSG06:
                return new EnforceAnswer(code, 426, upgradeRequired(code), "WSG06 This URL is a WebSocket endpoint:"
                        + " connect with a WebSocket client.");
            default:
                return null;
        }
    }

    private static Map<String, String> base(DiagnosisCode code) {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("X-Content-Type-Options", "nosniff");
        h.put("Cache-Control", "no-store");
        h.put(CODE_HEADER, code.name());
        return h;
    }

    /** RFC 9110 section 15.5.22: a 426 must say which protocol to upgrade to. */
    private static Map<String, String> upgradeRequired(DiagnosisCode code) {
        Map<String, String> h = base(code);
        h.put(HandshakeClassifier.UPGRADE, HandshakeClassifier.WEBSOCKET);
        h.put(HandshakeClassifier.CONNECTION, "Upgrade");
        return h;
    }

    public DiagnosisCode code() {
        return code;
    }

    public int status() {
        return status;
    }

    /** Headers besides Content-Type, in the order they are set. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The first line of the body, starting with the code. */
    public String reason() {
        return reason;
    }

    /** The body: the reason, and with {@code details=true} the whole (sanitized) diagnosis. */
    public String body(String detailsOrNull) {
        return detailsOrNull == null ? reason + "\n" : reason + "\n" + detailsOrNull + "\n";
    }
}
