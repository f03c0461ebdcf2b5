package dev.wsguard;

/**
 * Observes what wsguard counts, for a framework that exports it (the Spring Boot starter's Micrometer counters).
 * Registered with {@link WebSocketGuardFilter#addListener}. Called on the request's thread (or the container's
 * thread that completes an async request), so an implementation must be quick and thread-safe; one that throws
 * does not break the request: wsguard counts it as an internal error ({@code WSG99}) and goes on.
 *
 * <p>Never called for requests that are neither an upgrade attempt nor an incident (a plain request costs no call),
 * and never at all while no listener is registered.
 */
public interface GuardListener {

    /** An upgrade attempt that an endpoint accepted (101, or 200 over HTTP/2). */
    String ACCEPTED = "accepted";
    /** A valid handshake that something other than an endpoint answered (WSG01, WSG02, WSG08). */
    String MISROUTED = "misrouted";
    /** A valid handshake that the application refused or failed (WSG07: 3xx, 401, 403, 5xx). */
    String REFUSED = "refused";
    /** A handshake that is wrong whoever answers it (WSG03, WSG04, WSG05). */
    String MALFORMED = "malformed";
    /** Any other answer to a valid handshake (a 1xx other than 101). */
    String OTHER = "other";

    /**
     * An incident was counted (every one, whether or not the rate limiter let its line through).
     *
     * @param code     its code, {@code WSG01} to {@code WSG08}
     * @param endpoint the template of the endpoint in this context that the request's path matched or that wsguard
     *                 took it for (the closest endpoint of its line: {@code /echo} for {@code /ecco}); null when none
     *                 is close. Always one of the context's known templates, so it never grows with the paths clients
     *                 send
     */
    void incident(String code, String endpoint);

    /**
     * An upgrade attempt was answered.
     *
     * @param outcome one of {@link #ACCEPTED}, {@link #MISROUTED}, {@link #REFUSED}, {@link #MALFORMED},
     *                {@link #OTHER}
     */
    void upgrade(String outcome);
}
