package dev.wsguard.endpoints;

/** Where wsguard learned of an endpoint; named in the startup summary and in diagnoses. */
public enum EndpointSource {
    /** The filter's {@code endpoints} init-param (or the {@code wsguard.endpoints} context-param). */
    INIT_PARAM("init-param endpoints");

    private final String label;

    EndpointSource(String label) {
        this.label = label;
    }

    /** How the source reads in a log line. */
    public String label() {
        return label;
    }
}
