package dev.wsguard.spring.boot;

import dev.wsguard.GuardListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * Counts what wsguard counts into the application's {@link MeterRegistry}: {@value #INCIDENTS} tagged with the
 * {@code code} and the {@code endpoint} (the known endpoint template the request was taken for, or
 * {@value #UNKNOWN_ENDPOINT}), and {@value #UPGRADES} tagged with the {@code outcome}. Every tag value comes from a
 * fixed set (the codes, the context's endpoint templates, the outcomes), so a flood of random paths adds no series.
 */
final class MicrometerGuardListener implements GuardListener {

    /** Incidents counted, by code and endpoint; {@code wsguard_incidents_total} in Prometheus. */
    static final String INCIDENTS = "wsguard.incidents";
    /** Upgrade attempts, by outcome; {@code wsguard_upgrades_total} in Prometheus. */
    static final String UPGRADES = "wsguard.upgrades";
    /** The endpoint tag of an incident wsguard could not relate to a known endpoint. */
    static final String UNKNOWN_ENDPOINT = "unknown";

    private final MeterRegistry registry;

    MicrometerGuardListener(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public void incident(String code, String endpoint) {
        Counter.builder(INCIDENTS)
                .description("WebSocket handshake incidents wsguard diagnosed (docs/troubleshooting.md)")
                .tag("code", code)
                .tag("endpoint", endpoint == null ? UNKNOWN_ENDPOINT : endpoint)
                .register(registry)
                .increment();
    }

    @Override
    public void upgrade(String outcome) {
        Counter.builder(UPGRADES)
                .description("WebSocket upgrade attempts wsguard saw answered, by outcome")
                .tag("outcome", outcome)
                .register(registry)
                .increment();
    }
}
