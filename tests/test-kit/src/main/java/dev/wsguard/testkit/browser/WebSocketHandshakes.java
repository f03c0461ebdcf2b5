package dev.wsguard.testkit.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The browser's own record of each WebSocket handshake, from the DevTools protocol's Network domain
 * (enabled on the page's session). What Chromium 156 emits, observed on the demo page:
 * <ul>
 *   <li>every attempt: {@code Network.webSocketCreated} (the URL), then
 *       {@code Network.webSocketWillSendHandshakeRequest} (the request headers);</li>
 *   <li>a handshake answered 101: {@code Network.webSocketHandshakeResponseReceived} with
 *       {@code response.status} 101, then frames;</li>
 *   <li>one answered 200, 302, 400 or 404: no {@code webSocketHandshakeResponseReceived} at all, but
 *       {@code Network.webSocketFrameError} whose {@code errorMessage} is
 *       "Error during WebSocket handshake: Unexpected response code: N";</li>
 *   <li>both end with {@code Network.webSocketClosed}.</li>
 * </ul>
 */
public final class WebSocketHandshakes {

    private static final Pattern UNEXPECTED_STATUS = Pattern.compile("Unexpected response code: (\\d{3})");

    /** One handshake as the browser saw it; fields fill in as its events arrive. */
    public static final class Handshake {
        private final String url;
        private volatile Map<String, String> requestHeaders = Map.of();
        private volatile Integer responseStatus;
        private volatile String errorMessage;
        private volatile boolean closed;

        private Handshake(String url) {
            this.url = url;
        }

        public String url() {
            return url;
        }

        /** The headers Chromium sent, by case-insensitive name. */
        public Map<String, String> requestHeaders() {
            return requestHeaders;
        }

        /** {@code response.status} of {@code webSocketHandshakeResponseReceived}; null when there was none. */
        public Integer responseStatus() {
            return responseStatus;
        }

        /** {@code errorMessage} of {@code webSocketFrameError}; null when there was none. */
        public String errorMessage() {
            return errorMessage;
        }

        /** N of "Unexpected response code: N" in the error message, if it says so. */
        public OptionalInt failedStatus() {
            Matcher m = errorMessage == null ? null : UNEXPECTED_STATUS.matcher(errorMessage);
            return m != null && m.find() ? OptionalInt.of(Integer.parseInt(m.group(1))) : OptionalInt.empty();
        }

        public boolean closed() {
            return closed;
        }

        @Override
        public String toString() {
            return url + " (status " + responseStatus + ", error " + errorMessage + (closed ? ", closed)" : ")");
        }
    }

    private final Map<String, Handshake> byRequestId = new ConcurrentHashMap<>();
    private final List<Handshake> inOrder = new CopyOnWriteArrayList<>();

    /** Hand every DevTools event here ({@link DevToolsConnection#onEvent}); others than Network.webSocket* are ignored. */
    public void accept(JsonObject event) {
        String method = event.get("method").getAsString();
        if (!method.startsWith("Network.webSocket") || !event.has("params")) {
            return;
        }
        JsonObject params = event.getAsJsonObject("params");
        String requestId = params.get("requestId").getAsString();
        if ("Network.webSocketCreated".equals(method)) {
            Handshake created = new Handshake(params.get("url").getAsString());
            byRequestId.put(requestId, created);
            inOrder.add(created);
            return;
        }
        Handshake h = byRequestId.get(requestId);
        if (h == null) {
            return;
        }
        switch (method) {
            case "Network.webSocketWillSendHandshakeRequest" -> h.requestHeaders = headers(params.getAsJsonObject("request"));
            case "Network.webSocketHandshakeResponseReceived" ->
                    h.responseStatus = params.getAsJsonObject("response").get("status").getAsInt();
            case "Network.webSocketFrameError" -> h.errorMessage = params.get("errorMessage").getAsString();
            case "Network.webSocketClosed" -> h.closed = true;
            default -> {
                // Frames sent and received: the page's own view of them is checked elsewhere.
            }
        }
    }

    /** How many handshakes were created so far: a mark to look only at later ones. */
    public int count() {
        return inOrder.size();
    }

    /** The handshakes to exactly {@code url} created at or after {@code from}, in order. */
    public List<Handshake> to(String url, int from) {
        List<Handshake> found = new ArrayList<>();
        for (Handshake h : inOrder.subList(from, inOrder.size())) {
            if (h.url.equals(url)) {
                found.add(h);
            }
        }
        return found;
    }

    private static Map<String, String> headers(JsonObject request) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (request != null && request.has("headers")) {
            for (Map.Entry<String, JsonElement> e : request.getAsJsonObject("headers").entrySet()) {
                headers.put(e.getKey(), e.getValue().getAsString());
            }
        }
        return Collections.unmodifiableMap(headers);
    }
}
