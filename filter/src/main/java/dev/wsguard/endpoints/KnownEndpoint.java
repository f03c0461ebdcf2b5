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

    private final EndpointTemplate template;
    private final EndpointSource source;
    private final String label;
    private final boolean plainHttp;

    public KnownEndpoint(EndpointTemplate template, EndpointSource source) {
        this(template, source, null, false);
    }

    /**
     * @param label     the framework's name for where it came from, or null for the source's own label
     * @param plainHttp whether plain HTTP requests to its path are ordinary there
     */
    public KnownEndpoint(EndpointTemplate template, EndpointSource source, String label, boolean plainHttp) {
        this.template = template;
        this.source = source;
        this.label = label == null ? null : Sanitizer.field(label, MAX_LABEL);
        this.plainHttp = plainHttp;
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

    /** The template text, e.g. {@code /chat/{room}}. */
    public String path() {
        return template.text();
    }

    @Override
    public String toString() {
        return template.text() + " (" + label() + ")";
    }
}
