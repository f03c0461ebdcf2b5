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
                request.getProtocol(), request.getRemoteAddr(), clientScheme(request), clientAuthority(request),
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
    /**
     * The scheme the client used: a proxy's {@code X-Forwarded-Proto}, else the {@code proto} of its
     * {@code Forwarded} (RFC 7239), else the request's own.
     */
    private static String clientScheme(HttpServletRequest request) {
        String proto = firstValue(request.getHeader("X-Forwarded-Proto"));
        if (proto == null) {
            proto = forwardedParameter(request.getHeader("Forwarded"), "proto");
        }
        if (proto != null && (proto.equalsIgnoreCase("https") || proto.equalsIgnoreCase("http"))) {
            return proto;
        }
        return request.getScheme();
    }

    /**
     * The host (and port) the client addressed: a proxy's {@code X-Forwarded-Host}, else the {@code host} of its
     * {@code Forwarded}, else the Host header, which a proxy may have set to the backend's own.
     */
    private static String clientAuthority(HttpServletRequest request) {
        String host = firstValue(request.getHeader("X-Forwarded-Host"));
        if (host == null) {
            host = forwardedParameter(request.getHeader("Forwarded"), "host");
        }
        return host != null ? host : request.getHeader("Host");
    }

    /** The first of a comma-separated list, trimmed; null if there is none. */
    private static String firstValue(String header) {
        if (header == null) {
            return null;
        }
        int comma = header.indexOf(',');
        String first = (comma >= 0 ? header.substring(0, comma) : header).trim();
        return first.isEmpty() ? null : first;
    }

    /** A parameter of the first element of a {@code Forwarded} header ({@code proto=https}), unquoted; or null. */
    static String forwardedParameter(String forwarded, String name) {
        String first = firstValue(forwarded);
        if (first == null) {
            return null;
        }
        for (String pair : first.split(";", 16)) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).trim().equalsIgnoreCase(name)) {
                String value = pair.substring(eq + 1).trim();
                if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
                    value = value.substring(1, value.length() - 1);
                }
                return value.isEmpty() ? null : value;
            }
        }
        return null;
    }
}
