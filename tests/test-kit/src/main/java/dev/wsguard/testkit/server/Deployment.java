package dev.wsguard.testkit.server;

import java.util.Optional;

/**
 * What to deploy: an app setup and, optionally, one filter registered before all others on {@code /*}
 * (wsguard itself, or a probe standing in its place).
 */
public record Deployment(AppSetup app, Optional<FilterSpec> firstFilter) {

    public static Deployment of(AppSetup app) {
        return new Deployment(app, Optional.empty());
    }

    public static Deployment of(AppSetup app, FilterSpec firstFilter) {
        return new Deployment(app, Optional.of(firstFilter));
    }
}
