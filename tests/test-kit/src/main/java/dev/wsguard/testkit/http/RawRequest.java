package dev.wsguard.testkit.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Exact request bytes, kept as parts so a catalogue row stays readable, and the one way the tests write request
 * bytes. Each char of the request line and the headers is one byte (ISO-8859-1), so any byte can go anywhere: NUL,
 * CR or LF inside a target, ESC, 0x85 or 0xFF in a value, a 64 KiB method; {@link #utf8} gives the chars for text a
 * client would send as UTF-8, and a char over 0xFF is refused rather than silently replaced. Header values may
 * contain {@link #AUTHORITY}, replaced by {@code 127.0.0.1:port} when the bytes are made; nothing else is added or
 * normalised.
 */
public record RawRequest(String method, String target, String version, List<Header> headers, String body) {

    /** Placeholder for the server's {@code host:port}, known only once it is started. */
    public static final String AUTHORITY = "{authority}";

    /** A valid RFC 6455 key (the one from the RFC's example). */
    public static final String SAMPLE_KEY = "dGhlIHNhbXBsZSBub25jZQ==";

    /** The {@code Sec-WebSocket-Accept} that answers {@link #SAMPLE_KEY}. */
    public static final String SAMPLE_ACCEPT = "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=";

    public RawRequest {
        headers = List.copyOf(headers);
    }

    /** The browser-style valid upgrade: GET, HTTP/1.1, Host, Upgrade, Connection, key, version 13. */
    public static RawRequest validUpgrade(String target) {
        return get(target)
                .header("Upgrade", "websocket")
                .header("Connection", "Upgrade")
                .header("Sec-WebSocket-Key", SAMPLE_KEY)
                .header("Sec-WebSocket-Version", "13")
                .build();
    }

    /** A GET with only {@code Host}; add headers with the builder. */
    public static Builder get(String target) {
        return new Builder("GET", target, "HTTP/1.1").header("Host", AUTHORITY);
    }

    public static Builder request(String method, String target, String version) {
        return new Builder(method, target, version);
    }

    /**
     * The same request for an app deployed at {@code contextPath} instead of {@code /app}: a target under
     * {@code /app} gets the other prefix, anything else is left as it is.
     */
    public RawRequest inContext(String contextPath) {
        String app = "/app";
        if (contextPath.equals(app) || !(target.equals(app) || target.startsWith(app + "/") || target.startsWith(app + "?"))) {
            return this;
        }
        return new RawRequest(method, contextPath + target.substring(app.length()), version, headers, body);
    }

    /** Copy sent to another target (path and query), headers and body kept. */
    public RawRequest withTarget(String newTarget) {
        return new RawRequest(method, newTarget, version, headers, body);
    }

    /** Copy with every header of the given name (any case) removed. */
    public RawRequest without(String name) {
        return toBuilder().remove(name).build();
    }

    /** Copy with every header of the given name replaced by one with this value, at the first one's place. */
    public RawRequest with(String name, String value) {
        return toBuilder().replace(name, value).build();
    }

    /** Copy with every header name in lower case (as HTTP/2-minded clients and some proxies send them), values kept. */
    public RawRequest lowerCaseNames() {
        Builder b = new Builder(method, target, version);
        headers.forEach(h -> b.header(h.name().toLowerCase(java.util.Locale.ROOT), h.value()));
        return b.body(body).build();
    }

    public Builder toBuilder() {
        Builder b = new Builder(method, target, version);
        headers.forEach(h -> b.header(h.name(), h.value()));
        b.body(body);
        return b;
    }

    public byte[] toBytes(String authority) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        writeLine(out, method + " " + target + " " + version);
        for (Header h : headers) {
            writeLine(out, h.name() + ": " + h.value().replace(AUTHORITY, authority));
        }
        writeLine(out, "");
        if (body != null) {
            out.writeBytes(body.getBytes(StandardCharsets.UTF_8));
        }
        return out.toByteArray();
    }

    /** The UTF-8 bytes of {@code text}, one char per byte, for a target or a header value. */
    public static String utf8(String text) {
        return new String(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.ISO_8859_1);
    }

    private static void writeLine(ByteArrayOutputStream out, String line) {
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) > 0xff) {
                throw new IllegalArgumentException("not a byte: U+" + Integer.toHexString(line.charAt(i))
                        + " at " + i + "; use RawRequest.utf8");
            }
        }
        // ISO-8859-1: the bytes go out exactly as written, one char one byte.
        out.writeBytes(line.getBytes(StandardCharsets.ISO_8859_1));
        out.write('\r');
        out.write('\n');
    }

    public static final class Builder {
        private final String method;
        private final String target;
        private final String version;
        private final List<Header> headers = new ArrayList<>();
        private String body;

        private Builder(String method, String target, String version) {
            this.method = method;
            this.target = target;
            this.version = version;
        }

        public Builder header(String name, String value) {
            headers.add(new Header(name, value));
            return this;
        }

        public Builder remove(String name) {
            headers.removeIf(h -> h.name().equalsIgnoreCase(name));
            return this;
        }

        public Builder replace(String name, String value) {
            int at = -1;
            for (int i = 0; i < headers.size(); i++) {
                if (headers.get(i).name().equalsIgnoreCase(name)) {
                    at = i;
                    break;
                }
            }
            remove(name);
            headers.add(at < 0 ? headers.size() : at, new Header(name, value));
            return this;
        }

        public Builder body(String body) {
            this.body = body;
            return this;
        }

        public RawRequest build() {
            return new RawRequest(method, target, version, headers, body);
        }
    }
}
