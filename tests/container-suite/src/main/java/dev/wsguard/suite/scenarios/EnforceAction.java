package dev.wsguard.suite.scenarios;

/** What wsguard in enforce mode does with a row's request, where the request reaches it. */
public enum EnforceAction {
    /** Leaves the container's answer as it is (101, 3xx, 401, 404, or a diagnosis that only logs). */
    UNCHANGED(0),
    /** Answers 400 itself. */
    REJECT_400(400),
    /** Answers 426 with {@code Upgrade: websocket}. */
    REJECT_426(426),
    /** Answers 426 with {@code Upgrade: websocket} and {@code Sec-WebSocket-Version: 13}. */
    REJECT_426_VERSION(426);

    private final int status;

    EnforceAction(int status) {
        this.status = status;
    }

    public int status() {
        return status;
    }
}
