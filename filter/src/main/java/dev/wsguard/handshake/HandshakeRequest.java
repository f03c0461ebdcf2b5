package dev.wsguard.handshake;

import java.util.Collections;
import java.util.List;

/**
 * The parts of a request that decide what kind of handshake it is. The servlet adapter reads them
 * from {@code HttpServletRequest}; tests read them from the test kit's request heads.
 */
public interface HandshakeRequest {

    /** The request method, e.g. {@code GET}. */
    String method();

    /** The protocol of the request line, e.g. {@code HTTP/1.1}. */
    String protocol();

    /**
     * Every value of the named header (case-insensitive name), in arrival order, never null.
     * Implementations may stop after {@link HandshakeClassifier#MAX_VALUES_READ} values.
     */
    List<String> values(String headerName);

    /**
     * The names of the request's headers, in arrival order, for evidence no fixed name covers
     * ({@code X-Forwarded-Port}...). Implementations may stop after
     * {@link HandshakeClassifier#MAX_HEADER_NAMES_READ} names; none by default.
     */
    default List<String> headerNames() {
        return Collections.emptyList();
    }
}
