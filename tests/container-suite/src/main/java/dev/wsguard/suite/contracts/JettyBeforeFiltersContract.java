package dev.wsguard.suite.contracts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.Messages;
import dev.wsguard.jetty.BeforeFiltersRequestLog;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Path;
import java.util.List;
import org.eclipse.jetty.server.Server;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Jetty answers some broken handshakes before any filter: its HTTP/1.1 connector refuses an Upgrade without
 * {@code Connection: Upgrade} (400, "Invalid h2c upgrade headers"), the half fix of a proxy that forwards Upgrade but
 * sets Connection to close or deletes it; its WebSocket upgrade filter, ahead of the application's, refuses a
 * handshake without a key. The filter never sees them; wsguard's {@link BeforeFiltersRequestLog}, installed on the
 * server, reports them in the filter's words, and stays silent on what the filter saw or what worked.
 *
 * <p>A module subclasses this to run it on its Jetty ({@code tests/embedded/jetty-12.0}, {@code jetty-12.1}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class JettyBeforeFiltersContract {

    private static final String ECHO = AppSetup.CONTEXT_PATH + "/echo";

    private Path work;
    private Server server;
    private int port;
    private GuardLogCapture log;

    @BeforeAll
    final void startJettyWithTheRequestLog() throws Exception {
        work = WorkDirs.create("jetty-before-filters");
        server = JettyEe10Container.newServer();
        server.setHandler(JettyEe10Container.context(Guard.deployment(AppSetup.STANDARD, GuardMode.LOG), work,
                c -> { }));
        server.setRequestLog(new BeforeFiltersRequestLog());
        server.start();
        port = JettyEe10Container.port(server);
    }

    @AfterAll
    final void stop() {
        JettyEe10Container.stopQuietly(server);
        WorkDirs.deleteQuietly(work);
    }

    @BeforeEach
    final void freshLog() {
        if (log != null) {
            log.close();
        }
        log = GuardLogCapture.attach();
    }

    /** The request lines logged up to a marker request sent now: what the requests before it caused. */
    private List<String> linesUpToAMarker() throws Exception {
        return log.requestLinesBefore(Marker.at(port, AppSetup.CONTEXT_PATH), 0);
    }

    private RawResponse send(RawRequest request) throws Exception {
        try (RawResponse response = RawHttp.exchange(port, request)) {
            return response;
        }
    }

    /** HAProxy under a rule deleting Connection: Upgrade arrives alone, and Jetty's connector refuses it. */
    @Test
    void anUpgradeWithoutConnectionRefusedAtTheConnectorIsWsg03() throws Exception {
        RawResponse response = send(RawRequest.validUpgrade(ECHO).without("Connection")
                .with("X-Forwarded-For", "127.0.0.1").lowerCaseNames());
        assertEquals(400, response.status(), response::head);
        String line = log.awaitCode("WSG03");
        assertTrue(line.startsWith("WSG03 WebSocket handshake GET /app/echo from 127.0.0.1 arrived with 'Upgrade:"
                + " websocket' but without a Connection header yet with Sec-WebSocket-* headers and was answered 400 by"
                + " Jetty before any filter (its connector or its WebSocket upgrade filter): the hop-by-hop headers"
                + " were stripped on the way, most likely by a reverse proxy (evidence: X-Forwarded-For: 127.0.0.1)."),
                line);
        assertEquals(List.of(line), linesUpToAMarker(), "one line, and none from the filter, which never saw it");
    }

    /**
     * nginx's half fix (Upgrade forwarded, Connection left at close): nginx named, its whole fix given. (No two tests
     * send one code to one path: lines are rate-limited per code and path, and the server is shared.)
     */
    @Test
    void nginxsHalfFixIsWsg03WithTheWholeNginxFix() throws Exception {
        RawResponse response = send(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/half-fix")
                .with("Connection", "close")
                .with("X-Real-IP", "127.0.0.1"));
        assertEquals(400, response.status(), response::head);
        String line = log.awaitCode("WSG03");
        assertTrue(line.contains("arrived with 'Upgrade: websocket' but 'Connection: close' instead of 'Connection:"
                + " Upgrade'"), line);
        assertTrue(line.endsWith("likely nginx, which forwards neither Upgrade nor Connection unless its location sets"
                + " them (evidence: Connection: close; X-Real-IP: 127.0.0.1). Fix the nginx location: "
                + Messages.NGINX_LOCATION_FIX), line);
    }

    /** Jetty's upgrade filter runs ahead of wsguard and refuses a handshake without a key. */
    @Test
    void aHandshakeWithoutAKeyRefusedAheadOfTheFilterIsWsg04() throws Exception {
        RawResponse response = send(RawRequest.validUpgrade(ECHO).without("Sec-WebSocket-Key"));
        assertEquals(400, response.status(), response::head);
        String line = log.awaitCode("WSG04");
        assertTrue(line.contains("Sec-WebSocket-Key is missing (RFC 6455 section 4.2.1). It was answered 400 by Jetty"
                + " before any filter"), line);
    }

    /** What the filter saw, or what worked, the request log leaves alone: one line per request, the filter's. */
    @Test
    void whatTheFilterSawOrWhatWorkedGetsNoSecondLine() throws Exception {
        try (RawResponse upgraded = RawHttp.exchange(port, RawRequest.validUpgrade(ECHO))) {
            assertEquals(101, upgraded.status(), upgraded::head);
        }
        assertEquals(200, send(RawRequest.validUpgrade(ECHO).with("Sec-WebSocket-Version", "8")).status());
        assertEquals(200, send(RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/ecco")).status());
        // In log mode the filter writes its line after the answer may have reached the client: awaited first, so the
        // marker below only has to prove that nothing else came.
        log.awaitCode("WSG05");
        log.awaitCode("WSG01");
        List<String> lines = linesUpToAMarker();
        assertEquals(2, lines.size(), () -> "the filter's WSG05 and WSG01, nothing else: " + lines);
        assertTrue(lines.get(0).startsWith("WSG05 ") && lines.get(1).startsWith("WSG01 "), lines::toString);
    }

    /** A flood of refused handshakes to one path: one line, the rest counted, as the filter does. */
    @Test
    void repeatsAreRateLimitedLikeTheFiltersLines() throws Exception {
        RawRequest halfFix = RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/flood").with("Connection", "close");
        for (int i = 0; i < 5; i++) {
            assertEquals(400, send(halfFix).status());
        }
        log.awaitCode("WSG03");
        long full = linesUpToAMarker().stream().filter(l -> l.startsWith("WSG03 ")).count();
        assertEquals(1, full, log::describe);
    }
}
