package dev.wsguard.testkit.browser;

import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import java.time.Duration;
import java.util.Base64;

/**
 * One page (a browser tab) of a {@link HeadlessChromium}, driven over a {@link DevToolsConnection}: a fresh target
 * attached in flat mode with the Page, Log, Runtime and Network domains enabled (so the connection's listeners get
 * the console messages, exceptions and WebSocket handshakes of this page), a fixed viewport, and the few things a
 * test does with a page: load a URL and wait until it is ready, evaluate JavaScript, wait for a condition, and take
 * a full-page screenshot. Every wait is bounded.
 */
public final class DevToolsPage {

    /** How long the browser's DevTools endpoint may take to accept the connection. */
    public static final Duration DEVTOOLS_TIMEOUT = Duration.ofSeconds(15);
    /** How long a demo page may take to load and draw its cards. */
    public static final Duration PAGE_READY_TIMEOUT = Duration.ofSeconds(20);
    /** The demo pages' viewport, in CSS pixels, and the longest full-page screenshot taken of them. */
    public static final int VIEWPORT_WIDTH = 1280;
    public static final int VIEWPORT_HEIGHT = 900;
    public static final int MAX_SCREENSHOT_HEIGHT = 8000;

    private static final long POLL_MILLIS = 100;

    private final DevToolsConnection devtools;
    private final String session;
    private final int width;
    private final int height;

    private DevToolsPage(DevToolsConnection devtools, String session, int width, int height) {
        this.devtools = devtools;
        this.session = session;
        this.width = width;
        this.height = height;
    }

    /** A new blank page of {@code width} x {@code height} CSS pixels. */
    public static DevToolsPage open(DevToolsConnection devtools, int width, int height) throws Exception {
        JsonObject create = new JsonObject();
        create.addProperty("url", "about:blank");
        String targetId = devtools.send("Target.createTarget", create).get("targetId").getAsString();
        JsonObject attach = new JsonObject();
        attach.addProperty("targetId", targetId);
        attach.addProperty("flatten", true);
        String session = devtools.send("Target.attachToTarget", attach).get("sessionId").getAsString();
        devtools.send(session, "Page.enable", null);
        devtools.send(session, "Log.enable", null);
        devtools.send(session, "Runtime.enable", null);
        devtools.send(session, "Network.enable", null);
        DevToolsPage page = new DevToolsPage(devtools, session, width, height);
        page.setViewport(height);
        return page;
    }

    /** The flattened session id that this page's commands carry. */
    public String session() {
        return session;
    }

    /** Sends a command to this page's target. */
    public JsonObject send(String method, JsonObject params) throws Exception {
        return devtools.send(session, method, params);
    }

    /**
     * Loads {@code url} and waits until the document is complete at that address and {@code readyCondition} (a
     * JavaScript expression; null for none) holds.
     */
    public void navigate(String url, String readyCondition, Duration timeout) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("url", url);
        JsonObject result = send("Page.navigate", params);
        if (result.has("errorText")) {
            throw new IllegalStateException("Chromium could not load " + url + ": " + result.get("errorText").getAsString());
        }
        String condition = "document.readyState === 'complete' && location.href === " + jsString(url)
                + (readyCondition == null ? "" : " && (" + readyCondition + ")");
        awaitTrue(condition, timeout, "the page at " + url + " to be ready" + (readyCondition == null ? "" : " (" + readyCondition + ")"),
                null);
    }

    /** Evaluates an expression in the page and returns its value (JSON-compatible values only). */
    public JsonElement evaluate(String expression) throws Exception {
        return evaluate(expression, false);
    }

    /** Evaluates an expression whose value is a promise, and returns what the promise resolves to. */
    public JsonElement evaluateAwaiting(String expression) throws Exception {
        return evaluate(expression, true);
    }

    private JsonElement evaluate(String expression, boolean awaitPromise) throws Exception {
        JsonObject params = new JsonObject();
        params.addProperty("expression", expression);
        params.addProperty("returnByValue", true);
        if (awaitPromise) {
            params.addProperty("awaitPromise", true);
        }
        JsonObject result = send("Runtime.evaluate", params);
        if (result.has("exceptionDetails")) {
            throw new IllegalStateException("page threw evaluating " + expression + ": " + result.get("exceptionDetails"));
        }
        JsonObject value = result.getAsJsonObject("result");
        return value.has("value") ? value.get("value") : JsonNull.INSTANCE;
    }

    /**
     * Waits until {@code condition} is truthy in the page, polling; on timeout fails with {@code what} and the value
     * of {@code stateExpression} (null: none), which says where the page got stuck.
     */
    public void awaitTrue(String condition, Duration timeout, String what, String stateExpression) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            JsonElement value = evaluate("!!(" + condition + ")");
            if (value.isJsonPrimitive() && value.getAsBoolean()) {
                return;
            }
            if (System.nanoTime() - deadline >= 0) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what
                        + (stateExpression == null ? "" : "; page state: " + evaluate(stateExpression)));
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    /**
     * A PNG of the whole page, not just the viewport: the viewport is stretched to the content's height (at most
     * {@code maxHeight}) for the capture and set back afterwards.
     */
    public Screenshot screenshot(int maxHeight) throws Exception {
        JsonObject layout = send("Page.getLayoutMetrics", null);
        JsonObject content = layout.getAsJsonObject(layout.has("cssContentSize") ? "cssContentSize" : "contentSize");
        int fullHeight = (int) Math.min(maxHeight, Math.ceil(content.get("height").getAsDouble()));
        setViewport(fullHeight);
        try {
            // Two animation frames, so the page lays out at the new size before the capture.
            evaluateAwaiting("new Promise(function (r) { requestAnimationFrame(function () { requestAnimationFrame(function () { r(true); }); }); })");
            JsonObject capture = new JsonObject();
            capture.addProperty("format", "png");
            capture.addProperty("captureBeyondViewport", true);
            byte[] png = Base64.getDecoder().decode(send("Page.captureScreenshot", capture).get("data").getAsString());
            return new Screenshot(png, width, fullHeight);
        } finally {
            setViewport(height);
        }
    }

    /** A captured PNG and its size in CSS pixels. */
    public record Screenshot(byte[] png, int width, int height) {
    }

    private void setViewport(int viewportHeight) throws Exception {
        JsonObject metrics = new JsonObject();
        metrics.addProperty("width", width);
        metrics.addProperty("height", viewportHeight);
        metrics.addProperty("deviceScaleFactor", 1);
        metrics.addProperty("mobile", false);
        send("Emulation.setDeviceMetricsOverride", metrics);
    }

    /** A JavaScript string literal of {@code value}. */
    public static String jsString(String value) {
        return new JsonPrimitive(value).toString();
    }
}
