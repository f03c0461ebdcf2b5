package dev.wsguard.springboot;

import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One response as the raw client read it, rendered as text that is equal for two application instances exactly when
 * their answers are: status line, every header in order with its name's case and its value, and the body's bytes
 * (ISO-8859-1, one char per byte, so equal text is equal bytes). For a 101, an echo over the upgraded connection: the
 * frame the server sent back (FIN, opcode, payload bytes).
 *
 * <p>What two instances of one application legitimately answer differently is normalised, and each normalisation is
 * recorded in {@link #normalised()} so a test can say what it did:
 * <ul>
 * <li>{@code Date} is dropped: the clock;</li>
 * <li>the instance's own {@code 127.0.0.1:port} in a header value (a redirect's absolute {@code Location}, the
 * {@code Sec-WebSocket-Location} Undertow adds to its 101 and 426) becomes
 * {@code 127.0.0.1:{port}}: each instance listens on a free port of its own;</li>
 * <li>the value of a {@code JSESSIONID} cookie in {@code Set-Cookie} becomes {@code {session}}: a random id;</li>
 * <li>in a body, SockJS's {@code "entropy":<number>} ({@code /ws/info}, random by design) and Spring Boot's error
 * document's {@code "timestamp":"..."} (the clock) become placeholders; where a body was normalised, its
 * {@code Content-Length} is checked against the bytes received and then becomes {@code {length}}, since the random
 * number's digits change the length.</li>
 * </ul>
 * The raw client keeps header names as sent; it strips the optional whitespace around a value (not part of the value,
 * RFC 9110 5.5) and removes chunked framing (the chunks' sizes are not compared, their bytes are).
 */
record ComparableResponse(String text, TreeSet<String> normalised) {

    private static final Pattern SESSION_COOKIE = Pattern.compile("(?i)^(JSESSIONID=)[^;]*");
    private static final Pattern ENTROPY = Pattern.compile("\"entropy\":-?\\d+");
    private static final Pattern TIMESTAMP = Pattern.compile("\"timestamp\":\"[^\"]*\"");
    private static final String ECHO_TEXT = "the same echo from both";

    /**
     * The response, normalised; after a 101 from an echo endpoint ({@code echoes}), one text frame sent and its echo
     * read (bounded by the raw client's socket timeout).
     */
    static ComparableResponse of(RawResponse response, int port, boolean echoes) throws IOException {
        TreeSet<String> normalised = new TreeSet<>();
        String body = new String(response.body(), StandardCharsets.ISO_8859_1);
        String normalisedBody = replace(body, ENTROPY, "\"entropy\":{entropy}", "SockJS entropy", normalised);
        normalisedBody = replace(normalisedBody, TIMESTAMP, "\"timestamp\":\"{timestamp}\"", "error timestamp",
                normalised);
        boolean bodyNormalised = !normalisedBody.equals(body);

        StringBuilder text = new StringBuilder(response.statusLine()).append('\n');
        for (Header h : normalisedHeaders(response.headers(), port, normalised)) {
            String value = h.value();
            if (bodyNormalised && h.name().equalsIgnoreCase("Content-Length")) {
                if (Integer.parseInt(value.trim()) != response.body().length) {
                    throw new AssertionError("Content-Length " + value + " but " + response.body().length
                            + " bytes received: " + response.head());
                }
                value = "{length}";
                normalised.add("Content-Length of a normalised body");
            }
            text.append(h.name()).append(": ").append(value).append('\n');
        }
        text.append('\n').append(normalisedBody);
        if (response.status() == 101 && echoes) {
            WebSocketFrames.sendText(response.upgradedOutput(), ECHO_TEXT);
            WebSocketFrames.Frame echo = WebSocketFrames.read(response.upgradedInput());
            text.append("\n[echo frame] fin=").append(echo.fin()).append(" opcode=").append(echo.opcode())
                    .append(" payload=").append(new String(echo.payload(), StandardCharsets.ISO_8859_1));
        }
        return new ComparableResponse(text.toString(), normalised);
    }

    private static List<Header> normalisedHeaders(List<Header> headers, int port, TreeSet<String> normalised) {
        String authority = "127.0.0.1:" + port;
        List<Header> out = new ArrayList<>();
        for (Header h : headers) {
            String name = h.name();
            if (name.toLowerCase(Locale.ROOT).equals("date")) {
                normalised.add("Date");
                continue;
            }
            String value = h.value();
            if (value.contains(authority)) {
                value = value.replace(authority, "127.0.0.1:{port}");
                normalised.add("port in " + name);
            }
            if (name.equalsIgnoreCase("Set-Cookie")) {
                Matcher m = SESSION_COOKIE.matcher(value);
                if (m.find()) {
                    value = m.replaceFirst("$1{session}");
                    normalised.add("JSESSIONID value");
                }
            }
            out.add(new Header(name, value));
        }
        return out;
    }

    private static String replace(String body, Pattern pattern, String replacement, String what,
                                  TreeSet<String> normalised) {
        Matcher m = pattern.matcher(body);
        if (!m.find()) {
            return body;
        }
        normalised.add(what);
        return m.replaceAll(Matcher.quoteReplacement(replacement));
    }
}
