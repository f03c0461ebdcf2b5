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

    private static final EndpointRegistry EMPTY = new EndpointRegistry(Collections.emptyList(), ScanState.RAN, false,
            FrameworkState.NONE);

    private final List<KnownEndpoint> endpoints;
    private final KnownEndpoint[] array;
    /** The endpoints a plain request is a WSG06 incident at: all but those that answer plain HTTP too. */
    private final KnownEndpoint[] handshakeOnly;
    private final ScanState scan;
    private final boolean containerListed;
    private final FrameworkState framework;
    /**
     * The ASCII characters a handshake-only endpoint path can start with after its '/', as a 128-bit
     * set; or all of them when a path starts with a variable or is '/'. One look at the request
     * path's first character then rejects almost every plain GET without matching any template.
     */
    private final long firstCharsLow;
    private final long firstCharsHigh;
    private final boolean anyFirstChar;

    private EndpointRegistry(List<KnownEndpoint> endpoints, ScanState scan, boolean containerListed,
            FrameworkState framework) {
        this.endpoints = Collections.unmodifiableList(new ArrayList<>(endpoints));
        this.array = endpoints.toArray(new KnownEndpoint[0]);
        List<KnownEndpoint> strict = new ArrayList<>();
        for (KnownEndpoint e : array) {
            if (!e.answersPlainHttp()) {
                strict.add(e);
            }
        }
        this.handshakeOnly = strict.toArray(new KnownEndpoint[0]);
        this.scan = scan;
        this.containerListed = containerListed;
        this.framework = framework;
        long low = 0;
        long high = 0;
        boolean any = false;
        for (KnownEndpoint e : handshakeOnly) {
            EndpointTemplate t = e.template();
            String first = t.segment(0);
            char c = first.isEmpty() ? 0 : first.charAt(0);
            if (t.isVariable(0) || first.isEmpty() || c >= 128) {
                any = true;
            } else if (c < 64) {
                low |= 1L << c;
            } else {
                high |= 1L << (c - 64);
            }
        }
        this.firstCharsLow = low;
        this.firstCharsHigh = high;
        this.anyFirstChar = any;
    }

    /** Whether some endpoint path could start with this character after its '/'. */
    private boolean mayStartWith(char c) {
        if (anyFirstChar) {
            return true;
        }
        if (c >= 128) {
            return false;
        }
        return c < 64 ? (firstCharsLow & (1L << c)) != 0 : (firstCharsHigh & (1L << (c - 64))) != 0;
    }

    public static EndpointRegistry empty() {
        return EMPTY;
    }

    /** A registry of the given endpoints, duplicates (same template text) dropped, as if the scan ran. */
    public static EndpointRegistry of(List<KnownEndpoint> endpoints) {
        return of(endpoints, ScanState.RAN, false);
    }

    /**
     * A registry of the given endpoints, in order of precedence: for a path listed twice, the
     * first source wins.
     *
     * @param scan            how wsguard's initializer fared
     * @param containerListed whether the container's own mappings could be read
     */
    public static EndpointRegistry of(List<KnownEndpoint> endpoints, ScanState scan, boolean containerListed) {
        return of(endpoints, scan, containerListed, FrameworkState.NONE);
    }

    /**
     * As {@link #of(List, ScanState, boolean)}, for a filter that a framework registered.
     *
     * @param framework whether that framework told its own endpoints (they are among {@code endpoints} then)
     */
    public static EndpointRegistry of(List<KnownEndpoint> endpoints, ScanState scan, boolean containerListed,
            FrameworkState framework) {
        Map<String, KnownEndpoint> unique = new LinkedHashMap<>();
        for (KnownEndpoint e : endpoints) {
            unique.putIfAbsent(e.path(), e);
        }
        return new EndpointRegistry(new ArrayList<>(unique.values()), scan, containerListed, framework);
    }

    /** The same endpoints and scan, with the framework's state changed (it stopped being awaited, say). */
    public EndpointRegistry withFramework(FrameworkState state) {
        return new EndpointRegistry(endpoints, scan, containerListed, state);
    }

    /** Whether a framework that registered the filter told its endpoints. */
    public FrameworkState framework() {
        return framework;
    }

    /** How wsguard's initializer fared. */
    public ScanState scan() {
        return scan;
    }

    /** Whether the container's mappings were read. */
    public boolean containerListed() {
        return containerListed;
    }

    /**
     * Whether the registry can be trusted to hold every deployed endpoint (the initializer ran, the
     * container listed its mappings, or the framework that registered the filter told its own).
     * When it cannot, diagnoses do not claim that no endpoint matches: they say the registry is
     * unavailable instead of guessing.
     */
    public boolean isComplete() {
        return scan == ScanState.RAN || containerListed || framework == FrameworkState.TOLD;
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
     * The endpoint that a request addresses, from the container-decoded path within the context as
     * the servlet API splits it (servlet path, then path info), which is the path containers match
     * WebSocket endpoints against. Cheap on every container, unlike {@code getContextPath()}, which
     * some containers re-decode from the URI on each call. Allocates nothing: the two parts are
     * matched in place. Endpoints that answer plain HTTP too (a SockJS base path) are left out: this
     * is the question a plain GET asks.
     */
    public KnownEndpoint matchPathInContext(String servletPath, String pathInfo) {
        if (handshakeOnly.length == 0) {
            return null;
        }
        boolean noServletPath = servletPath == null || servletPath.isEmpty();
        String first = noServletPath ? pathInfo : servletPath;
        if (first == null || first.isEmpty() || first.length() > 1 && !mayStartWith(first.charAt(1))) {
            return null;
        }
        if (noServletPath || pathInfo == null || pathInfo.isEmpty()) {
            for (KnownEndpoint e : handshakeOnly) {
                if (e.template().matches(first, 0, first.length())) {
                    return e;
                }
            }
            return null;
        }
        for (KnownEndpoint e : handshakeOnly) {
            if (e.template().matches(servletPath, pathInfo)) {
                return e;
            }
        }
        return null;
    }
}
