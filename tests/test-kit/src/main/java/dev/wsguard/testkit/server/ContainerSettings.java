package dev.wsguard.testkit.server;

/**
 * How a container's HTTP parser is set up for one deployment. {@link #DEFAULTS} is the container as it comes; the
 * reliability contracts also run a permissive profile, so that the most hostile data a container can be made to
 * accept really reaches the application (and wsguard).
 *
 * @param requestHeadLimit the largest request head (request line and headers) the container accepts, in bytes; 0
 *        for the container's own default (Jetty {@code requestHeaderSize}, Tomcat {@code maxHttpHeaderSize},
 *        Undertow {@code MAX_HEADER_SIZE})
 * @param lenientUris whether the container lets through every request target it can be made to accept (Jetty
 *        {@code UriCompliance.UNSAFE} with ambiguous URIs decoded, Tomcat every {@code relaxedPathChars} and
 *        {@code relaxedQueryChars}, Undertow {@code ALLOW_UNESCAPED_CHARACTERS_IN_URL})
 */
public record ContainerSettings(int requestHeadLimit, boolean lenientUris) {

    public static final ContainerSettings DEFAULTS = new ContainerSettings(0, false);

    public ContainerSettings {
        if (requestHeadLimit < 0) {
            throw new IllegalArgumentException("requestHeadLimit " + requestHeadLimit);
        }
    }

    public boolean isDefault() {
        return equals(DEFAULTS);
    }

    /** For names and tables: {@code defaults}, or what differs ({@code head 262144, lenient URIs}). */
    @Override
    public String toString() {
        if (isDefault()) {
            return "defaults";
        }
        String head = requestHeadLimit > 0 ? "head " + requestHeadLimit : "";
        String uris = lenientUris ? "lenient URIs" : "";
        return head.isEmpty() || uris.isEmpty() ? head + uris : head + ", " + uris;
    }
}
