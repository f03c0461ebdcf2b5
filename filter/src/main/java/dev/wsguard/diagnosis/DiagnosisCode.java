package dev.wsguard.diagnosis;

import java.util.logging.Level;

/** Every diagnosis wsguard makes. Each log line and each answer it writes starts with one of these. */
public enum DiagnosisCode {
    WSG00(Level.INFO, "startup summary"),
    WSG01(Level.WARNING, "a valid upgrade request was answered 2xx by an ordinary resource"),
    WSG02(Level.WARNING, "a valid upgrade request was answered 404"),
    WSG03(Level.WARNING, "Upgrade/Connection headers stripped on the way, most often by a proxy"),
    WSG04(Level.WARNING, "malformed handshake (RFC 6455 section 4.2.1)"),
    WSG05(Level.WARNING, "Sec-WebSocket-Version missing or not 13"),
    WSG06(Level.INFO, "a plain request to a WebSocket endpoint path"),
    WSG07(Level.WARNING, "an upgrade request was answered 3xx, 401, 403 or 5xx by the application"),
    WSG08(Level.WARNING, "an upgrade request was answered another 4xx (405, 400...) by an ordinary resource"),
    WSG09(Level.WARNING, "configuration warning: an unknown parameter name"),
    WSG10(Level.WARNING, "startup: no jakarta.websocket.server.ServerContainer in the context"),
    WSG11(Level.SEVERE, "startup: javax/jakarta WebSocket namespace mix"),
    WSG12(Level.WARNING, "startup: a WebSocket API jar packaged inside the webapp"),
    WSG13(Level.SEVERE, "startup: a WebSocket implementation that cannot work on this container"),
    WSG99(Level.SEVERE, "internal error: wsguard failed on a request and passed it on unchanged");

    private final Level defaultLevel;
    private final String meaning;

    DiagnosisCode(Level defaultLevel, String meaning) {
        this.defaultLevel = defaultLevel;
        this.meaning = meaning;
    }

    /** The level a line of this code is logged at unless the diagnosis says otherwise. */
    public Level defaultLevel() {
        return defaultLevel;
    }

    /** One line on when this code is used. */
    public String meaning() {
        return meaning;
    }
}
