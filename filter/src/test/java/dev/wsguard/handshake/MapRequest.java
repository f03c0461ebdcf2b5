package dev.wsguard.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** A request made of plain values: the classifier needs no servlet container. */
public final class MapRequest implements HandshakeRequest {

    private final String method;
    private final String protocol;
    private final Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    public MapRequest(String method, String protocol) {
        this.method = method;
        this.protocol = protocol;
    }

    /** The valid upgrade of SCENARIOS.md. */
    public static MapRequest validUpgrade() {
        return new MapRequest("GET", "HTTP/1.1")
                .header("Host", "127.0.0.1:8080")
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==")
                .header("Sec-WebSocket-Version", "13");
    }

    public MapRequest header(String name, String value) {
        headers.computeIfAbsent(name, n -> new ArrayList<>()).add(value);
        return this;
    }

    public MapRequest without(String name) {
        headers.remove(name.toLowerCase(Locale.ROOT));
        headers.remove(name);
        return this;
    }

    public MapRequest replace(String name, String value) {
        return without(name).header(name, value);
    }

    @Override
    public String method() {
        return method;
    }

    @Override
    public String protocol() {
        return protocol;
    }

    @Override
    public List<String> values(String headerName) {
        return headers.getOrDefault(headerName, Collections.emptyList());
    }

    @Override
    public List<String> headerNames() {
        return new ArrayList<>(headers.keySet());
    }
}
