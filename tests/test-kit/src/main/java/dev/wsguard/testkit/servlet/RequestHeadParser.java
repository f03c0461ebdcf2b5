package dev.wsguard.testkit.servlet;

import dev.wsguard.testkit.http.RawRequest;
import java.nio.charset.StandardCharsets;

/**
 * Reads the raw bytes of an HTTP request head the way a lenient container would: ISO-8859-1, lines split on
 * LF with a trailing CR dropped, a request line of method, target and version (missing parts default to
 * {@code /} and {@code HTTP/1.1}), headers split on their first colon with the value trimmed, and lines
 * without a colon skipped. Fuzzers read their inputs with it, so their seeds are plain request text.
 */
public final class RequestHeadParser {

    /** More header lines than any container accepts; bounds the work per input. */
    public static final int MAX_HEADERS = 256;

    private RequestHeadParser() {
    }

    public static RawRequest parse(byte[] bytes) {
        String[] lines = new String(bytes, StandardCharsets.ISO_8859_1).split("\n", MAX_HEADERS + 2);
        String[] requestLine = withoutCr(lines[0]).split(" ", 3);
        RawRequest.Builder head = RawRequest.request(requestLine[0], requestLine.length > 1 ? requestLine[1] : "/",
                requestLine.length > 2 ? requestLine[2] : "HTTP/1.1");
        int headers = 0;
        for (int i = 1; i < lines.length && headers < MAX_HEADERS; i++) {
            String line = withoutCr(lines[i]);
            int colon = line.indexOf(':');
            if (colon > 0) {
                head.header(line.substring(0, colon), line.substring(colon + 1).trim());
                headers++;
            }
        }
        return head.build();
    }

    private static String withoutCr(String line) {
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
    }
}
