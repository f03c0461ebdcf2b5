package dev.wsguard.it.scenarios;

import dev.wsguard.it.client.Header;
import dev.wsguard.it.client.RawHttp;
import dev.wsguard.it.client.RawRequest;
import dev.wsguard.it.client.RawResponse;
import dev.wsguard.it.client.WebSocketFrames;
import dev.wsguard.it.containers.ContainerKind;
import dev.wsguard.it.containers.Deployment;
import dev.wsguard.it.containers.RunningServer;
import dev.wsguard.it.logging.GuardLogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * One request against a freshly started server, and everything seen: the response, the result of an
 * echo round trip when the answer was 101, and what wsguard logged from startup to the end of the
 * exchange. The server is stopped before this is returned.
 *
 * @param response the response (its socket closed)
 * @param authority {@code 127.0.0.1:port} of that server, to normalise answers that quote it
 * @param echoed the text echoed back after a 101, or null
 * @param echoProblem why the echo round trip failed after a 101, or null
 * @param log wsguard's log lines, formatted
 */
public record Observation(RawResponse response, String authority, String echoed, String echoProblem,
                          List<String> log) {

    public static final String ECHO_TEXT = "wsguard echo check";

    /**
     * Starts the deployment on the container, sends the request once, and, when the answer is 101,
     * checks the connection with one echo. Waits (bounded) for each of {@code awaitCodes} to be logged,
     * then for {@code grace} so late or unexpected lines are caught too.
     */
    public static Observation observe(ContainerKind container, Deployment deployment, RawRequest request,
                                      Set<String> awaitCodes, Duration grace) throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
             RunningServer server = container.start(deployment)) {
            String echoed = null;
            String echoProblem = null;
            RawResponse response = RawHttp.exchange(server.port(), request);
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
            for (String code : awaitCodes) {
                try {
                    log.awaitCode(code);
                } catch (AssertionError missing) {
                    // Reported by the test's own assertion, with the whole log.
                }
            }
            if (!grace.isZero()) {
                Thread.sleep(grace.toMillis());
            }
            return new Observation(response, server.authority(), echoed, echoProblem, log.messages());
        }
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

    /** Headers with the server's ephemeral {@code host:port} replaced, so two servers compare equal. */
    public List<Header> normalisedHeaders() {
        return response.headers().stream()
                .map(h -> new Header(h.name(), h.value().replace(authority, RawRequest.AUTHORITY)))
                .collect(Collectors.toList());
    }

    /** The body with the server's {@code host:port} replaced (Jetty's error pages quote the full URI). */
    public String normalisedBody() {
        return response.bodyText().replace(authority, RawRequest.AUTHORITY);
    }

    public String logText() {
        return log.isEmpty() ? "(nothing)" : "\n  " + String.join("\n  ", log);
    }
}
