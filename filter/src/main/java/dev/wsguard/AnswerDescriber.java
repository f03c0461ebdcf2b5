package dev.wsguard;

import jakarta.servlet.http.HttpServletRequest;

/**
 * How a framework behind the servlet says who answered a request (Spring: the handler its DispatcherServlet chose);
 * see {@link WebSocketGuardFilter#describeAnswerer}.
 */
@FunctionalInterface
public interface AnswerDescriber {

    /**
     * Who answered, as it reads after "answered 200 text/html by" ({@code Spring handler SpaController#fallback
     * (pattern /{page})}), or null when the framework cannot tell.
     *
     * @param request the request, after the chain returned (its attributes as the framework left them)
     * @param status  the status it was answered with
     */
    String describe(HttpServletRequest request, int status);

    /**
     * Whether the answerer {@link #describe} named answered inside the servlet (a handler the servlet dispatched to:
     * the line says "in servlet 'x'") or in a filter in front of it (a security filter: "on its way to servlet
     * 'x'"); null where the framework cannot tell, and wsguard judges by the status as for a servlet mapping.
     */
    default Boolean answeredInServlet(HttpServletRequest request, int status) {
        return null;
    }

    /**
     * The fix for a handshake to one of the framework's own WebSocket endpoints, by its exact path, that another of
     * its handlers took (a controller mapped to the same path), as it reads after "Fix: "; or null for wsguard's
     * general advice. Called, as {@link #describe} is, only for an answer being diagnosed; used only where the path
     * is a framework endpoint's.
     */
    default String shadowFix(HttpServletRequest request, int status) {
        return null;
    }

    /**
     * The cause and fix of a refusal the framework can explain (its origin check's 403, its security filter's 401,
     * a failure it knows the reason of), as it reads after "instead of 101: ", replacing wsguard's general
     * explanation of {@code WSG07}; or null for wsguard's own. Called only for a handshake answered 3xx, 401, 403 or
     * 5xx ({@code WSG07}), after the chain returned, whether or not {@link #describe} named who answered. The text is
     * trimmed, cut to 1024 characters and escaped as request data is, so the framework may quote the request (an
     * {@code Origin}) as it is.
     */
    default String refusal(HttpServletRequest request, int status) {
        return null;
    }

    /**
     * What the request's path is to the framework when it is none of its WebSocket endpoints (a STOMP destination
     * used as a URL), with the fix, as it reads after "No WebSocket endpoint matches /app/chat: "; or null for
     * wsguard's own advice (the closest endpoint). Called only for a handshake answered 2xx, 404 or another 4xx
     * ({@code WSG01}, {@code WSG02}, {@code WSG08}), after the chain returned, and used only where no endpoint is at
     * the path. The text is trimmed, cut to 1024 characters and escaped as request data is.
     */
    default String pathMeaning(HttpServletRequest request, int status) {
        return null;
    }
}
