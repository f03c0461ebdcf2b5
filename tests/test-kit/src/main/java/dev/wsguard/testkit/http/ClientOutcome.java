package dev.wsguard.testkit.http;

/**
 * What a WebSocket client reported for one connection attempt, as its user sees it.
 *
 * @param connected whether the client opened a session
 * @param echoed the text the server echoed back, when connected
 * @param exception the exception chain the client threw, {@code Class: message <- Cause: message}, or null
 * @param status the HTTP status the client exposes for a failed handshake, or 0 where it exposes none
 * @param guardCode the {@code WSGuard-Code} header the client exposes, or null (absent, or not exposed)
 * @param internalChain where {@code exception} keeps only the client's public exception, the whole chain with its
 *        implementation's own causes (the JDK's {@code jdk.internal} classes, worded as that JDK words them); else null
 */
public record ClientOutcome(boolean connected, String echoed, String exception, int status, String guardCode,
                            String internalChain) {

    public ClientOutcome(boolean connected, String echoed, String exception, int status, String guardCode) {
        this(connected, echoed, exception, status, guardCode, null);
    }

    /** One line for tables. */
    public String summary() {
        if (connected) {
            return "connected, echo " + (echoed == null ? "missing" : "'" + echoed + "'");
        }
        return exception + (status > 0 ? " [status " + status + (guardCode != null ? ", WSGuard-Code: " + guardCode : "")
                + "]" : "");
    }

    /** {@code Class: message <- Class: message}, causes included, at most five deep. */
    public static String chain(Throwable t) {
        StringBuilder sb = new StringBuilder();
        Throwable current = t;
        for (int i = 0; i < 5 && current != null; i++) {
            if (i > 0) {
                sb.append(" <- ");
            }
            sb.append(current.getClass().getName()).append(": ").append(current.getMessage());
            if (current.getCause() == current) {
                break;
            }
            current = current.getCause();
        }
        return sb.toString();
    }
}
