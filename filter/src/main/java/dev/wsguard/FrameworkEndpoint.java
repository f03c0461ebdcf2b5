package dev.wsguard;

import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.EndpointTemplate;
import java.util.Objects;

/**
 * A WebSocket endpoint that a framework deploys itself (a Spring {@code WebSocketHandler}, a STOMP or SockJS endpoint),
 * where neither wsguard's initializer nor the container's mappings can see it: its path template, context-relative,
 * and the framework's own label for where it came from, which the startup line and diagnoses show as the endpoint's
 * source ({@code /echo from Spring WebSocketHandler}). Handed to {@link WebSocketGuardFilter#frameworkReady}.
 *
 * <p>An endpoint answers only handshakes unless it is marked {@link #alsoPlainHttp()}: then a plain GET to its path is
 * an ordinary request there (a SockJS endpoint's base path answers its greeting and its HTTP transports), not a
 * {@code WSG06} incident.
 */
public final class FrameworkEndpoint {

    /** Labels longer than this are cut in lines; a label is a few words. */
    static final int MAX_SOURCE = 64;

    private final EndpointTemplate template;
    private final String source;
    private final boolean plainHttp;
    private final String client;

    private FrameworkEndpoint(EndpointTemplate template, String source, boolean plainHttp, String client) {
        this.template = template;
        this.source = source;
        this.plainHttp = plainHttp;
        this.client = client;
    }

    /**
     * An endpoint that answers only handshakes.
     *
     * @param path   a context-relative path template: literal segments and whole-segment variables
     *               ({@code /chat/{room}}), as in the {@code endpoints} init-param
     * @param source where the framework declared it ({@code Spring WebSocketHandler}); null or blank for the generic
     *               "framework"
     * @throws IllegalArgumentException if the path is no such template, saying why
     */
    public static FrameworkEndpoint of(String path, String source) {
        String label = source == null || source.trim().isEmpty() ? null : source.trim();
        return new FrameworkEndpoint(EndpointTemplate.parse(path), label, false, null);
    }

    /** The same endpoint, marked as also answering plain HTTP requests at its path (a SockJS base path). */
    public FrameworkEndpoint alsoPlainHttp() {
        return new FrameworkEndpoint(template, source, true, client);
    }

    /**
     * The same endpoint, naming the client library its protocol needs ({@code a SockJS client}): where a plain
     * WebSocket client reached a path that {@link #alsoPlainHttp() answers plain HTTP}, the line's fix names it.
     *
     * @param client a few words; null or blank for the generic "the client library this endpoint is made for"
     */
    public FrameworkEndpoint madeFor(String client) {
        String name = client == null || client.trim().isEmpty() ? null : client.trim();
        return new FrameworkEndpoint(template, source, plainHttp, name);
    }

    /** The path template as given. */
    public String path() {
        return template.text();
    }

    /** The framework's label for where it came from, or null for the generic one. */
    public String source() {
        return source;
    }

    /** Whether plain HTTP requests to this path are ordinary (no {@code WSG06}). */
    public boolean answersPlainHttp() {
        return plainHttp;
    }

    /** The client library its protocol needs, as {@link #madeFor} named it, or null. */
    public String client() {
        return client;
    }

    EndpointTemplate template() {
        return template;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof FrameworkEndpoint)) {
            return false;
        }
        FrameworkEndpoint other = (FrameworkEndpoint) o;
        return template.equals(other.template) && Objects.equals(source, other.source) && plainHttp == other.plainHttp
                && Objects.equals(client, other.client);
    }

    @Override
    public int hashCode() {
        return Objects.hash(template, source, plainHttp, client);
    }

    @Override
    public String toString() {
        return path() + " (" + (source == null ? EndpointSource.FRAMEWORK.label() : source) + (plainHttp ? ", plain HTTP too" : "")
                + ")";
    }
}
