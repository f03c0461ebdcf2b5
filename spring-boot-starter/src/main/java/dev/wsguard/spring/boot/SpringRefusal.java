package dev.wsguard.spring.boot;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;

/**
 * The refusals inside a Spring application whose cause and fix the starter can tell (wsguard's {@code WSG07}), each
 * with its text in {@code refusals.properties} beside this class: what replaces the filter's general explanation
 * after "instead of 101: ". {@link SpringAnswerer#refusal} decides which applies.
 */
enum SpringRefusal {

    /** 403 from Spring's origin check (a WebSocket or STOMP endpoint's OriginHandshakeInterceptor, or SockJS's). */
    ORIGIN_REFUSED,
    /** The same 403 for a page on this very host, seen with another scheme or port: a TLS-terminating proxy. */
    ORIGIN_BEHIND_PROXY,
    /** 500: a SockJS endpoint allows origins "*", which Spring's CORS check refuses with SockJS's credentials. */
    WILDCARD_WITH_CREDENTIALS,
    /** 302 from Spring Security to its login page. */
    SECURITY_LOGIN_REDIRECT,
    /** 401 from Spring Security. */
    SECURITY_UNAUTHENTICATED,
    /** 403 from Spring Security's access rules. */
    SECURITY_FORBIDDEN;

    static final String RESOURCE = "refusals.properties";

    private static final Map<String, String> TEXTS = load();

    /**
     * The text with each {@code {name}} replaced by its value (request data as it is: the filter escapes the whole
     * text); the constant's name where the resource is missing, so the line still says which refusal it was.
     */
    String text(Map<String, String> values) {
        String text = TEXTS.getOrDefault(name(), name());
        // One pass: a value (an Origin) that holds "{path}" stays as it is.
        StringBuilder b = new StringBuilder(text.length() + 128);
        int at = 0;
        while (at < text.length()) {
            int open = text.indexOf('{', at);
            int close = open < 0 ? -1 : text.indexOf('}', open);
            String value = close < 0 ? null : values.get(text.substring(open + 1, close));
            if (value == null) {
                int end = open < 0 ? text.length() : open + 1;
                b.append(text, at, end);
                at = end;
            } else {
                b.append(text, at, open).append(value);
                at = close + 1;
            }
        }
        return b.toString();
    }

    /** Request data cut to a length for a text; the filter escapes the whole text and bounds it again. */
    static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...";
    }

    /** A phrase several texts fill in ({@code part.<name>} in the resource); the key where it is missing. */
    static String part(String name) {
        return TEXTS.getOrDefault(PART + name, PART + name);
    }

    /** Keys of phrases that are parts of texts, not texts of a constant. */
    static final String PART = "part.";

    /** Every text and part, by key; for the test that keeps constants and texts paired. */
    static Map<String, String> texts() {
        return TEXTS;
    }

    private static Map<String, String> load() {
        Properties properties = new Properties();
        try (InputStream in = SpringRefusal.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                return Collections.emptyMap();
            }
            try (Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            }
        } catch (IOException e) {
            // A line without the text still names the refusal.
            return Collections.emptyMap();
        }
        Map<String, String> texts = new HashMap<>();
        for (String name : properties.stringPropertyNames()) {
            texts.put(name, properties.getProperty(name));
        }
        return Collections.unmodifiableMap(texts);
    }
}
