package dev.wsguard.diagnosis;

import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.endpoints.KnownEndpoint;

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

    Finding(Cause cause, KnownEndpoint endpoint, ClosestEndpoint.Suggestion closest, String mappedTemplate,
            Cause alsoLikely) {
        this.cause = cause;
        this.endpoint = endpoint;
        this.closest = closest;
        this.mappedTemplate = mappedTemplate;
        this.alsoLikely = alsoLikely;
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

    Finding withAlsoLikely(Cause second) {
        return new Finding(cause, endpoint, closest, mappedTemplate, second);
    }

    @Override
    public String toString() {
        return alsoLikely == null ? cause.name() : cause + "+" + alsoLikely;
    }
}
