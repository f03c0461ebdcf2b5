package dev.wsguard.testkit.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * What a page's developer console shows, as DevTools reports it (the Log and Runtime domains, enabled by
 * {@link DevToolsPage#open}): the browser's own messages ({@code Log.entryAdded}, where Chromium prints "WebSocket
 * connection to '...' failed: ... Unexpected response code: N"), the page's {@code console.*} calls, and uncaught
 * exceptions. Hand it every event ({@link DevToolsConnection#onEvent}).
 */
public final class BrowserConsole {

    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final List<String> exceptions = new CopyOnWriteArrayList<>();

    public void accept(JsonObject event) {
        String method = event.get("method").getAsString();
        JsonObject params = event.has("params") ? event.getAsJsonObject("params") : new JsonObject();
        if ("Log.entryAdded".equals(method)) {
            messages.add(text(params.getAsJsonObject("entry"), "text"));
        } else if ("Runtime.consoleAPICalled".equals(method)) {
            StringBuilder text = new StringBuilder();
            for (JsonElement arg : params.getAsJsonArray("args")) {
                JsonObject a = arg.getAsJsonObject();
                text.append(text.length() == 0 ? "" : " ").append(a.has("value") ? a.get("value").toString() : text(a, "description"));
            }
            messages.add(text.toString());
        } else if ("Runtime.exceptionThrown".equals(method)) {
            JsonObject details = params.getAsJsonObject("exceptionDetails");
            String description = details.has("exception") ? text(details.getAsJsonObject("exception"), "description") : "";
            exceptions.add(text(details, "text") + " " + description);
        }
    }

    /** Every message so far, oldest first: a mark for {@link #failureFor} is its size. */
    public List<String> messages() {
        return List.copyOf(messages);
    }

    /** Uncaught exceptions of the page's scripts. */
    public List<String> exceptions() {
        return List.copyOf(exceptions);
    }

    /** The browser's message about a failed WebSocket connection to exactly {@code url}, among messages from {@code from} on. */
    public Optional<String> failureFor(String url, int from) {
        String needle = "WebSocket connection to '" + url + "' failed";
        List<String> all = messages();
        for (String m : all.subList(Math.min(from, all.size()), all.size())) {
            if (m.contains(needle)) {
                return Optional.of(m);
            }
        }
        return Optional.empty();
    }

    private static String text(JsonObject object, String name) {
        return object != null && object.has(name) && !object.get(name).isJsonNull() ? object.get(name).getAsString() : "";
    }
}
