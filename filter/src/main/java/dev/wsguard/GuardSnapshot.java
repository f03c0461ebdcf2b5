package dev.wsguard;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one filter knows and counted at one moment, for a framework's management view (the Spring Boot starter's
 * {@code /actuator/wsguard}). Taken with {@link WebSocketGuardFilter#snapshot()}; immutable. Every string in it was
 * sanitized as wsguard's lines are: no control characters, bounded lengths.
 */
public final class GuardSnapshot {

    private final String mode;
    private final String context;
    private final Map<String, String> endpoints;
    private final Map<String, Long> incidents;
    private final long upgradeRequests;
    private final long upgradesCompleted;
    private final List<String> lastIncidents;

    GuardSnapshot(String mode, String context, Map<String, String> endpoints, Map<String, Long> incidents,
            long upgradeRequests, long upgradesCompleted, List<String> lastIncidents) {
        this.mode = mode;
        this.context = context;
        this.endpoints = Collections.unmodifiableMap(new LinkedHashMap<>(endpoints));
        this.incidents = Collections.unmodifiableMap(new LinkedHashMap<>(incidents));
        this.upgradeRequests = upgradeRequests;
        this.upgradesCompleted = upgradesCompleted;
        this.lastIncidents = Collections.unmodifiableList(lastIncidents);
    }

    /** The mode: {@code log}, {@code enforce} or {@code off}. */
    public String mode() {
        return mode;
    }

    /** The guarded context path ({@code ""} for the root context). */
    public String context() {
        return context;
    }

    /**
     * The endpoints known in the context, in the order {@code WSG00} lists them: each template with where wsguard
     * learned of it ({@code /echo} to {@code Spring WebSocketHandler}, {@code /chat/{room}} to
     * {@code annotation scan}).
     */
    public Map<String, String> endpoints() {
        return endpoints;
    }

    /** The incidents counted so far, per code ({@code WSG01}...{@code WSG13}, {@code WSG99}), zeros included. */
    public Map<String, Long> incidents() {
        return incidents;
    }

    /** Upgrade attempts that reached the filter. */
    public long upgradeRequests() {
        return upgradeRequests;
    }

    /** Upgrade attempts the filter saw accepted. */
    public long upgradesCompleted() {
        return upgradesCompleted;
    }

    /**
     * The last incident lines logged in full (at most 20, oldest first): lines the rate limiter only counted are not
     * among them.
     */
    public List<String> lastIncidents() {
        return lastIncidents;
    }

    @Override
    public String toString() {
        return "GuardSnapshot[mode=" + mode + ", context=" + context + ", endpoints=" + endpoints + ", incidents="
                + incidents + ", upgradeRequests=" + upgradeRequests + ", upgradesCompleted=" + upgradesCompleted
                + ", lastIncidents=" + lastIncidents.size() + "]";
    }
}
