package dev.wsguard.diagnosis;

import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.ProxyFingerprint;

/**
 * What {@link CauseClassifier} found: the cause, and the facts its line names (the endpoint it concerns, the closest
 * endpoint, the template the container maps), so that rendering decides nothing.
 */
public final class Finding {

    private final Cause cause;
    private final KnownEndpoint endpoint;
    private final ClosestEndpoint.Suggestion closest;
    private final String mappedTemplate;
    private final Cause alsoLikely;
    private final ProxyFingerprint proxy;

    Finding(Cause cause, KnownEndpoint endpoint, ClosestEndpoint.Suggestion closest, String mappedTemplate,
            Cause alsoLikely) {
        this(cause, endpoint, closest, mappedTemplate, alsoLikely, null);
    }

    private Finding(Cause cause, KnownEndpoint endpoint, ClosestEndpoint.Suggestion closest, String mappedTemplate,
            Cause alsoLikely, ProxyFingerprint proxy) {
        this.cause = cause;
        this.endpoint = endpoint;
        this.closest = closest;
        this.mappedTemplate = mappedTemplate;
        this.alsoLikely = alsoLikely;
        this.proxy = proxy;
    }

    static Finding of(Cause cause) {
        return new Finding(cause, null, null, null, null);
    }

    static Finding at(Cause cause, KnownEndpoint endpoint) {
        return new Finding(cause, endpoint, null, null, null);
    }

    public Cause cause() {
        return cause;
    }

    /** The endpoint the cause concerns (declared at the path, refusing its origin...), or null. */
    public KnownEndpoint endpoint() {
        return endpoint;
    }

    /** The endpoint the client most likely meant, or null. */
    public ClosestEndpoint.Suggestion closest() {
        return closest;
    }

    /** The template the container maps at the request's path, or null. */
    String mappedTemplate() {
        return mappedTemplate;
    }

    /** A second likely cause the line names after the first ({@link Cause#PROXY_PATH_MAPPING}), or null. */
    public Cause alsoLikely() {
        return alsoLikely;
    }

    /** The proxy the line names as the likely culprit (its fix, its path mapping), or null where none is named. */
    public ProxyFingerprint proxy() {
        return proxy;
    }

    Finding withAlsoLikely(Cause second) {
        return new Finding(cause, endpoint, closest, mappedTemplate, second, proxy);
    }

    Finding withProxy(ProxyFingerprint named) {
        return new Finding(cause, endpoint, closest, mappedTemplate, alsoLikely, named);
    }

    @Override
    public String toString() {
        return alsoLikely == null ? cause.name() : cause + "+" + alsoLikely;
    }
}
