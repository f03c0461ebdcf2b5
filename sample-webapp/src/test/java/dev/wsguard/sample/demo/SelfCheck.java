package dev.wsguard.sample.demo;

import static dev.wsguard.sample.demo.DemoServer.ENFORCE_CONTEXT;
import static dev.wsguard.sample.demo.DemoServer.LOG_CONTEXT;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

/**
 * Checks a running demo from the outside, as a user would, and reports each check on one line:
 * the three contexts started cleanly, the pages, the three endpoints, each kind of misroute with the
 * status the client gets and the line wsguard logs (log and enforce mode, and ROOT), and the demo
 * page's two helpers (its view of the log, and the server-side handshakes). Every wait is bounded.
 */
public final class SelfCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** The single-page app's shell in the WAR, which its fallback servlet answers for every path under /app/. */
    private static final String SPA_SHELL = "/app/index.html";

    /** Outcome of a run: names of the checks that failed, each with the reason. */
    public static final class Result {
        private final List<String> failures;

        Result(List<String> failures) {
            this.failures = List.copyOf(failures);
        }

        public boolean passed() {
            return failures.isEmpty();
        }

        public List<String> failures() {
            return failures;
        }
    }

    private final DemoServer demo;
    private final GuardLogCapture log;
    private final PrintStream out;
    private final HttpClient client;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    private SelfCheck(DemoServer demo, GuardLogCapture log, PrintStream out) {
        this.demo = demo;
        this.log = log;
        this.out = out;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public static Result run(DemoServer demo, GuardLogCapture log, PrintStream out) throws InterruptedException {
        SelfCheck check = new SelfCheck(demo, log, out);
        check.runAll();
        return new Result(check.failures);
    }

    private void runAll() throws InterruptedException {
        check("wsguard started in ROOT, " + LOG_CONTEXT + " (mode=log) and " + ENFORCE_CONTEXT + " (mode=enforce)",
                this::startupSummaries);
        check("no startup problem reported (no WSG1x line)", this::noStartupProblem);
        check("GET / redirects to " + LOG_CONTEXT + "/", this::rootRedirects);
        check("GET " + LOG_CONTEXT + "/ serves the demo page in log mode", () -> pageServed(LOG_CONTEXT, "log"));
        check("GET " + ENFORCE_CONTEXT + "/ serves the demo page in enforce mode", () -> pageServed(ENFORCE_CONTEXT, "enforce"));
        check("WebSocket to /echo echoes", () -> replies("/echo", "hello", "hello"));
        check("WebSocket to /chat/lobby answers with the room", () -> replies("/chat/lobby", "hello", "[lobby] hello"));
        check("WebSocket to the programmatic /ticker answers", () -> replies("/ticker", "hello", "tick 1 at "));
        check("typo /ecco: 200 in log mode, WSG01", () -> misrouted(LOG_CONTEXT + "/ecco", 200, "WSG01", "Closest endpoint: " + LOG_CONTEXT + "/echo, ws://"));
        check("typo /ecco: 400 in enforce mode, WSG01", () -> misrouted(ENFORCE_CONTEXT + "/ecco", 400, "WSG01",
                "Answered 400 instead (mode=enforce)."));
        check("missing context path /echo: ROOT's 404, WSG02 naming the context", () -> misrouted("/echo", 404, "WSG02",
                "/echo in context /demo"));
        check("single-page-app fallback /app/chat: 200, WSG01 recognizes the shell", () -> misrouted(LOG_CONTEXT + "/app/chat",
                200, "WSG01", "single-page-app shell"));
        check("single-page-app fallback: GET /app/settings/42 answers the WAR's app/index.html", this::spaFallbackServesTheShell);
        check("protected /secure/notifications: 302 to the login page, WSG07", () -> misrouted(
                LOG_CONTEXT + "/secure/notifications", 302, "WSG07", "(Location: " + LOG_CONTEXT + "/login)"));
        check("handshake without Upgrade/Connection to /echo: WSG03", this::strippedHeadersAreDiagnosed);
        check("the page's feed serves wsguard's lines as JSON", this::feedServesLines);
        check("the page's server-side wrong-version handshake: 426 in enforce mode, WSG05", this::probeSendsWrongVersion);
        out.println("self-check: " + passed + " passed, " + failures.size() + " failed");
        out.flush();
    }

    @FunctionalInterface
    private interface Check {
        /** Returns null when the check passed, else why it failed. */
        String run() throws Exception;
    }

    private void check(String name, Check check) throws InterruptedException {
        String failure;
        try {
            failure = check.run();
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            failure = "threw " + e;
        }
        if (failure == null) {
            passed++;
            out.println("self-check: ok   " + name);
        } else {
            failures.add(name + ": " + failure);
            out.println("self-check: FAIL " + name + ": " + failure);
        }
        out.flush();
    }

    private String startupSummaries() throws InterruptedException {
        String[][] expected = {
            {"context ROOT ", "mode=log"},
            {"context " + LOG_CONTEXT + " ", "mode=log"},
            // The enforce copy gets its mode only from the override descriptor: this proves Jetty applied it.
            {"context " + ENFORCE_CONTEXT + " ", "mode=enforce"},
        };
        for (String[] e : expected) {
            Optional<String> line = log.find(m -> m.startsWith("WSG00") && m.contains(e[0]) && m.contains(e[1]), TIMEOUT);
            if (line.isEmpty()) {
                return "no WSG00 line with '" + e[0] + "' and '" + e[1] + "'; saw " + log.messages();
            }
        }
        return null;
    }

    /** The demo is deployed correctly, so wsguard must find nothing wrong with the setup itself. */
    private String noStartupProblem() {
        List<String> problems = new ArrayList<>();
        for (String message : log.messages()) {
            if (message.startsWith("WSG1")) {
                problems.add(message);
            }
        }
        return problems.isEmpty() ? null : "wsguard reported " + problems;
    }

    private String rootRedirects() throws Exception {
        HttpResponse<String> response = get("/");
        String location = response.headers().firstValue("Location").orElse("");
        return response.statusCode() == 302 && location.endsWith(LOG_CONTEXT + "/") ? null
                : "got " + response.statusCode() + " Location '" + location + "'";
    }

    private String pageServed(String context, String mode) throws Exception {
        HttpResponse<String> response = get(context + "/");
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.startsWith("text/html")) {
            return "got " + response.statusCode() + " " + contentType;
        }
        String body = response.body();
        if (!body.contains("data-mode=\"" + mode + "\"")) {
            return "the page does not say mode " + mode;
        }
        // The mode switch links both copies; it is built from wsguard's MBeans.
        return body.contains("href=\"" + LOG_CONTEXT + "/\"") && body.contains("href=\"" + ENFORCE_CONTEXT + "/\"") ? null
                : "the page's mode switch lacks a link to " + LOG_CONTEXT + "/ or " + ENFORCE_CONTEXT + "/";
    }

    /** Any path under /app/ gets the WAR's own shell file, byte for byte, as a real single-page-app fallback serves it. */
    private String spaFallbackServesTheShell() throws Exception {
        byte[] shell = warFile(SPA_SHELL);
        HttpRequest request = HttpRequest.newBuilder(demo.httpUri(LOG_CONTEXT + "/app/settings/42")).timeout(TIMEOUT).GET().build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.startsWith("text/html")) {
            return "got " + response.statusCode() + " " + contentType;
        }
        return Arrays.equals(shell, response.body()) ? null : "the body is not the WAR's " + SPA_SHELL + " ("
                + response.body().length + " bytes, the file has " + shell.length + ")";
    }

    /** A file of the deployed WAR, exploded or packed, by its path inside the WAR. */
    private byte[] warFile(String path) throws IOException {
        Path war = demo.war();
        if (Files.isDirectory(war)) {
            return Files.readAllBytes(war.resolve(path.substring(1)));
        }
        try (FileSystem zip = FileSystems.newFileSystem(war)) {
            return Files.readAllBytes(zip.getPath(path));
        }
    }

    private HttpResponse<String> get(String path) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(demo.httpUri(path)).timeout(TIMEOUT).GET().build();
        return client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Opens a WebSocket to the log-mode context, sends {@code text} and expects a reply starting with {@code expectedStart}. */
    private String replies(String endpoint, String text, String expectedStart) throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder received = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                received.append(data);
                if (last) {
                    reply.complete(received.toString());
                }
                webSocket.request(1);
                return null;
            }

            @Override
            public void onError(WebSocket webSocket, Throwable error) {
                reply.completeExceptionally(error);
            }
        };
        WebSocket socket = client.newWebSocketBuilder().connectTimeout(TIMEOUT)
                .buildAsync(demo.wsUri(LOG_CONTEXT + endpoint), listener)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            socket.sendText(text, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String received = reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return received.startsWith(expectedStart) && received.endsWith(text) ? null
                    : "sent '" + text + "', received '" + received + "'";
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    /**
     * A valid handshake to {@code path} must fail with {@code status} (the JDK client reports what it
     * got), and wsguard must log {@code code} for exactly that request, with {@code evidence} in the line.
     */
    private String misrouted(String path, int status, String code, String evidence) throws Exception {
        URI uri = demo.wsUri(path);
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(uri, new WebSocket.Listener() { })
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            return "the handshake to " + uri + " succeeded; the demo has no endpoint there";
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof WebSocketHandshakeException)) {
                return "expected a failed handshake, got " + e.getCause();
            }
            int got = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
            if (got != status) {
                return "the client got " + got + ", expected " + status;
            }
        } catch (TimeoutException e) {
            return "no handshake answer within " + TIMEOUT;
        }
        return awaitLine(code, path, m -> m.contains(evidence), "containing '" + evidence + "'");
    }

    private String strippedHeadersAreDiagnosed() throws Exception {
        String path = LOG_CONTEXT + "/echo";
        // Raw socket: the JDK clients will not send a WebSocket key without the upgrade headers.
        // "Connection: close" is what nginx sends upstream when nobody forwards the upgrade.
        RawRequest stripped = RawRequest.validUpgrade(path).without("Upgrade").with("Connection", "close");
        String statusLine;
        try (RawResponse response = RawHttp.exchange(demo.port(), stripped)) {
            statusLine = response.statusLine();
        }
        if (!statusLine.startsWith("HTTP/1.1 200")) {
            return "log mode must leave the catch-all's 200 alone, got '" + statusLine + "'";
        }
        return awaitLine("WSG03", path, m -> true, "");
    }

    /** The startup line and the line of the typo check above, as the demo page reads them. */
    private String feedServesLines() throws Exception {
        String typo = LOG_CONTEXT + "/ecco";
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        String body = "";
        while (System.nanoTime() - deadline < 0) {
            HttpResponse<String> response = get(LOG_CONTEXT + "/api/diagnoses?after=0");
            if (response.statusCode() != 200 || !response.headers().firstValue("Content-Type").orElse("").startsWith("application/json")) {
                return "api/diagnoses answered " + response.statusCode() + " " + response.headers().firstValue("Content-Type").orElse("");
            }
            body = response.body();
            if (body.contains("\"code\":\"WSG00\"") && body.contains("\"code\":\"WSG01\"") && body.contains("GET " + typo + " from")) {
                return null;
            }
            Thread.sleep(100);
        }
        return "api/diagnoses lacks the WSG00 line or the WSG01 line for " + typo + ": " + body;
    }

    private String probeSendsWrongVersion() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(demo.httpUri(ENFORCE_CONTEXT + "/api/probe?scenario=wrong-version"))
                .timeout(TIMEOUT).POST(HttpRequest.BodyPublishers.noBody()).build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("\"status\":426")) {
            return "api/probe answered " + response.statusCode() + ": " + response.body();
        }
        return awaitLine("WSG05", ENFORCE_CONTEXT + "/chat/lobby", m -> m.contains("wsguard answered 426 (mode=enforce)"),
                "saying wsguard answered 426");
    }

    private String awaitLine(String code, String path, Predicate<String> evidence, String what) throws InterruptedException {
        // "GET <path> from": the request in the line, not a longer path that starts the same way.
        String request = "GET " + path + " from";
        Optional<String> line = log.find(m -> m.startsWith(code) && m.contains(request) && evidence.test(m), TIMEOUT);
        if (line.isPresent()) {
            return null;
        }
        List<String> related = new ArrayList<>();
        for (String m : log.messages()) {
            if (m.contains(request)) {
                related.add(m);
            }
        }
        return "no " + code + " line for " + request + (what.isEmpty() ? "" : " " + what) + "; lines for it: " + related;
    }
}
