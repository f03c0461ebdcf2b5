package dev.wsguard;

import dev.wsguard.diagnosis.Observation;
import dev.wsguard.diagnosis.RequestFacts;
import dev.wsguard.diagnosis.Responder;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/** What a servlet request and its response tell a diagnosis: who asked, where it was headed, what answered. */
final class ServletFacts {

    private ServletFacts() {
    }

    /** The request as a log line names it. */
    static RequestFacts request(HttpServletRequest request) {
        return new RequestFacts(request.getMethod(), request.getRequestURI(), request.getContextPath(),
                request.getProtocol(), request.getRemoteAddr(), clientScheme(request), request.getHeader("Host"),
                request.getHeader("Origin"));
    }

    /**
     * What the chain answered: status (500 for a failure before anything was committed), headers that say who
     * answered, the servlet it was mapped to, and the first bytes of the body when they were watched.
     */
    static Observation answer(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held,
            Throwable failure) {
        int status = response.getStatus();
        if (failure != null && !response.isCommitted()) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        return Observation.status(status)
                .contentType(response.getContentType())
                .location(response.getHeader("Location"))
                .wwwAuthenticate(response.getHeader("WWW-Authenticate"))
                .responder(responder(request))
                .body(held == null ? null : held.sample())
                .failure(failure == null ? null : failure.getClass().getName())
                .build();
    }

    private static Responder responder(HttpServletRequest request) {
        try {
            HttpServletMapping m = request.getHttpServletMapping();
            if (m == null) {
                return Responder.unknown();
            }
            return new Responder(m.getServletName(), m.getPattern(),
                    m.getMappingMatch() == null ? null : m.getMappingMatch().name());
        } catch (RuntimeException e) {
            // Some wrappers do not implement the mapping; the diagnosis simply names no servlet.
            return Responder.unknown();
        }
    }

    /**
     * The scheme the client used: a TLS-terminating proxy forwards https as plain http and says so in
     * X-Forwarded-Proto, so the ws:// or wss:// hint follows what the browser used.
     */
    private static String clientScheme(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        if (forwarded != null) {
            int comma = forwarded.indexOf(',');
            String first = (comma >= 0 ? forwarded.substring(0, comma) : forwarded).trim();
            if (first.equalsIgnoreCase("https") || first.equalsIgnoreCase("http")) {
                return first;
            }
        }
        return request.getScheme();
    }
}
