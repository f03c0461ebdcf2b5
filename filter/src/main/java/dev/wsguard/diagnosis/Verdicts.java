package dev.wsguard.diagnosis;

import dev.wsguard.handshake.HandshakeKind;
import java.util.logging.Level;

/** Which code a request earns: from its handshake alone, or from what the chain answered. */
public final class Verdicts {

    private Verdicts() {
    }

    /** The code of a handshake that is wrong whoever answers it, or null for valid ones. */
    public static DiagnosisCode forInvalid(HandshakeKind kind) {
        switch (kind) {
            case HEADERS_STRIPPED:
                return DiagnosisCode.WSG03;
            case MALFORMED:
                return DiagnosisCode.WSG04;
            case UNSUPPORTED_VERSION:
                return DiagnosisCode.WSG05;
            default:
                return null;
        }
    }

    /**
     * The code for a valid handshake given the status it was answered with, or null when there is
     * nothing to say (101, or any other 1xx). Over HTTP/2 the handshake is a CONNECT, which an ordinary
     * resource refuses with 405 or 501: that is "no endpoint here", as a 404 is for a GET.
     */
    public static DiagnosisCode forAnswer(int status, boolean http2) {
        if (status < 200) {
            return null;
        }
        if (status < 300) {
            return DiagnosisCode.WSG01;
        }
        if (status == 404 || (http2 && (status == 405 || status == 501))) {
            return DiagnosisCode.WSG02;
        }
        if (status < 400 || status == 401 || status == 403 || status >= 500) {
            return DiagnosisCode.WSG07;
        }
        return DiagnosisCode.WSG08;
    }

    /** The level a diagnosis is logged at: WSG07 is only INFO for 401/403, which are often intended. */
    public static Level level(DiagnosisCode code, int status) {
        if (code == DiagnosisCode.WSG07 && (status == 401 || status == 403)) {
            return Level.INFO;
        }
        return code.defaultLevel();
    }
}
