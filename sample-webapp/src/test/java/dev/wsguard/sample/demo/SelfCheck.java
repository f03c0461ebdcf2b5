package dev.wsguard.sample.demo;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.net.http.WebSocketHandshakeException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Checks a running demo from the outside, as a user would, and reports each check on one line:
 * the page is served, a WebSocket to {@code /echo} echoes, a valid upgrade to the typo {@code /ecco}
 * still fails with 200 (log mode changes nothing) and leaves a WSG01 line, and a handshake without its
 * Upgrade/Connection headers leaves a WSG03 line. Every wait is bounded.
 */
public final class SelfCheck {

    private static final Duration TIMEOUT = Duration.ofSeconds(5);
    /** A raw HTTP answer larger than this is not ours; stop reading. */
    private static final int MAX_RAW_RESPONSE_BYTES = 64 * 1024;

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
    private final WsguardLog log;
    private final PrintStream out;
    private final HttpClient client;
    private final List<String> failures = new ArrayList<>();
    private int passed;

    private SelfCheck(DemoServer demo, WsguardLog log, PrintStream out) {
        this.demo = demo;
        this.log = log;
        this.out = out;
        this.client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
    }

    public static Result run(DemoServer demo, WsguardLog log, PrintStream out) throws InterruptedException {
        SelfCheck check = new SelfCheck(demo, log, out);
        check.runAll();
        return new Result(check.failures);
    }

    private void runAll() throws InterruptedException {
        check("filter started: WSG00 summary logged", this::startupSummaryLogged);
        check("no startup problem reported (no WSG1x line)", this::noStartupProblem);
        check("GET / serves the demo page", this::indexPageServed);
        check("WebSocket to /echo opens and echoes", this::echoWorks);
        check("WebSocket to /ecco fails with 200 and wsguard logs WSG01", this::typoIsDiagnosed);
        check("handshake without Upgrade/Connection to /echo: wsguard logs WSG03", this::strippedHeadersAreDiagnosed);
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

    private String startupSummaryLogged() throws InterruptedException {
        Optional<String> line = log.await(message -> message.startsWith("WSG00"), TIMEOUT);
        return line.isPresent() ? null : "no WSG00 line from logger " + WsguardLog.LOGGER_NAME + "; saw " + log.messages();
    }

    /** The sample is deployed correctly, so wsguard must find nothing wrong with the setup itself. */
    private String noStartupProblem() {
        List<String> problems = new ArrayList<>();
        for (String message : log.messages()) {
            if (message.startsWith("WSG1")) {
                problems.add(message);
            }
        }
        return problems.isEmpty() ? null : "wsguard reported " + problems;
    }

    private String indexPageServed() throws Exception {
        HttpRequest request = HttpRequest.newBuilder(demo.httpUri("/")).timeout(TIMEOUT).GET().build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (response.statusCode() != 200 || !contentType.startsWith("text/html")) {
            return "got " + response.statusCode() + " " + contentType;
        }
        return response.body().contains("<h1>wsguard sample</h1>") ? null : "the page lacks its heading";
    }

    private String echoWorks() throws Exception {
        CompletableFuture<String> reply = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    reply.complete(text.toString());
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
                .buildAsync(demo.wsUri("/echo"), listener)
                .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        try {
            String sent = "self-check " + System.nanoTime();
            socket.sendText(sent, true).get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            String received = reply.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            return sent.equals(received) ? null : "sent '" + sent + "', received '" + received + "'";
        } finally {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done");
        }
    }

    private String typoIsDiagnosed() throws Exception {
        URI typo = demo.wsUri("/ecco");
        try {
            WebSocket socket = client.newWebSocketBuilder().connectTimeout(TIMEOUT)
                    .buildAsync(typo, new WebSocket.Listener() { })
                    .get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            socket.abort();
            return "the handshake to " + typo + " succeeded; the sample has no endpoint there";
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof WebSocketHandshakeException)) {
                return "expected a failed handshake, got " + e.getCause();
            }
            int status = ((WebSocketHandshakeException) e.getCause()).getResponse().statusCode();
            if (status != 200) {
                return "log mode must leave the catch-all's 200 alone, the client got " + status;
            }
        } catch (TimeoutException e) {
            return "no handshake answer within " + TIMEOUT;
        }
        String path = demo.contextPath() + "/ecco";
        Optional<String> line = log.await(m -> m.startsWith("WSG01") && m.contains(path), TIMEOUT);
        return line.isPresent() ? null : "no WSG01 line naming " + path + "; saw " + log.messages();
    }

    private String strippedHeadersAreDiagnosed() throws Exception {
        String path = demo.contextPath() + "/echo";
        // Raw socket: the JDK clients will not send a WebSocket key without the upgrade headers.
        // "Connection: close" is what nginx sends upstream when nobody forwards the upgrade.
        String request = "GET " + path + " HTTP/1.1\r\n"
                + "Host: " + DemoServer.HOST + ":" + demo.port() + "\r\n"
                + "Sec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Key: " + DemoServer.SAMPLE_KEY + "\r\n"
                + "Connection: close\r\n"
                + "\r\n";
        String statusLine = exchangeRaw(request);
        if (!statusLine.startsWith("HTTP/1.1 200")) {
            return "log mode must leave the catch-all's 200 alone, got '" + statusLine + "'";
        }
        Optional<String> line = log.await(m -> m.startsWith("WSG03") && m.contains(path), TIMEOUT);
        return line.isPresent() ? null : "no WSG03 line naming " + path + "; saw " + log.messages();
    }

    /** Sends one raw request and returns the status line; reads to the end so the exchange completes. */
    private String exchangeRaw(String request) throws IOException {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(DemoServer.HOST, demo.port()), (int) TIMEOUT.toMillis());
            socket.setSoTimeout((int) TIMEOUT.toMillis());
            OutputStream output = socket.getOutputStream();
            output.write(request.getBytes(StandardCharsets.US_ASCII));
            output.flush();
            InputStream input = socket.getInputStream();
            ByteArrayOutputStream response = new ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            int read;
            while (response.size() < MAX_RAW_RESPONSE_BYTES && (read = input.read(buffer)) != -1) {
                response.write(buffer, 0, read);
            }
            String text = response.toString(StandardCharsets.ISO_8859_1);
            int end = text.indexOf("\r\n");
            return end < 0 ? text : text.substring(0, end);
        }
    }
}
