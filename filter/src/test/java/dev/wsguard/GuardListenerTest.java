package dev.wsguard;

import static dev.wsguard.testkit.servlet.ChainDouble.answering;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.startup.StartupReport;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.servlet.ChainDouble;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.servlet.FilterChain;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What a framework observes of the filter ({@link WebSocketGuardFilter#addListener}, {@link GuardListener}) and reads
 * of it ({@link WebSocketGuardFilter#snapshot()}), with the test kit's servlet doubles: a context {@code /app} with
 * WebSocket support and the endpoint {@code /echo} from the init-param.
 */
class GuardListenerTest {

    private final GuardLogCapture log = GuardLogCapture.attach();
    private final ServletContextDouble context = new ServletContextDouble("/app")
            .attribute(StartupReport.JAKARTA_SERVER_CONTAINER, new Object());
    private final WebSocketGuardFilter filter = new WebSocketGuardFilter();
    private final Recording heard = new Recording();

    @AfterEach
    void tearDown() {
        filter.destroy();
        log.close();
    }

    /** Records every call as "incident WSG01 /echo" or "upgrade accepted". */
    static final class Recording implements GuardListener {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());

        @Override
        public void incident(String code, String endpoint) {
            calls.add("incident " + code + " " + endpoint);
        }

        @Override
        public void upgrade(String outcome) {
            calls.add("upgrade " + outcome);
        }
    }

    private void start(String... params) throws Exception {
        List<String> all = new ArrayList<>(List.of("endpoints", "/echo"));
        all.addAll(List.of(params));
        filter.init(FilterConfigDouble.of(context.context(), all.toArray(new String[0])));
        assertTrue(filter.core().guard().awaitStartupReport(10, TimeUnit.SECONDS), "no WSG00: " + log.messages());
    }

    private ResponseDouble send(RequestDouble request, FilterChain chain) throws Exception {
        ResponseDouble response = new ResponseDouble();
        filter.doFilter(request, response, chain);
        return response;
    }

    private static ChainDouble answering101() {
        return answering((req, res) -> ((jakarta.servlet.http.HttpServletResponse) res).setStatus(101));
    }

    @Test
    void everyUpgradeAttemptHasAnOutcomeAndEveryIncidentItsCodeAndKnownEndpoint() throws Exception {
        filter.addListener(heard);
        start();
        send(RequestDouble.validUpgrade("/app/echo"), answering101());
        send(RequestDouble.validUpgrade("/app/ecco"), answering(200, "text/html", "<html>"));
        send(RequestDouble.validUpgrade("/app/nothing/here"), answering(404, "text/plain", "no"));
        send(RequestDouble.validUpgrade("/app/echo"), answering(302, null, ""));
        send(RequestDouble.validUpgrade("/app/echo"), answering(405, "text/plain", "no GET"));
        send(RequestDouble.of(RawRequest.validUpgrade("/app/echo").without("Sec-WebSocket-Key")), answering101());
        send(RequestDouble.get("/app/echo"), answering(200, "text/html", "<html>"));
        send(RequestDouble.get("/app/index.html"), answering(200, "text/html", "<html>"));
        assertEquals(List.of(
                "upgrade accepted",
                "upgrade misrouted", "incident WSG01 /echo",
                "upgrade misrouted", "incident WSG02 null",
                "upgrade refused", "incident WSG07 /echo",
                "upgrade misrouted", "incident WSG08 /echo",
                "upgrade malformed", "incident WSG04 /echo",
                "incident WSG06 /echo"), heard.calls,
                "a plain request that is no incident is not told; the template is the endpoint's, never the path");
    }

    @Test
    void incidentsWhoseLinesTheRateLimiterOnlyCountsAreToldAllTheSame() throws Exception {
        filter.addListener(heard);
        start("log-window", "60");
        int mark = log.mark();
        for (int i = 0; i < 5; i++) {
            send(RequestDouble.validUpgrade("/app/ecco"), answering(200, "text/html", "<html>"));
        }
        assertEquals(1, log.messagesSince(mark).size(), log.messagesSince(mark).toString());
        assertEquals(5, heard.calls.stream().filter("incident WSG01 /echo"::equals).count(), heard.calls.toString());
    }

    @Test
    void aListenerThatThrowsBreaksNoRequestIsCountedAsAnInternalErrorAndTheOthersStillHear() throws Exception {
        filter.addListener(new GuardListener() {
            @Override
            public void incident(String code, String endpoint) {
                throw new IllegalStateException("metrics down");
            }

            @Override
            public void upgrade(String outcome) {
                throw new IllegalStateException("metrics down");
            }
        });
        filter.addListener(heard);
        start("mode", "enforce");
        ResponseDouble replaced = send(RequestDouble.validUpgrade("/app/ecco"), answering(200, "text/html", "<p>"));
        assertEquals(400, replaced.getStatus(), "enforce mode still answered");
        ResponseDouble accepted = send(RequestDouble.validUpgrade("/app/echo"), answering101());
        assertEquals(101, accepted.getStatus());
        assertEquals(List.of("upgrade misrouted", "incident WSG01 /echo", "upgrade accepted"), heard.calls);
        assertEquals(3, filter.core().guard().counters().get(DiagnosisCode.WSG99), "each throw counted once");
        assertEquals(1, log.messages("WSG99").size(), "and logged the first time only: " + log.messages());
        assertEquals(1, filter.core().guard().counters().get(DiagnosisCode.WSG01));
    }

    @Test
    void theSnapshotHasTheModeTheEndpointsBySourceTheCountsAndTheLastTwentyLinesSanitized() throws Exception {
        assertNull(filter.snapshot(), "no snapshot before init");
        start();
        send(RequestDouble.validUpgrade("/app/echo"), answering101());
        send(RequestDouble.validUpgrade("/app/e\u001bcco"), answering(200, "text/html", "<html>"));
        String line = filter.snapshot().lastIncidents().get(0);
        assertTrue(line.startsWith("WSG01") && line.contains("/app/e\\x1bcco"), line);
        assertFalse(line.chars().anyMatch(c -> c < 0x20), "sanitized as the log line is: " + line);
        for (int i = 0; i < 25; i++) {
            send(RequestDouble.validUpgrade("/app/other" + i), answering(404, "text/plain", "no"));
        }
        GuardSnapshot s = filter.snapshot();
        assertEquals("log", s.mode());
        assertEquals("/app", s.context());
        assertEquals(Map.of("/echo", "init-param endpoints"), s.endpoints());
        assertEquals(1L, s.incidents().get("WSG01"));
        assertEquals(25L, s.incidents().get("WSG02"));
        assertEquals(0L, s.incidents().get("WSG99"));
        assertFalse(s.incidents().containsKey("WSG00"), "the startup line is no incident");
        assertEquals(27, s.upgradeRequests());
        assertEquals(1, s.upgradesCompleted());
        List<String> last = s.lastIncidents();
        assertEquals(RecentLines.LIMIT, last.size());
        assertTrue(last.get(0).startsWith("WSG02") && last.get(0).contains("/app/other5 "), last.get(0));
        assertTrue(last.get(19).contains("/app/other24 "), last.get(19));
    }

    @Test
    void aFilterInModeOffTellsItsListenersNothingAndItsSnapshotSaysOff() throws Exception {
        filter.addListener(heard);
        filter.init(FilterConfigDouble.of(context.context(), "mode", "off", "endpoints", "/echo"));
        send(RequestDouble.validUpgrade("/app/ecco"), answering(200, "text/html", "<html>"));
        assertEquals(List.of(), heard.calls);
        assertEquals("off", filter.snapshot().mode());
    }
}
