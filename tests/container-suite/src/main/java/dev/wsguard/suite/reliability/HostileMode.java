package dev.wsguard.suite.reliability;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.Map;

/** wsguard's configuration for the hostile requests: log, enforce, and enforce with {@code details=true}. */
public enum HostileMode {
    LOG(GuardMode.LOG, Map.of()),
    ENFORCE(GuardMode.ENFORCE, Map.of()),
    ENFORCE_DETAILS(GuardMode.ENFORCE, Map.of("details", "true"));

    private final GuardMode mode;
    private final Map<String, String> extraParams;

    HostileMode(GuardMode mode, Map<String, String> extraParams) {
        this.mode = mode;
        this.extraParams = extraParams;
    }

    public GuardMode mode() {
        return mode;
    }

    /** wsguard's init-params besides {@code mode} and {@code endpoints}. */
    public Map<String, String> extraParams() {
        return extraParams;
    }

    public boolean enforce() {
        return mode == GuardMode.ENFORCE;
    }

    public boolean details() {
        return this == ENFORCE_DETAILS;
    }

    @Override
    public String toString() {
        return details() ? "enforce+details" : mode.toString();
    }
}
