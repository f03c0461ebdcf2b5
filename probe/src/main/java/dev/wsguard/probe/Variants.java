package dev.wsguard.probe;

import dev.wsguard.diagnosis.BodySample;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The few other URLs worth a handshake when a URL is misrouted, likeliest first: the raw WebSocket of a SockJS or
 * Socket.IO server the body gave away, the path with or without its trailing slash, the parent path. The filter's
 * BodySample names pages, login forms and shells; a SockJS greeting and Socket.IO's errors are the probe's own
 * signals (the filter learns those endpoints from the framework, never from a body).
 */
final class Variants {

    enum Kind { HINT, SOCKJS, SOCKET_IO, SLASH, PARENT }

    record Variant(Kind kind, Target target) {
    }

    static final String SOCKJS_GREETING = "Welcome to SockJS!";
    static final String SOCKET_IO_PATH = "/socket.io/";
    static final String SOCKET_IO_QUERY = "EIO=4&transport=websocket";
    /** Socket.IO's (Engine.IO's) error messages for a request it cannot place. */
    private static final List<String> SOCKET_IO_ERRORS = List.of("\"transport unknown\"", "\"session id unknown\"",
            "\"bad handshake method\"", "\"unsupported protocol version\"");

    private Variants() {
    }

    static boolean isSockJsGreeting(BodySample body) {
        return body.text().trim().startsWith(SOCKJS_GREETING);
    }

    static boolean isSocketIo(Target target, BodySample body) {
        String text = body.text().toLowerCase(Locale.ROOT);
        if (target.path().toLowerCase(Locale.ROOT).contains("socket.io")) {
            return true;
        }
        if (text.contains("\"code\"")) {
            for (String error : SOCKET_IO_ERRORS) {
                if (text.contains(error)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** At most {@code max} variants, none equal to the target itself. */
    static List<Variant> plan(Target target, BodySample body, int status, int max) {
        List<Variant> plan = new ArrayList<>(4);
        String hint = closestEndpoint(body);
        if (hint != null) {
            int q = hint.indexOf('?');
            add(plan, target, Kind.HINT, q < 0 ? hint : hint.substring(0, q), q < 0 ? null : hint.substring(q + 1));
        }
        String path = target.path();
        String bare = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        boolean socketIo = isSocketIo(target, body);
        if (isSockJsGreeting(body) || status == 400 && !socketIo) {
            // A SockJS endpoint greets a plain GET at its base, and Spring's answers a plain handshake there with 400;
            // Engine.IO's 400 ("Transport unknown") is Socket.IO's, tried below instead.
            add(plan, target, Kind.SOCKJS, (bare.equals("/") ? "" : bare) + "/websocket", null);
        }
        if (socketIo) {
            String lower = path.toLowerCase(Locale.ROOT);
            int at = lower.indexOf("/socket.io");
            String base = at >= 0 ? path.substring(0, at) + SOCKET_IO_PATH : SOCKET_IO_PATH;
            add(plan, target, Kind.SOCKET_IO, base, SOCKET_IO_QUERY);
        }
        if (!path.equals("/")) {
            add(plan, target, Kind.SLASH, path.endsWith("/") ? bare : path + "/", target.query());
            int slash = bare.lastIndexOf('/');
            add(plan, target, Kind.PARENT, slash <= 0 ? "/" : bare.substring(0, slash), target.query());
        }
        return plan.size() > max ? plan.subList(0, Math.max(0, max)) : plan;
    }

    /**
     * The path after "Closest endpoint: " in the body: the application's own wsguard names it there in enforce mode
     * with {@code details=true}. Only a plain path, so a body cannot send the probe elsewhere.
     */
    static String closestEndpoint(BodySample body) {
        String text = body.text();
        int at = text.indexOf(CLOSEST);
        if (at < 0) {
            return null;
        }
        int start = at + CLOSEST.length();
        int end = start;
        while (end < text.length() && end - start < 200) {
            char c = text.charAt(end);
            if (c == ',' || c == ' ' || c == '\n' || c == '\r' || c == '(') {
                break;
            }
            end++;
        }
        String path = text.substring(start, end);
        if (!path.startsWith("/") || path.startsWith("//")) {
            return null;
        }
        for (int i = 0; i < path.length(); i++) {
            char c = path.charAt(i);
            if (c <= 0x20 || c >= 0x7f || c == '{' || c == '}' || c == '\\' || c == '#') {
                return null;
            }
        }
        return path;
    }

    private static final String CLOSEST = "Closest endpoint: ";

    private static void add(List<Variant> plan, Target target, Kind kind, String path, String query) {
        Target t = target.withPath(path, query);
        if (t.key().equals(target.key())) {
            return;
        }
        for (Variant v : plan) {
            if (v.target().key().equals(t.key())) {
                return;
            }
        }
        plan.add(new Variant(kind, t));
    }
}
