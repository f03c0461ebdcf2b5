package dev.wsguard.endpoints;

import dev.wsguard.text.Wording;

/** How wsguard's endpoint-scanning initializer fared in this context. */
public enum ScanState {
    /** It ran: annotated and ServerApplicationConfig endpoints are known. */
    RAN,
    /**
     * It never ran because the webapp's {@code <absolute-ordering>} leaves wsguard's jar out: the user can let
     * it in, so the fix is always worth saying.
     */
    ORDERED_OUT,
    /**
     * It never ran, and no ordering is to blame: the container runs no initializers from jars (embedded servers
     * often do not). Where the container's mappings are read, nothing needs fixing.
     */
    NOT_RUN,
    /** The WebSocket API is not on the class path, so there was nothing to scan. */
    NO_API,
    /** It ran into an error (a failing ServerApplicationConfig, say). */
    FAILED;

    /** How the scan went, for the startup summary. */
    public String description() {
        return Wording.of(this, "description");
    }

    /** Why the scan says nothing, in a few words for per-request lines ("wsguard's initializer did not run"). */
    public String reason() {
        return Wording.of(this, "reason");
    }

    /** What makes the endpoint registry complete when this scan left it incomplete; null for {@link #RAN}. */
    public String fix() {
        return Wording.of(this, "fix");
    }
}
