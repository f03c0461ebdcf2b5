package dev.wsguard.endpoints;

import dev.wsguard.text.Sanitizer;

/**
 * An endpoint path and where wsguard learned of it. An endpoint a framework told wsguard of carries the framework's
 * own label ({@code Spring WebSocketHandler}) beside {@link EndpointSource#FRAMEWORK}, and may answer plain HTTP at
 * its path too (a SockJS endpoint's base path), where a plain GET is no {@code WSG06} incident.
 */
public final class KnownEndpoint {

    /** How much of a framework's label a line shows. */
    private static final int MAX_LABEL = 64;
    /** How much of a framework's client name a line shows. */
    private static final int MAX_CLIENT = 96;

    private final EndpointTemplate template;
    private final EndpointSource source;
    private final String label;
    private final boolean plainHttp;
    private final String client;

    public KnownEndpoint(EndpointTemplate template, EndpointSource source) {
        this(template, source, null, false, null);
    }

    /**
     * @param label     the framework's name for where it came from, or null for the source's own label
     * @param plainHttp whether plain HTTP requests to its path are ordinary there
     * @param client    the client library its protocol needs ({@code a SockJS client}), or null
     */
    public KnownEndpoint(EndpointTemplate template, EndpointSource source, String label, boolean plainHttp,
            String client) {
        this.template = template;
        this.source = source;
        this.label = label == null ? null : Sanitizer.field(label, MAX_LABEL);
        this.plainHttp = plainHttp;
        this.client = client == null ? null : Sanitizer.field(client, MAX_CLIENT);
    }

    public EndpointTemplate template() {
        return template;
    }

    public EndpointSource source() {
        return source;
    }

    /** Where it came from as lines say it: the framework's label where it gave one, else the source's. */
    public String label() {
        return label != null ? label : source.label();
    }

    /** Whether plain HTTP requests to its path are ordinary (a SockJS base path): no {@code WSG06} for them. */
    public boolean answersPlainHttp() {
        return plainHttp;
    }

    /** The client library its protocol needs, as the framework named it, or null. */
    public String client() {
        return client;
    }

    /** The template text, e.g. {@code /chat/{room}}. */
    public String path() {
        return template.text();
    }

    @Override
    public String toString() {
        return template.text() + " (" + label() + ")";
    }
}
