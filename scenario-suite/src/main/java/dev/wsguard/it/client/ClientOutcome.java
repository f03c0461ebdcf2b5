package dev.wsguard.it.clients;

/**
 * What a WebSocket client reported for one connection attempt, as its user sees it.
 *
 * @param connected whether the client opened a session
 * @param echoed the text the server echoed back, when connected
 * @param exception the exception chain the client threw, {@code Class: message <- Cause: message}, or null
 * @param status the HTTP status the client exposes for a failed handshake, or 0 where it exposes none
 * @param guardCode the {@code WSGuard-Code} header the client exposes, or null (absent, or not exposed)
 */
public record ClientOutcome(boolean connected, String echoed, String exception, int status, String guardCode) {

    /** One line for tables. */
    public String summary() {
        if (connected) {
            return "connected, echo " + (echoed == null ? "missing" : "'" + echoed + "'");
        }
        return exception + (status > 0 ? " [status " + status + (guardCode != null ? ", WSGuard-Code: " + guardCode : "")
                + "]" : "");
    }

    /** {@code SimpleName: message <- SimpleName: message}, causes included, at most five deep. */
    static String chain(Throwable t) {
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
