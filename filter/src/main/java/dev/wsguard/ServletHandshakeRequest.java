package dev.wsguard;

import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.handshake.HandshakeRequest;
import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/** Reads a servlet request's headers for the classifier; repeated headers are read up to a bound. */
final class ServletHandshakeRequest implements HandshakeRequest {

    private final HttpServletRequest request;

    ServletHandshakeRequest(HttpServletRequest request) {
        this.request = request;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String protocol() {
        return request.getProtocol();
    }

    @Override
    public List<String> values(String headerName) {
        Enumeration<String> e = request.getHeaders(headerName);
        if (e == null || !e.hasMoreElements()) {
            return Collections.emptyList();
        }
        String first = e.nextElement();
        if (!e.hasMoreElements()) {
            return Collections.singletonList(first);
        }
        List<String> values = new ArrayList<>(4);
        values.add(first);
        while (e.hasMoreElements() && values.size() < HandshakeClassifier.MAX_VALUES_READ) {
            values.add(e.nextElement());
        }
        return values;
    }

    @Override
    public List<String> headerNames() {
        Enumeration<String> e = request.getHeaderNames();
        if (e == null) {
            return Collections.emptyList();
        }
        List<String> names = new ArrayList<>();
        while (e.hasMoreElements() && names.size() < HandshakeClassifier.MAX_HEADER_NAMES_READ) {
            names.add(e.nextElement());
        }
        return names;
    }
}
