package dev.wsguard.endpoints;

import dev.wsguard.text.Wording;

/** Where wsguard learned of an endpoint; named in the startup summary and in diagnoses. */
public enum EndpointSource {
    /** wsguard's initializer: a {@code @ServerEndpoint} class the container would deploy. */
    ANNOTATION_SCAN,
    /** wsguard's initializer: what the webapp's {@code ServerApplicationConfig} returned. */
    APPLICATION_CONFIG,
    /** The filter's {@code endpoints} init-param (or the {@code wsguard.endpoints} context-param). */
    INIT_PARAM,
    /** The container's own mappings, read by reflection: programmatic endpoints show up here. */
    CONTAINER,
    /**
     * The framework that registered the filter ({@code WebSocketGuardFilter.frameworkReady}): endpoints it deploys
     * itself, such as Spring's WebSocket handlers. Each usually carries the framework's own label; this one's names
     * those that do not.
     */
    FRAMEWORK,
    /**
     * wsguard's startup class scan: a {@code javax.websocket} {@code @ServerEndpoint}, which a jakarta
     * container never deploys (WSG11). Never in the registry; named only to explain a misrouted handshake.
     */
    JAVAX_CLASS_SCAN;

    /** How the source reads in a log line. */
    public String label() {
        return Wording.of(this);
    }

    /** The source whose label this is, or null. */
    public static EndpointSource ofLabel(String label) {
        for (EndpointSource s : values()) {
            if (s.label().equals(label)) {
                return s;
            }
        }
        return null;
    }
}
