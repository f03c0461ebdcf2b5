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
     * The fix for a handshake to one of the framework's own WebSocket endpoints, by its exact path, that another of
     * its handlers took (a controller mapped to the same path), as it reads after "Fix: "; or null for wsguard's
     * general advice. Called, as {@link #describe} is, only for an answer being diagnosed; used only where the path
     * is a framework endpoint's.
     */
    default String shadowFix(HttpServletRequest request, int status) {
        return null;
    }
}
