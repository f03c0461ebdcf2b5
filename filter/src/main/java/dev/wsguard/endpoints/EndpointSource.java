package dev.wsguard.endpoints;

/** Where wsguard learned of an endpoint; named in the startup summary and in diagnoses. */
public enum EndpointSource {
    /** wsguard's initializer: a {@code @ServerEndpoint} class the container would deploy. */
    ANNOTATION_SCAN("annotation scan"),
    /** wsguard's initializer: what the webapp's {@code ServerApplicationConfig} returned. */
    APPLICATION_CONFIG("ServerApplicationConfig"),
    /** The filter's {@code endpoints} init-param (or the {@code wsguard.endpoints} context-param). */
    INIT_PARAM("init-param endpoints"),
    /** The container's own mappings, read by reflection: programmatic endpoints show up here. */
    CONTAINER("container mappings"),
    /**
     * wsguard's startup class scan: a {@code javax.websocket} {@code @ServerEndpoint}, which a jakarta
     * container never deploys (WSG11). Never in the registry; named only to explain a misrouted handshake.
     */
    JAVAX_CLASS_SCAN("javax.websocket class scan");

    private final String label;

    EndpointSource(String label) {
        this.label = label;
    }

    /** How the source reads in a log line. */
    public String label() {
        return label;
    }

    /** The source whose label this is, or null. */
    public static EndpointSource ofLabel(String label) {
        for (EndpointSource s : values()) {
            if (s.label.equals(label)) {
                return s;
            }
        }
        return null;
    }
}
