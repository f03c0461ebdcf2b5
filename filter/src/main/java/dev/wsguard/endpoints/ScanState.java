package dev.wsguard.endpoints;

/** How wsguard's endpoint-scanning initializer fared in this context. */
public enum ScanState {
    /** It ran: annotated and ServerApplicationConfig endpoints are known. */
    RAN("ran"),
    /** It never ran: an absolute-ordering in web.xml excludes wsguard's jar, or the container skips initializers. */
    NOT_RUN("endpoint registry unavailable: wsguard's initializer did not run (an absolute-ordering in web.xml"
            + " excludes its jar, or the container runs no initializers from jars, as embedded servers often do not)"),
    /** The WebSocket API is not on the class path, so there was nothing to scan. */
    NO_API("skipped: no jakarta.websocket API on the class path"),
    /** It ran into an error (a failing ServerApplicationConfig, say). */
    FAILED("failed");

    private final String description;

    ScanState(String description) {
        this.description = description;
    }

    public String description() {
        return description;
    }
}
