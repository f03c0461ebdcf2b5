package dev.wsguard.spring.boot;

import java.util.Map;

/**
 * The refusals inside a Spring application whose cause and fix the starter can tell (wsguard's {@code WSG07}), each
 * with its text in {@link SpringTexts}' file: what replaces the filter's general explanation after "instead of
 * 101: ". {@link SpringAnswerer#refusal} decides which applies.
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

    /** The text with each {@code {name}} replaced by its value (request data as it is: the filter escapes it). */
    String text(Map<String, String> values) {
        return SpringTexts.fill(SpringTexts.get("SpringRefusal." + name()), values);
    }

    /** Request data cut to a length for a text; the filter escapes the whole text and bounds it again. */
    static String cut(String value, int max) {
        return value.length() <= max ? value : value.substring(0, max) + "...";
    }

    /** A phrase several refusals are filled with ({@code SpringRefusal.part.<name>}); the key where it is missing. */
    static String part(String name) {
        return SpringTexts.get("SpringRefusal.part." + name);
    }
}
