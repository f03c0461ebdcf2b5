package dev.wsguard;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.MappingMatch;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** A servlet request built from plain values, with working attributes. */
final class RequestDouble {

    final HttpServletRequest mock = mock(HttpServletRequest.class);
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<String, Object> attributes = new HashMap<>();

    RequestDouble(String method, String uri) {
        when(mock.getMethod()).thenReturn(method);
        when(mock.getRequestURI()).thenReturn(uri);
        when(mock.getContextPath()).thenReturn("/app");
        // As a servlet mapped to "/" sees it: the whole path within the context is the servlet path.
        when(mock.getServletPath()).thenReturn(uri.startsWith("/app") ? uri.substring(4) : uri);
        when(mock.getProtocol()).thenReturn("HTTP/1.1");
        when(mock.getRemoteAddr()).thenReturn("127.0.0.1");
        when(mock.getDispatcherType()).thenReturn(DispatcherType.REQUEST);
        when(mock.getHeader(anyString())).thenAnswer(i -> {
            List<String> v = headers.get((String) i.getArgument(0));
            return v == null ? null : v.get(0);
        });
        when(mock.getHeaderNames()).thenAnswer(i -> Collections.enumeration(new ArrayList<>(headers.keySet())));
        when(mock.getHeaders(anyString())).thenAnswer(i -> Collections.enumeration(
                headers.getOrDefault((String) i.getArgument(0), List.of())));
        when(mock.getAttribute(anyString())).thenAnswer(i -> attributes.get((String) i.getArgument(0)));
        doAnswer(i -> attributes.put(i.getArgument(0), i.getArgument(1))).when(mock).setAttribute(anyString(), any());
        doAnswer(i -> attributes.remove((String) i.getArgument(0))).when(mock).removeAttribute(anyString());
        HttpServletMapping mapping = mock(HttpServletMapping.class);
        when(mapping.getServletName()).thenReturn("root");
        when(mapping.getPattern()).thenReturn("/");
        when(mapping.getMappingMatch()).thenReturn(MappingMatch.DEFAULT);
        when(mock.getHttpServletMapping()).thenReturn(mapping);
    }

    static RequestDouble validUpgrade(String uri) {
        return new RequestDouble("GET", uri).header("Host", "127.0.0.1").header("Upgrade", "websocket")
                .header("Connection", "Upgrade").header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13");
    }

    /** RFC 8441: an extended CONNECT over HTTP/2, with a version and no key, Upgrade or Connection. */
    static RequestDouble http2Upgrade(String uri) {
        RequestDouble r = new RequestDouble("CONNECT", uri).header("Sec-WebSocket-Version", "13");
        when(r.mock.getProtocol()).thenReturn("HTTP/2.0");
        return r;
    }

    RequestDouble attribute(String name, Object value) {
        attributes.put(name, value);
        return this;
    }

    RequestDouble header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    RequestDouble without(String name) {
        headers.remove(name);
        return this;
    }
}
