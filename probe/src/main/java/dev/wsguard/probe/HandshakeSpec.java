package dev.wsguard.probe;

import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.handshake.HandshakeKind;
import dev.wsguard.handshake.HandshakeRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The handshake request the probe sends, and the same request as the filter's classifier sees it: the probe checks
 * its own request by the filter's RFC 6455 rules before sending, so a {@code -H} that breaks it is a usage error,
 * not a server's fault.
 */
final class HandshakeSpec implements HandshakeRequest {

    static final String USER_AGENT = "wsguard-probe";

    private final Target target;
    private final List<String[]> headers;

    private HandshakeSpec(Target target, List<String[]> headers) {
        this.target = target;
        this.headers = headers;
    }

    /** The headers of a browser's handshake, with the user's {@code -H} replacing any of the same name. */
    static HandshakeSpec of(Target target, String key, String origin, List<String[]> custom) {
        List<String[]> headers = new ArrayList<>();
        headers.add(new String[] {HandshakeClassifier.HOST, target.hostHeader()});
        headers.add(new String[] {HandshakeClassifier.UPGRADE, HandshakeClassifier.WEBSOCKET});
        headers.add(new String[] {HandshakeClassifier.CONNECTION, "Upgrade"});
        headers.add(new String[] {HandshakeClassifier.SEC_WEBSOCKET_KEY, key});
        headers.add(new String[] {HandshakeClassifier.SEC_WEBSOCKET_VERSION, HandshakeClassifier.SUPPORTED_VERSION});
        headers.add(new String[] {"Origin", origin != null ? origin : target.sameOrigin()});
        headers.add(new String[] {"User-Agent", USER_AGENT});
        for (String[] h : custom) {
            for (int i = headers.size() - 1; i >= 0; i--) {
                if (headers.get(i)[0].equalsIgnoreCase(h[0])) {
                    headers.remove(i);
                }
            }
        }
        for (String[] h : custom) {
            headers.add(h);
        }
        return new HandshakeSpec(target, headers);
    }

    /** The filter's verdict on this request: VALID unless a {@code -H} broke it. */
    Handshake classify() {
        return HandshakeClassifier.classify(this);
    }

    boolean isValid() {
        return classify().kind() == HandshakeKind.VALID;
    }

    /** The key actually sent (a {@code -H Sec-WebSocket-Key} wins). */
    String key() {
        return value(HandshakeClassifier.SEC_WEBSOCKET_KEY);
    }

    byte[] bytes() {
        StringBuilder b = new StringBuilder(256);
        b.append("GET ").append(target.requestTarget()).append(" HTTP/1.1\r\n");
        for (String[] h : headers) {
            b.append(h[0]).append(": ").append(h[1]).append("\r\n");
        }
        b.append("\r\n");
        return b.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private String value(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
    }

    @Override
    public String method() {
        return "GET";
    }

    @Override
    public String protocol() {
        return "HTTP/1.1";
    }

    @Override
    public List<String> values(String headerName) {
        List<String> values = new ArrayList<>(1);
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(headerName)) {
                values.add(h[1]);
            }
        }
        return values;
    }

    @Override
    public List<String> headerNames() {
        List<String> names = new ArrayList<>(headers.size());
        for (String[] h : headers) {
            names.add(h[0]);
        }
        return names;
    }
}
