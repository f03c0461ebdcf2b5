package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.http.Header;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** A header a response must carry: some header of that name (any case) whose value matches. */
public record HeaderRule(String name, String value, Match match) {

    public enum Match {
        /** Value equal, byte for byte. */
        EXACT,
        /** Value equal ignoring case (media types and charsets, the {@code websocket} token). */
        IGNORE_CASE,
        /** The comma-separated tokens of all headers of that name include the value, any case. */
        HAS_TOKEN
    }

    public static HeaderRule exact(String name, String value) {
        return new HeaderRule(name, value, Match.EXACT);
    }

    public static HeaderRule ignoringCase(String name, String value) {
        return new HeaderRule(name, value, Match.IGNORE_CASE);
    }

    public static HeaderRule hasToken(String name, String token) {
        return new HeaderRule(name, token, Match.HAS_TOKEN);
    }

    /** Whether these headers (normalised, see {@link Observation#normalisedHeaders()}) satisfy the rule. */
    public boolean matches(List<Header> headers) {
        List<String> values = headers.stream().filter(h -> h.name().equalsIgnoreCase(name)).map(Header::value)
                .collect(Collectors.toList());
        switch (match) {
            case EXACT:
                return values.contains(value);
            case IGNORE_CASE:
                return values.stream().anyMatch(v -> v.equalsIgnoreCase(value));
            case HAS_TOKEN:
                String wanted = value.toLowerCase(Locale.ROOT);
                return values.stream()
                        .flatMap(v -> Arrays.stream(v.split(",")))
                        .anyMatch(t -> t.trim().toLowerCase(Locale.ROOT).equals(wanted));
            default:
                throw new IllegalStateException(match.name());
        }
    }

    @Override
    public String toString() {
        switch (match) {
            case HAS_TOKEN:
                return name + " ∋ " + value;
            case IGNORE_CASE:
                return name + ": " + value + " (any case)";
            default:
                return name + ": " + value;
        }
    }
}
