package dev.wsguard.endpoints;

/** An endpoint path and where wsguard learned of it. */
public final class KnownEndpoint {

    private final EndpointTemplate template;
    private final EndpointSource source;

    public KnownEndpoint(EndpointTemplate template, EndpointSource source) {
        this.template = template;
        this.source = source;
    }

    public EndpointTemplate template() {
        return template;
    }

    public EndpointSource source() {
        return source;
    }

    /** The template text, e.g. {@code /chat/{room}}. */
    public String path() {
        return template.text();
    }

    @Override
    public String toString() {
        return template.text() + " (" + source.label() + ")";
    }
}
