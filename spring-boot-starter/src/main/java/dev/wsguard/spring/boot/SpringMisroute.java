package dev.wsguard.spring.boot;

import java.util.Map;

/**
 * Why a handshake inside a Spring application missed its WebSocket endpoint, where the starter can tell more than
 * the filter ({@code WSG01}, {@code WSG02}, {@code WSG08}), each with its text in {@link SpringTexts}' file.
 */
enum SpringMisroute {

    /**
     * Another handler of the application (a controller, a router function) is mapped to a WebSocket endpoint's own
     * path and asked first: the fix, after the filter's "Fix: " ({@link SpringAnswerer#shadowFix}).
     */
    SHADOWED,
    /**
     * The path is a STOMP destination, not a URL: what it is and the fix, after "No WebSocket endpoint matches
     * /app/chat: " ({@link StompDestinations}).
     */
    STOMP_DESTINATION;

    /** The text with each {@code {name}} replaced by its value. */
    String text(Map<String, String> values) {
        return SpringTexts.fill(SpringTexts.get("SpringMisroute." + name()), values);
    }

    /** A phrase the texts are filled with ({@code SpringMisroute.part.<name>}); the key where it is missing. */
    static String part(String name) {
        return SpringTexts.get("SpringMisroute.part." + name);
    }
}
