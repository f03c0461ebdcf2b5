package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.http.Header;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One request against a server started for it (or a shared deployment), and everything seen: the response,
 * the result of an echo round trip when the answer was 101, and what wsguard logged for that deployment from
 * its startup to the end of the exchange. The server is released before this is returned.
 *
 * @param response the response (its socket closed)
 * @param authority {@code 127.0.0.1:port} of that server, to normalise answers that quote it
 * @param contextPath where the app was deployed, to normalise answers that quote it
 * @param echoed the text echoed back after a 101, or null
 * @param echoProblem why the echo round trip failed after a 101, or null
 * @param log wsguard's log lines, formatted
 */
public record Observation(RawResponse response, String authority, String contextPath, String echoed,
                          String echoProblem, List<String> log) {

    public static final String ECHO_TEXT = "wsguard echo check";

    /**
     * Starts the deployment on the container, sends the request once (moved to the deployment's context
     * path), and, when the answer is 101, checks the connection with one echo. With {@code wsguardLogs} (wsguard in
     * log or enforce mode), waits (bounded) for each of {@code awaitCodes}, then sends a {@link Marker} and reads the
     * log up to its line, so that what was logged for the request, and nothing more, is recorded; without it only
     * the lines logged by the time the exchange ended are.
     */
    public static Observation observe(ContainerUnderTest container, Deployment deployment, RawRequest request,
                                      boolean wsguardLogs, Set<String> awaitCodes) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.start(deployment)) {
            // A shared deployment logged its startup before this capture existed: it hands those lines over,
            // and only what follows is this case's.
            List<String> startup = server.startupLog();
            int mark = startup.isEmpty() ? 0 : log.mark();
            RawRequest sent = request.inContext(server.contextPath());
            server.beforeRequest(sent.target());
            return exchange(server.port(), server.contextPath(), sent, log, mark, startup, wsguardLogs, awaitCodes);
        }
    }

    /**
     * The request sent as it is to a server already running at 127.0.0.1:port with its app at {@code contextPath}
     * ("" for ROOT: a Spring Boot application shared by many rows), observed as {@link #observe} does: the answer,
     * the echo after a 101, and what wsguard logged after {@code mark} (up to a {@link Marker} with
     * {@code wsguardLogs}), after the {@code startup} lines the caller hands over.
     */
    public static Observation exchange(int port, String contextPath, RawRequest sent, GuardLogCapture log, int mark,
                                       List<String> startup, boolean wsguardLogs, Set<String> awaitCodes)
            throws Exception {
        String echoed = null;
        String echoProblem = null;
        RawResponse response = RawHttp.exchange(port, sent);
        try {
            if (response.status() == 101) {
                try {
                    echoed = echo(response);
                } catch (IOException e) {
                    echoProblem = e.toString();
                }
            }
        } finally {
            response.close();
        }
        List<String> lines = new ArrayList<>(startup);
        if (wsguardLogs) {
            Set<String> awaited = new LinkedHashSet<>(awaitCodes);
            startup.forEach(line -> awaited.remove(GuardLogCapture.codeOf(line)));
            log.awaitCodesSince(mark, awaited);
            lines.addAll(log.linesBefore(Marker.at(port, contextPath), mark));
        } else {
            lines.addAll(log.messagesSince(mark));
        }
        return new Observation(response, "127.0.0.1:" + port, contextPath, echoed, echoProblem, lines);
    }

    private static String echo(RawResponse upgraded) throws IOException {
        WebSocketFrames.sendText(upgraded.upgradedOutput(), ECHO_TEXT);
        WebSocketFrames.Frame frame = WebSocketFrames.read(upgraded.upgradedInput());
        if (frame.opcode() != WebSocketFrames.OPCODE_TEXT) {
            throw new IOException("expected a text frame, got opcode " + frame.opcode());
        }
        WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
        return frame.text();
    }

    public int status() {
        return response.status();
    }

    /** Distinct codes logged, in order of first appearance. */
    public Set<String> codes() {
        Set<String> codes = new LinkedHashSet<>();
        for (String line : log) {
            String code = GuardLogCapture.codeOf(line);
            if (code != null) {
                codes.add(code);
            }
        }
        return codes;
    }

    /** Distinct per-request codes logged. */
    public Set<String> requestCodes() {
        Set<String> codes = codes();
        codes.removeAll(GuardLogCapture.STARTUP_CODES);
        return codes;
    }

    /** Distinct startup codes logged. */
    public Set<String> startupCodes() {
        Set<String> codes = codes();
        codes.retainAll(GuardLogCapture.STARTUP_CODES);
        return codes;
    }

    /**
     * Text with this server's {@code host:port} replaced by {@link RawRequest#AUTHORITY} and its context path
     * by {@code /app}, so answers of two servers (or two deployments) compare equal.
     */
    public String normalise(String text) {
        String t = text.replace(authority, RawRequest.AUTHORITY);
        // A ROOT app ("") has no context path to write as /app.
        if (!contextPath.isEmpty() && !AppSetup.CONTEXT_PATH.equals(contextPath)) {
            t = t.replace(contextPath, AppSetup.CONTEXT_PATH);
        }
        return t;
    }

    /**
     * Headers, normalised as {@link #normalise(String)} says; a {@code Content-Length} that counted the body
     * counts the normalised body (an error page that quotes a longer context path is longer).
     */
    public List<Header> normalisedHeaders() {
        String rawLength = String.valueOf(response.body().length);
        String normalisedLength = String.valueOf(normalisedBody().getBytes(StandardCharsets.UTF_8).length);
        return response.headers().stream()
                .map(h -> h.name().equalsIgnoreCase("Content-Length") && h.value().equals(rawLength)
                        ? new Header(h.name(), normalisedLength)
                        : new Header(h.name(), normalise(h.value())))
                .collect(Collectors.toList());
    }

    /** The body, normalised (Jetty's error pages quote the full URI). */
    public String normalisedBody() {
        return normalise(response.bodyText());
    }

    /** wsguard's lines, normalised. */
    public List<String> normalisedLog() {
        return log.stream().map(this::normalise).collect(Collectors.toList());
    }

    /** The normalised per-request lines ({@link GuardLogCapture#isRequestLine}). */
    public List<String> requestLines() {
        return normalisedLog().stream().filter(GuardLogCapture::isRequestLine).collect(Collectors.toList());
    }

    /** The normalised startup lines with this code. */
    public List<String> startupLines(String code) {
        return normalisedLog().stream().filter(l -> code.equals(GuardLogCapture.codeOf(l))).collect(Collectors.toList());
    }

    public String logText() {
        return log.isEmpty() ? "(nothing)" : "\n  " + String.join("\n  ", log);
    }
}
