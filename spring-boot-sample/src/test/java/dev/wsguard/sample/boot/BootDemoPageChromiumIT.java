package dev.wsguard.sample.boot;

import static dev.wsguard.testkit.browser.DevToolsPage.DEVTOOLS_TIMEOUT;
import static dev.wsguard.testkit.browser.DevToolsPage.MAX_SCREENSHOT_HEIGHT;
import static dev.wsguard.testkit.browser.DevToolsPage.PAGE_READY_TIMEOUT;
import static dev.wsguard.testkit.browser.DevToolsPage.VIEWPORT_HEIGHT;
import static dev.wsguard.testkit.browser.DevToolsPage.VIEWPORT_WIDTH;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.wsguard.testkit.browser.BrowserConsole;
import dev.wsguard.testkit.browser.DevToolsConnection;
import dev.wsguard.testkit.browser.DevToolsPage;
import dev.wsguard.testkit.browser.HeadlessChromium;
import dev.wsguard.testkit.browser.WebSocketHandshakes;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Starts the Spring Boot demo on a free port, drives its page in real headless Chromium over the DevTools protocol
 * (the test kit's driver), presses "Run all" and checks every card from four sides: what the page's JavaScript saw
 * (open and the reply, or a failed handshake), what Chromium printed in its console ("Unexpected response code: N",
 * which the page never learns), the browser's own record of each handshake in the Network domain, and the wsguard
 * line the page shows. Then it signs in as the demo user and runs the card behind the login again, which now gets
 * 101: the fix that WSG07 names. Saves a full-page screenshot to {@code target/spring-boot-demo.png} (copied to
 * {@value #SCREENSHOT_COPY_PROPERTY} when set).
 *
 * <p>A raw client at the SockJS endpoint ({@code /ws}) gets Spring's 400 and a WSG08 that names the SockJS endpoint's
 * WebSocket path, and a STOMP destination used as a URL ({@code /app/chat}: Spring's 404) a WSG02 that says it is
 * one, with the STOMP endpoint to connect to.
 *
 * <p>Needs Chromium ({@code /usr/bin/chromium}, or {@code $WSGUARD_CHROMIUM}): without it the test is skipped with a
 * warning saying what to install, and fails instead under {@code WSGUARD_REQUIRE_ALL=1}.
 */
@Tag(BootDemoPageChromiumIT.DEMO_IT_TAG)
class BootDemoPageChromiumIT {

    /** Keeps the ITs out of surefire, even under -Dtest=PATTERN (see the pom). */
    static final String DEMO_IT_TAG = "demo-it";
    static final String SCREENSHOT_COPY_PROPERTY = "wsguard.demo.screenshot.copy";

    /** The page bounds each connection at 8 s and each line search at ~4 s; a run takes a few seconds. */
    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);
    private static final Pattern CONSOLE_STATUS = Pattern.compile("Unexpected response code: (\\d{3})");
    /** What the page sends on each socket that opens, and what the STOMP chat publishes. */
    private static final String PAGE_MESSAGE = "hello, wsguard";
    private static final String PROGRESS = "document.getElementById('progress').textContent";
    private static final String TABLE_ROW = "%-18s %-14s %-34s %-10s %-8s %-6s %s";

    /**
     * One card's expected outcome: {@code status} 101 for the connections that work (with the reply they get), else
     * the status Chromium reports and the code wsguard logs, with a text the line must contain.
     */
    private record Expectation(String id, String path, int status, String reply, String code, String lineSays) {

        static Expectation works(String id, String path, String replyPattern) {
            return new Expectation(id, path, 101, replyPattern, null, null);
        }

        static Expectation fails(String id, String path, int status, String code, String lineSays) {
            return new Expectation(id, path, status, null, code, lineSays);
        }

        boolean opens() {
            return status == 101;
        }
    }

    private static final List<Expectation> EXPECTED = List.of(
            Expectation.works("echo", "/echo", Pattern.quote(PAGE_MESSAGE)),
            // The single-page app's fallback answers the typo with its shell; the hint comes from the endpoints the
            // starter learned from Spring.
            Expectation.fails("typo", "/ecco", 200, "WSG01",
                    "(body: an HTML page titled 'Single-page app' that looks like a single-page-app shell). No WebSocket"
                            + " endpoint matches /ecco. Closest endpoint: /echo, ws://127.0.0.1:"),
            // Spring's SockJS service answers an upgrade at its root with 400; wsguard knows /ws as a SockJS endpoint
            // and names its raw WebSocket URL.
            Expectation.fails("sockjs-raw", "/ws", 400, "WSG08",
                    "An endpoint is declared at /ws (SockJS endpoint) and it answers plain HTTP too: it answered this"
                            + " handshake itself without upgrading it, as it does for a client that does not speak its"
                            + " protocol. Fix: connect a plain WebSocket client to /ws/websocket, or use a SockJS client"
                            + " (sockjs-client in a browser, Spring's SockJsClient in Java) at /ws."),
            Expectation.works("sockjs-websocket", "/ws/websocket", "CONNECTED\n(?s).*"),
            Expectation.works("stomp-chat", "/ws", Pattern.quote("[chat] " + PAGE_MESSAGE)),
            // Spring's 404 for a path nothing serves: the starter knows /app as the STOMP application prefix.
            Expectation.fails("stomp-destination", "/app/chat", 404, "WSG02", "No WebSocket endpoint matches /app/chat:"
                    + " it is a STOMP destination (the application destination prefix /app), which a STOMP client names"
                    + " in its frames over a connection to a STOMP endpoint, not a URL to connect to. Fix: connect the"
                    + " STOMP client to /ws (with a SockJS client), and SEND to /app/chat there."),
            Expectation.fails("secure", "/secure/ws", 302, "WSG07", "was answered 302 (Location: http://127.0.0.1:%d/login)"));

    /** Every card's data attributes, which the page sets when a card has run. */
    private static final String READ_CARDS = "JSON.stringify(Array.from(document.querySelectorAll('article.scenario'))"
            + ".map(function (c) { var d = c.dataset; return { id: d.scenario, state: d.state || '', runs: d.runs || '',"
            + " opened: d.opened || '', replied: d.replied || '', closeCode: d.closeCode || '', status: d.status || '',"
            + " code: d.code || '', console: d.console || '', line: d.line || '', reply: d.reply || '',"
            + " transport: d.transport || '', sockUrl: d.sockUrl || '', error: d.error || '' }; }))";

    @Test
    void everyCardShowsWhatTheBrowserSawAndWhatWsguardLogged() throws Exception {
        Path chromium = HeadlessChromium.require(getClass().getSimpleName());
        Path workDir = Path.of("target", "chromium-it").toAbsolutePath();
        BrowserConsole console = new BrowserConsole();
        WebSocketHandshakes handshakes = new WebSocketHandshakes();
        List<String> failures = new ArrayList<>();
        List<String> table = new ArrayList<>();
        table.add(String.format(TABLE_ROW, "card", "path", "page's JavaScript saw", "network", "console", "code", "verdict"));
        String feedAtEnd = "";

        try (ConfigurableApplicationContext app = BootDemo.start(0);
             HeadlessChromium browser = HeadlessChromium.launch(chromium, workDir);
             DevToolsConnection devtools = DevToolsConnection.open(browser.browserWebSocket(), DEVTOOLS_TIMEOUT)) {
            int port = BootDemo.port(app);
            String base = "http://127.0.0.1:" + port;
            devtools.onEvent(console::accept);
            devtools.onEvent(handshakes::accept);
            DevToolsPage page = DevToolsPage.open(devtools, VIEWPORT_WIDTH, VIEWPORT_HEIGHT);

            page.navigate(base + "/", cardsReady(), PAGE_READY_TIMEOUT);
            expect(failures, "log".equals(awaitMode(page)), "the page to show mode log");
            page.evaluate("document.getElementById('run-all').click(), true");
            page.awaitTrue("document.body.getAttribute('data-runs') === '1'", RUN_TIMEOUT, "\"Run all\" to finish", PROGRESS);
            JsonArray cards = JsonParser.parseString(page.evaluate(READ_CARDS).getAsString()).getAsJsonArray();
            for (Expectation expected : EXPECTED) {
                check(port, expected, card(cards, expected.id()), console, handshakes, failures, table);
            }
            saveScreenshot(page, Path.of("target", "spring-boot-demo.png"));

            // The demo page's own console ends here: Spring Security's generated login page, next, has messages of
            // its own (a DOM hint about autocomplete, a 404 for /favicon.ico).
            List<String> demoPageConsole = console.messages();

            // The fix WSG07 names: with a session, the same handshake passes Spring Security and gets 101.
            int handshakesBefore = handshakes.count();
            signIn(page, base);
            page.evaluate("document.querySelector('article[data-scenario=secure] button.run').click(), true");
            page.awaitTrue("document.querySelector('article[data-scenario=secure]').dataset.runs === '1'", RUN_TIMEOUT,
                    "the card behind the login to run again after signing in", PROGRESS);
            JsonObject secure = card(JsonParser.parseString(page.evaluate(READ_CARDS).getAsString()).getAsJsonArray(), "secure");
            List<WebSocketHandshakes.Handshake> signedIn = handshakes.to("ws://127.0.0.1:" + port + "/secure/ws", handshakesBefore);
            boolean passed = "true".equals(string(secure, "opened"))
                    && ("hello " + SecurityConfig.DEMO_USER + ": " + PAGE_MESSAGE).equals(string(secure, "reply"))
                    && string(secure, "code").isEmpty()
                    && signedIn.size() == 1 && Integer.valueOf(101).equals(signedIn.get(0).responseStatus());
            expect(failures, passed, "signed in, /secure/ws to open and greet the user with no wsguard line, the card shows "
                    + secure + ", the browser recorded " + signedIn);
            table.add(String.format(TABLE_ROW, "secure, signed in", "/secure/ws",
                    ("true".equals(string(secure, "opened")) ? "open" : "error") + ", " + string(secure, "reply"),
                    signedIn.isEmpty() ? "-" : String.valueOf(signedIn.get(0).responseStatus()), "-",
                    string(secure, "code").isEmpty() ? "-" : string(secure, "code"), passed ? "ok" : "FAILED"));

            if (!console.exceptions().isEmpty()) {
                failures.add("the page threw: " + console.exceptions());
            }
            // Anything else in the console is a request the page should not make (a favicon, something remote).
            List<String> unexpected = demoPageConsole.stream()
                    .filter(m -> !(m.startsWith("WebSocket connection to '") && CONSOLE_STATUS.matcher(m).find())).toList();
            expect(failures, unexpected.isEmpty(), "the browser console to hold only the failed handshakes, it also has " + unexpected);

            feedAtEnd = fetch(base + "/api/diagnoses?after=0");
            checkFeed(feedAtEnd, failures);
        } finally {
            System.out.println(String.join(System.lineSeparator(), table));
            System.out.println("browser console (" + console.messages().size() + " messages):");
            console.messages().forEach(m -> System.out.println("  " + m));
            System.out.println("wsguard's lines, as /api/diagnoses served them: " + feedAtEnd);
            System.out.flush();
        }
        assertTrue(failures.isEmpty(), () -> failures.size() + " check(s) failed:\n  " + String.join("\n  ", failures)
                + "\n" + String.join("\n", table) + "\nbrowser console: " + console.messages());
    }

    private static String cardsReady() {
        return "document.querySelectorAll('article.scenario').length === " + EXPECTED.size();
    }

    /** The mode the page shows once its first poll of /api/diagnoses is in. */
    private static String awaitMode(DevToolsPage page) throws Exception {
        page.awaitTrue("document.getElementById('feed-count').textContent !== '0'", PAGE_READY_TIMEOUT,
                "the page's first poll (wsguard's WSG00 line at least)", null);
        return page.evaluate("document.body.getAttribute('data-mode')").getAsString();
    }

    private static void check(int port, Expectation expected, JsonObject card, BrowserConsole console,
            WebSocketHandshakes handshakes, List<String> failures, List<String> table) {
        String where = expected.id();
        if (card == null) {
            failures.add(where + ": no card on the page");
            table.add(String.format(TABLE_ROW, where, expected.path(), "MISSING", "-", "-", "-", "FAILED"));
            return;
        }
        List<String> problems = new ArrayList<>();
        String wsBase = "ws://127.0.0.1:" + port;
        String url = wsBase + expected.path();
        String pageCode = string(card, "code");
        String saw;
        String network = "-";
        String consoleStatus = "-";
        boolean opened = "true".equals(string(card, "opened"));

        // The browser's own record of the handshake: the card's URL, or for SockJS the session URL it opened.
        WebSocketHandshakes.Handshake handshake = null;
        if ("stomp-chat".equals(expected.id())) {
            String sockUrl = string(card, "sockUrl");
            expect(problems, sockUrl.matches(Pattern.quote(wsBase) + "/ws/\\d+/\\w+/websocket"),
                    "SockJS to open ws://127.0.0.1:" + port + "/ws/{server}/{session}/websocket, it opened '" + sockUrl + "'");
            expect(problems, "websocket".equals(string(card, "transport")),
                    "SockJS's transport 'websocket', it used '" + string(card, "transport") + "'");
            url = sockUrl;
        }
        List<WebSocketHandshakes.Handshake> made = handshakes.to(url, 0);
        expect(problems, made.size() == 1, "the browser's Network domain to record one handshake to " + url + ", it has " + made);
        if (!made.isEmpty()) {
            handshake = made.get(0);
            network = handshake.responseStatus() != null ? Integer.toString(handshake.responseStatus())
                    : "err " + (handshake.failedStatus().isPresent() ? handshake.failedStatus().getAsInt() : "?");
            expect(problems, "websocket".equalsIgnoreCase(handshake.requestHeaders().getOrDefault("Upgrade", ""))
                    && "13".equals(handshake.requestHeaders().get("Sec-WebSocket-Version")),
                    "the browser to send Upgrade: websocket and Sec-WebSocket-Version: 13, it sent " + handshake.requestHeaders());
        }

        if (expected.opens()) {
            String reply = string(card, "reply");
            saw = (opened ? "open" : "no open") + ", " + firstLine(reply);
            expect(problems, opened && "true".equals(string(card, "replied")), "open and a reply, the page saw: " + card);
            expect(problems, reply.matches(expected.reply()), "the reply /" + expected.reply() + "/, got '" + reply + "'");
            expect(problems, "101".equals(string(card, "status")), "101, the page shows '" + string(card, "status") + "'");
            expect(problems, pageCode.isEmpty(), "no wsguard line, the page shows " + pageCode + ": " + string(card, "line"));
            if (handshake != null) {
                expect(problems, Integer.valueOf(101).equals(handshake.responseStatus()) && handshake.errorMessage() == null,
                        "Network.webSocketHandshakeResponseReceived with status 101, the browser recorded " + handshake);
            }
            Optional<String> failure = console.failureFor(url, 0);
            expect(problems, failure.isEmpty(), "no console error, Chromium printed: " + failure.orElse(""));
        } else {
            saw = (opened ? "OPEN" : "error") + ", close " + string(card, "closeCode");
            expect(problems, !opened && "1006".equals(string(card, "closeCode")), "error then close 1006, the page saw: " + saw);
            if (handshake != null) {
                // Chromium reports no handshake response for a refused upgrade, only webSocketFrameError with the status.
                expect(problems, handshake.responseStatus() == null && handshake.failedStatus().equals(OptionalInt.of(expected.status())),
                        "Network.webSocketFrameError 'Unexpected response code: " + expected.status() + "', the browser recorded "
                                + handshake);
            }
            Optional<String> failure = console.failureFor(url, 0);
            if (failure.isPresent()) {
                Matcher m = CONSOLE_STATUS.matcher(failure.get());
                consoleStatus = m.find() ? m.group(1) : "?";
                expect(problems, Integer.toString(expected.status()).equals(consoleStatus),
                        "console 'Unexpected response code: " + expected.status() + "', Chromium printed: " + failure.get());
                // The page rebuilds Chromium's message with the status from wsguard's line: all of it must match.
                expect(problems, failure.get().equals(string(card, "console")), "the page's console message to be Chromium's '"
                        + failure.get() + "', the page shows '" + string(card, "console") + "'");
            } else {
                consoleStatus = "none";
                problems.add("expected Chromium's console message for " + url + ", it printed none");
            }
            expect(problems, consoleStatus.equals(string(card, "status")), "the page's status (from wsguard's line) to equal the"
                    + " console's " + consoleStatus + ", the page shows '" + string(card, "status") + "'");
            expect(problems, expected.code().equals(pageCode), "code " + expected.code() + ", the page shows '" + pageCode + "'");
            String line = string(card, "line");
            String says = String.format(expected.lineSays(), port);
            expect(problems, line.contains("WebSocket upgrade GET " + expected.path() + " from 127.0.0.1") && line.contains(says),
                    "the line to name GET " + expected.path() + " and say '" + says + "', got: " + line);
        }
        for (String problem : problems) {
            failures.add(where + ": expected " + problem);
        }
        table.add(String.format(TABLE_ROW, where, expected.path(), saw, network, consoleStatus,
                pageCode.isEmpty() ? "-" : pageCode, problems.isEmpty() ? "ok" : "FAILED"));
    }

    /**
     * What /api/diagnoses kept: the startup line with the five endpoints the starter learned from Spring, and no line
     * about a handshake that worked (the echo, SockJS's info and WebSocket, the signed-in /secure/ws).
     */
    private static final String SPRING_ENDPOINTS = "endpoints known: 5 (/echo, /secure/ws from Spring WebSocketHandler;"
            + " /ws, /ws/websocket, /ws/{server}/{session}/websocket from SockJS endpoint)";

    private static void checkFeed(String json, List<String> failures) {
        JsonObject feed = JsonParser.parseString(json).getAsJsonObject();
        expect(failures, "log".equals(feed.get("mode").getAsString()), "/api/diagnoses to say mode log: " + json);
        List<String> lines = new ArrayList<>();
        for (JsonElement r : feed.getAsJsonArray("records")) {
            lines.add(r.getAsJsonObject().get("line").getAsString());
        }
        expect(failures, lines.stream().anyMatch(l -> l.startsWith("WSG00 ") && l.contains(SPRING_ENDPOINTS)),
                "the WSG00 line with the five endpoints learned from Spring among " + lines);
        for (String request : List.of("GET /echo ", "GET /ws/websocket ", "GET /ws/info", "GET /ws/", "GET /api/")) {
            expect(failures, lines.stream().noneMatch(l -> l.contains(request)), "no line about '" + request + "', got " + lines);
        }
        expect(failures, lines.stream().filter(l -> l.contains("GET /secure/ws ")).count() == 1,
                "exactly one line about /secure/ws (the WSG07 before signing in), got " + lines);
    }

    /** Spring Security's generated login page: fill in the demo user and submit; it leads back to the demo page. */
    private static void signIn(DevToolsPage page, String base) throws Exception {
        page.navigate(base + "/login", "!!document.querySelector('input[name=username]')", PAGE_READY_TIMEOUT);
        page.evaluate("document.querySelector('input[name=username]').value = " + DevToolsPage.jsString(SecurityConfig.DEMO_USER)
                + "; document.querySelector('input[name=password]').value = " + DevToolsPage.jsString(SecurityConfig.DEMO_PASSWORD)
                + "; document.querySelector('input[name=username]').form.submit(); true");
        page.awaitTrue("location.href === " + DevToolsPage.jsString(base + "/") + " && document.readyState === 'complete' && "
                + cardsReady(), PAGE_READY_TIMEOUT, "the login to lead back to the demo page", "location.href");
    }

    private static String fetch(String url) throws Exception {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException(url + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static void saveScreenshot(DevToolsPage page, Path file) throws Exception {
        DevToolsPage.Screenshot shot = page.screenshot(MAX_SCREENSHOT_HEIGHT);
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.write(file, shot.png());
        System.out.println("screenshot: " + file.toAbsolutePath() + " (" + shot.png().length + " bytes, " + shot.width() + "x"
                + shot.height() + ")");
        String copy = System.getProperty(SCREENSHOT_COPY_PROPERTY, "");
        if (!copy.isBlank()) {
            Path target = Path.of(copy).toAbsolutePath().normalize();
            Files.createDirectories(target.getParent());
            Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
            System.out.println("screenshot copied to " + target);
        }
    }

    private static String firstLine(String text) {
        int end = text.indexOf('\n');
        return end < 0 ? text : text.substring(0, end);
    }

    private static void expect(List<String> problems, boolean condition, String problem) {
        if (!condition) {
            problems.add(problem);
        }
    }

    private static String string(JsonObject card, String name) {
        return card != null && card.has(name) && !card.get(name).isJsonNull() ? card.get(name).getAsString() : "";
    }

    private static JsonObject card(JsonArray cards, String id) {
        for (JsonElement c : cards) {
            if (id.equals(string(c.getAsJsonObject(), "id"))) {
                return c.getAsJsonObject();
            }
        }
        return null;
    }
}
