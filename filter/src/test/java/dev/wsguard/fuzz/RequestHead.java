package dev.wsguard.fuzz;

import dev.wsguard.handshake.HandshakeRequest;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The fuzzers' input format: the raw bytes of an HTTP request head, read the way a lenient
 * container would (ISO-8859-1, lines split on LF, a trailing CR dropped, headers split on the
 * first colon). Seeds are therefore plain request text, and the fuzzer mutates requests.
 */
final class RequestHead implements HandshakeRequest {

    /** More header lines than any container accepts; bounds the work per input. */
    static final int MAX_HEADERS = 256;

    final String method;
    final String target;
    final String protocol;
    final List<String[]> headers = new ArrayList<>();

    private RequestHead(String method, String target, String protocol) {
        this.method = method;
        this.target = target;
        this.protocol = protocol;
    }

    static RequestHead parse(byte[] bytes) {
        String text = new String(bytes, StandardCharsets.ISO_8859_1);
        String[] lines = text.split("\n", MAX_HEADERS + 2);
        String[] requestLine = strip(lines[0]).split(" ", 3);
        RequestHead head = new RequestHead(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/",
                requestLine.length > 2 ? requestLine[2] : "HTTP/1.1");
        for (int i = 1; i < lines.length && head.headers.size() < MAX_HEADERS; i++) {
            String line = strip(lines[i]);
            int colon = line.indexOf(':');
            if (colon > 0) {
                head.headers.add(new String[] {line.substring(0, colon), line.substring(colon + 1).trim()});
            }
        }
        return head;
    }

    private static String strip(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }

    String header(String name) {
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(name)) {
                return h[1];
            }
        }
        return null;
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
        List<String> values = null;
        for (String[] h : headers) {
            if (h[0].equalsIgnoreCase(headerName)) {
                if (values == null) {
                    values = new ArrayList<>(2);
                }
                values.add(h[1]);
            }
        }
        return values == null ? Collections.emptyList() : values;
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
