package dev.wsguard.endpoints;

/** How wsguard's endpoint-scanning initializer fared in this context. */
public enum ScanState {
    /** It ran: annotated and ServerApplicationConfig endpoints are known. */
    RAN("ran", "ran", null),
    /**
     * It never ran because the webapp's {@code <absolute-ordering>} leaves wsguard's jar out: the user can let
     * it in, so the fix is always worth saying.
     */
    ORDERED_OUT("wsguard's initializer did not run: the <absolute-ordering> in web.xml leaves its jar out",
            "the <absolute-ordering> in web.xml leaves wsguard's initializer out",
            "add <others/> or <name>wsguard</name> to the <absolute-ordering> in web.xml so wsguard's initializer"
                    + " runs, or list the endpoints in the endpoints init-param"),
    /**
     * It never ran, and no ordering is to blame: the container runs no initializers from jars (embedded servers
     * often do not). Where the container's mappings are read, nothing needs fixing.
     */
    NOT_RUN("wsguard's initializer did not run (the container runs no initializers from jars, as embedded servers"
            + " often do not)", "wsguard's initializer did not run",
            "list the endpoints in the endpoints init-param"),
    /** The WebSocket API is not on the class path, so there was nothing to scan. */
    NO_API("skipped: no jakarta.websocket API on the class path", "no jakarta.websocket API is visible to wsguard",
            "list the endpoints in the endpoints init-param"),
    /** It ran into an error (a failing ServerApplicationConfig, say). */
    FAILED("failed", "wsguard's endpoint scan failed", "list the endpoints in the endpoints init-param");

    private final String description;
    private final String reason;
    private final String fix;

    ScanState(String description, String reason, String fix) {
        this.description = description;
        this.reason = reason;
        this.fix = fix;
    }

    /** How the scan went, for the startup summary. */
    public String description() {
        return description;
    }

    /** Why the scan says nothing, in a few words for per-request lines ("wsguard's initializer did not run"). */
    public String reason() {
        return reason;
    }

    /** What makes the endpoint registry complete when this scan left it incomplete; null for {@link #RAN}. */
    public String fix() {
        return fix;
    }
}
