package dev.wsguard.endpoints;

import dev.wsguard.text.EditDistance;
import dev.wsguard.text.Wording;
import java.util.List;

/**
 * Finds the endpoint a misrouted request most likely meant, and how the URL differs from it:
 * a trailing slash, letter case, a doubled context path or extra prefix, a missing path
 * parameter, or a small typo. Runs only on the slow path, with bounded work.
 */
public final class ClosestEndpoint {

    /** Paths longer than this get the cheap checks only, not the quadratic typo search. */
    static final int MAX_TYPO_PATH = 512;
    /** Registries larger than this are searched for typos only among their first entries. */
    static final int MAX_TYPO_CANDIDATES = 256;

    /** How the requested path relates to the endpoint found; each reads as its phrase in wording.properties. */
    public enum Relation {
        SAME_PATH,
        TRAILING_SLASH,
        LETTER_CASE,
        DOUBLED_CONTEXT_PATH,
        EXTRA_PREFIX,
        MISSING_SEGMENT,
        TYPO,
        OTHER_CONTEXT;

        public String description() {
            return Wording.of(this);
        }
    }

    /** An endpoint and how the request's path relates to it. */
    public static final class Suggestion {
        private final KnownEndpoint endpoint;
        private final Relation relation;
        private final String otherContext;

        Suggestion(KnownEndpoint endpoint, Relation relation) {
            this(endpoint, relation, null);
        }

        Suggestion(KnownEndpoint endpoint, Relation relation, String otherContext) {
            this.endpoint = endpoint;
            this.relation = relation;
            this.otherContext = otherContext;
        }

        /** The endpoint; for {@link Relation#OTHER_CONTEXT} its source is the other context's. */
        public KnownEndpoint endpoint() {
            return endpoint;
        }

        public Relation relation() {
            return relation;
        }

        /** The context path of the context holding the endpoint, or null for this one. */
        public String otherContext() {
            return otherContext;
        }

        /** The URL path that reaches the endpoint: with the other context's path where there is one. */
        public String urlPath() {
            return otherContext == null ? endpoint.path() : otherContext + endpoint.path();
        }

        @Override
        public String toString() {
            return urlPath() + " (" + relation + ")";
        }
    }

    private ClosestEndpoint() {
    }

    /**
     * The template with each variable segment ({@code {room}}) replaced by the request path's segment at the same
     * place, where both have as many segments and that segment is not empty: {@code /chat/{room}} for
     * {@code /chatt/lobby} is {@code /chat/lobby}. Otherwise the template as it is.
     */
    public static String filledFrom(String template, String path) {
        if (template.indexOf('{') < 0 || path == null) {
            return template;
        }
        String[] t = template.split("/", -1);
        String[] p = path.split("/", -1);
        if (t.length != p.length) {
            return template;
        }
        StringBuilder filled = new StringBuilder(template.length() + path.length());
        for (int i = 1; i < t.length; i++) {
            boolean variable = t[i].startsWith("{") && t[i].endsWith("}");
            filled.append('/').append(variable && !p[i].isEmpty() ? p[i] : t[i]);
        }
        return filled.toString();
    }

    /**
     * The closest endpoint to a context-relative path, or null if none is close.
     *
     * @param contextPath the context path ({@code ""} for the root context)
     * @param path        the request path inside the context, starting with '/'
     */
    public static Suggestion find(EndpointRegistry registry, String contextPath, String path) {
        return find(registry, contextPath, path, ContextDirectory.NONE);
    }

    /**
     * As {@link #find(EndpointRegistry, String, String)}; when nothing in this context is close,
     * also looks for the path in the other contexts given (a missing or wrong context path).
     */
    public static Suggestion find(EndpointRegistry registry, String contextPath, String path,
            ContextDirectory otherContexts) {
        if (path == null || path.isEmpty() || path.charAt(0) != '/') {
            return null;
        }
        Suggestion local = registry.isEmpty() ? null : findLocal(registry, contextPath, path);
        return local != null ? local : inOtherContexts(otherContexts.otherContexts(), contextPath, path);
    }

