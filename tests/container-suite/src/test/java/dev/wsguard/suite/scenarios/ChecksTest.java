package dev.wsguard.suite.scenarios;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.server.ContainerKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The line checks of {@link Checks}: a line with the right code but the wrong words, or one that claims an
 * enforce answer in log mode, must fail the row (the suites only ever show these checks passing).
 */
class ChecksTest {

    private static final String S2_LOG_LINE = "WSG01 WebSocket upgrade GET /app/echo2 from 127.0.0.1 was answered 200"
            + " text/plain;charset=UTF-8 by servlet 'plain' (mapping '/', DEFAULT) instead of 101 (body: text starting"
            + " 'plain servlet says hello'). No WebSocket endpoint matches /echo2. Closest endpoint: /app/echo, ws://127.0.0.1/app/echo. Fix the"
            + " client URL, or deploy an endpoint at /echo2.";

    private static final String PLAIN_200 = "HTTP/1.1 200 OK\r\nContent-Type: text/plain;charset=UTF-8\r\n"
            + "Content-Length: 24\r\n\r\nplain servlet says hello";

    private static final String GUARD_400 = "HTTP/1.1 400 Bad Request\r\nWSGuard-Code: WSG01\r\n"
            + "Content-Type: text/plain;charset=UTF-8\r\nX-Content-Type-Options: nosniff\r\nCache-Control: no-store\r\n"
            + "Content-Length: 5\r\n\r\nWSG01";

    private final Scenario s2 = ScenarioCatalogue.row("S2");

    @Test
    void theCataloguedLinePassesInBothModes() throws Exception {
        assertEquals(List.of(), problems(GuardMode.LOG, PLAIN_200, S2_LOG_LINE));
        assertEquals(List.of(), problems(GuardMode.ENFORCE, GUARD_400,
                S2_LOG_LINE + " Answered 400 instead (mode=enforce)."));
    }

    @Test
    void aLineThatNamesTheWrongEndpointFails() throws Exception {
        List<String> problems = problems(GuardMode.LOG, PLAIN_200, S2_LOG_LINE.replace("Closest endpoint: /app/echo, ws://",
                "Closest endpoint: /app/chat, ws://"));
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("WSG01 line must say 'Closest endpoint: /app/echo, ws://'"), problems.get(0));
    }

    @Test
    void aLineThatClaimsAnEnforceAnswerInLogModeFails() throws Exception {
        List<String> problems = problems(GuardMode.LOG, PLAIN_200, S2_LOG_LINE + " Answered 400 instead (mode=enforce).");
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("claims an enforce answer"), problems.get(0));
    }

    @Test
    void anEnforceAnswerTheLineDoesNotMentionFails() throws Exception {
        List<String> problems = problems(GuardMode.ENFORCE, GUARD_400, S2_LOG_LINE);
        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).contains("must end saying wsguard answered 400 (mode=enforce)"), problems.get(0));
    }

    private List<String> problems(GuardMode mode, String answer, String line) throws Exception {
        Expectation expected = s2.expect(ContainerKind.TOMCAT_11, mode);
        try (RawResponse response = answered(answer)) {
            Observation observed = new Observation(response, "127.0.0.1:1", "/app", null, null,
                    List.of("WSG00 wsguard started for /app", line));
            return Checks.against(expected, observed);
        }
    }

    /** The response as the raw client reads it from a loopback socket that sends {@code answer} once. */
    private static RawResponse answered(String answer) throws Exception {
        try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getByAddress(new byte[] {127, 0, 0, 1}))) {
            CompletableFuture<Void> served = CompletableFuture.runAsync(() -> {
                try (Socket s = server.accept()) {
                    s.setSoTimeout(5_000);
                    skipHead(s.getInputStream());
                    s.getOutputStream().write(answer.getBytes(StandardCharsets.ISO_8859_1));
                    s.getOutputStream().flush();
                } catch (IOException e) {
                    throw new IllegalStateException(e);
                }
            });
            RawResponse response = RawHttp.exchange(server.getLocalPort(), RawRequest.validUpgrade("/app/echo2"));
            served.get(5, TimeUnit.SECONDS);
            return response;
        }
    }

    /** Reads up to the blank line that ends the request head (bounded by the socket's timeout and 64 KiB). */
    private static void skipHead(InputStream in) throws IOException {
        int matched = 0;
        for (int i = 0; i < 65_536 && matched < 4; i++) {
            int b = in.read();
            if (b < 0) {
                return;
            }
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }
}
