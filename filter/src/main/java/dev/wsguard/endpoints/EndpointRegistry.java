package dev.wsguard.endpoints;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every WebSocket endpoint path wsguard knows in one context, merged from all sources (first
 * source wins for a duplicate path). Immutable, so the filter reads it without locks.
 */
public final class EndpointRegistry {

    private static final EndpointRegistry EMPTY = new EndpointRegistry(Collections.emptyList());

    private final List<KnownEndpoint> endpoints;
    private final KnownEndpoint[] array;

    private EndpointRegistry(List<KnownEndpoint> endpoints) {
        this.endpoints = Collections.unmodifiableList(new ArrayList<>(endpoints));
        this.array = endpoints.toArray(new KnownEndpoint[0]);
    }

    public static EndpointRegistry empty() {
        return EMPTY;
    }

    /** A registry of the given endpoints, duplicates (same template text) dropped. */
    public static EndpointRegistry of(List<KnownEndpoint> endpoints) {
        Map<String, KnownEndpoint> unique = new LinkedHashMap<>();
        for (KnownEndpoint e : endpoints) {
            unique.putIfAbsent(e.path(), e);
        }
        return unique.isEmpty() ? EMPTY : new EndpointRegistry(new ArrayList<>(unique.values()));
    }

    public boolean isEmpty() {
        return array.length == 0;
    }

    public int size() {
        return array.length;
    }

    public List<KnownEndpoint> all() {
        return endpoints;
    }

    /** The endpoint whose template matches {@code path[from, to)} exactly, or null. Allocates nothing. */
    public KnownEndpoint match(String path, int from, int to) {
        for (KnownEndpoint e : array) {
            if (e.template().matches(path, from, to)) {
                return e;
            }
        }
        return null;
    }

    /** The endpoint a context-relative path belongs to, or null. */
    public KnownEndpoint match(String relativePath) {
        return match(relativePath, 0, relativePath.length());
    }

    /**
     * The endpoint that a raw request URI addresses, given the length of the context path that
     * prefixes it, or null. Path parameters ({@code ;jsessionid=...}) are ignored. Allocates nothing:
     * the filter asks this for every plain GET.
     */
    public KnownEndpoint matchRequestUri(String requestUri, int contextPathLength) {
        if (array.length == 0 || requestUri == null || requestUri.length() <= contextPathLength) {
            return null;
        }
        int end = requestUri.indexOf(';', contextPathLength);
        return match(requestUri, contextPathLength, end < 0 ? requestUri.length() : end);
    }
}