    /**
     * The request's path (relative to its context) is an endpoint path of another context; or,
     * for the root context, its first segment may be a mistyped context path.
     */
    private static Suggestion inOtherContexts(List<ContextEndpoints> others, String contextPath, String path) {
        int secondSlash = path.indexOf('/', 1);
        for (ContextEndpoints other : others) {
            if (other.contextPath().equals(contextPath)) {
                continue;
            }
            for (EndpointTemplate t : other.templates()) {
                boolean whole = t.matches(path);
                boolean afterFirstSegment = !whole && (contextPath == null || contextPath.isEmpty())
                        && secondSlash > 0 && t.matches(path, secondSlash, path.length());
                if (whole || afterFirstSegment) {
                    return new Suggestion(new KnownEndpoint(t, EndpointSource.CONTAINER), Relation.OTHER_CONTEXT,
                            other.contextPath());
                }
            }
        }
        return null;
    }

    private static Suggestion findLocal(EndpointRegistry registry, String contextPath, String path) {
        KnownEndpoint same = registry.match(path);
        if (same != null) {
            return new Suggestion(same, Relation.SAME_PATH);
        }
        KnownEndpoint slash = path.length() > 1 && path.endsWith("/")
                ? registry.match(path, 0, path.length() - 1)
                : registry.match(path + "/");
        if (slash != null) {
            return new Suggestion(slash, Relation.TRAILING_SLASH);
        }
        for (KnownEndpoint e : registry.all()) {
            if (e.template().matches(path, 0, path.length(), true)) {
                return new Suggestion(e, Relation.LETTER_CASE);
            }
        }
        if (contextPath != null && !contextPath.isEmpty() && path.startsWith(contextPath + "/")) {
            KnownEndpoint doubled = registry.match(path, contextPath.length(), path.length());
            if (doubled != null) {
                return new Suggestion(doubled, Relation.DOUBLED_CONTEXT_PATH);
            }
        }
        int secondSlash = path.indexOf('/', 1);
        if (secondSlash > 0) {
            KnownEndpoint prefixed = registry.match(path, secondSlash, path.length());
            if (prefixed != null) {
                return new Suggestion(prefixed, Relation.EXTRA_PREFIX);
            }
        }
        List<String> segments = EndpointTemplate.split(path);
        for (KnownEndpoint e : registry.all()) {
            if (lacksLastVariable(e.template(), segments)) {
                return new Suggestion(e, Relation.MISSING_SEGMENT);
            }
        }
        return path.length() <= MAX_TYPO_PATH ? nearestTypo(registry, segments) : null;
    }

    private static boolean lacksLastVariable(EndpointTemplate t, List<String> segments) {
        int n = t.segmentCount();
        boolean trailingEmpty = segments.size() == n && segments.get(n - 1).isEmpty();
        int given = trailingEmpty ? n - 1 : segments.size();
        if (given != n - 1 || !t.isVariable(n - 1)) {
            return false;
        }
        for (int i = 0; i < n - 1; i++) {
            String s = segments.get(i);
            if (t.isVariable(i) ? s.isEmpty() : !t.segment(i).equals(s)) {
                return false;
            }
        }
        return true;
    }

    private static Suggestion nearestTypo(EndpointRegistry registry, List<String> segments) {
        KnownEndpoint best = null;
        int bestDistance = Integer.MAX_VALUE;
        int examined = 0;
        for (KnownEndpoint e : registry.all()) {
            if (examined++ >= MAX_TYPO_CANDIDATES) {
                break;
            }
            EndpointTemplate t = e.template();
            if (t.segmentCount() != segments.size()) {
                continue;
            }
            int distance = 0;
            for (int i = 0; i < segments.size() && distance < bestDistance; i++) {
                String s = segments.get(i);
                distance += t.isVariable(i) ? (s.isEmpty() ? 1 : 0) : EditDistance.between(s, t.segment(i));
            }
            if (distance > 0 && distance <= allowedTypos(t) && distance < bestDistance) {
                best = e;
                bestDistance = distance;
            }
        }
        return best == null ? null : new Suggestion(best, Relation.TYPO);
    }

    /** Short names tolerate one slip, longer ones a few; never so many that unrelated paths match. */
    static int allowedTypos(EndpointTemplate t) {
        int literal = t.literalLength();
        if (literal <= 1) {
            return 0;
        }
        return literal <= 5 ? 1 : literal <= 10 ? 2 : 3;
    }
}
