package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.suite.report.CaseResult;
import dev.wsguard.suite.report.CaseResult.Section;
import dev.wsguard.suite.report.ResultsFile;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import dev.wsguard.testkit.server.WorkDirs;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Log mode changes no response, on a Boot application: the same application runs twice in this class, once with the
 * starter in log mode ({@code --wsguard.mode=log}) and once with {@code --wsguard.enabled=false}, and each request
 * below goes to both over a raw socket. Their answers must be the same bytes: status line, headers (names, values,
 * order) and body, with only what two instances legitimately answer differently normalised
 * ({@link ComparableResponse}: the {@code Date}, the instance's port in a {@code Location}, a {@code JSESSIONID}'s
 * value, SockJS's random {@code entropy} and an error document's {@code timestamp}). A 101 is compared by its head and
 * by an echo over the upgraded connection.
 *
 * <p>Each request also gets, from the log-mode instance, the line it should (or nothing, proven by a marker), so the
 * comparison is known to have run with wsguard looking at each of these answers.
 *
 * <p>Writes {@code target/compat/<boot-kind>-differential.json}: docs/compatibility.md's log-mode table counts these
 * requests for each Boot module.
 */
class StarterLogModeChangesNothingTest extends OneBootAppTest {

    private BootApp withoutWsguard;
    private ResultsFile results;

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--wsguard.mode=log");
    }

    @BeforeAll
    void startTheSameAppWithoutWsguard() {
        withoutWsguard = BootApp.start(null, List.of(), "--wsguard.enabled=false");
    }

    @AfterAll
    void stopTheAppWithoutWsguard() {
        if (results != null) {
            results.write(WorkDirs.target());
        }
        if (withoutWsguard != null) {
            withoutWsguard.close();
        }
    }

    /** Name, request, the code wsguard logs for it in log mode (null: nothing) and the path its line names. */
    static Stream<Arguments> requests() {
        RawRequest echo = RawRequest.validUpgrade("/echo");
        return Stream.of(
                Arguments.of("a correct handshake to /echo", echo, null, null),
                Arguments.of("a typo /ecco answered by the SPA fallback", RawRequest.validUpgrade("/ecco"),
                        "WSG01", "/ecco"),
                Arguments.of("a raw upgrade to the SockJS base /ws", RawRequest.validUpgrade("/ws"), "WSG08", "/ws"),
                Arguments.of("a plain GET to /ws (SockJS greeting)", RawRequest.get("/ws").build(), null, null),
                Arguments.of("a plain GET to /ws/info", RawRequest.get("/ws/info").build(), null, null),
                Arguments.of("a handshake to /secure/ws (login redirect)", RawRequest.validUpgrade("/secure/ws"),
                        "WSG07", "/secure/ws"),
                Arguments.of("a stripped handshake (key, no Upgrade, no Connection)",
                        echo.without("Upgrade").without("Connection"), "WSG03", "/echo"),
                Arguments.of("version 8", echo.with("Sec-WebSocket-Version", "8"), "WSG05", "/echo"),
                Arguments.of("a missing key", echo.without("Sec-WebSocket-Key"), "WSG04", "/echo"),
                Arguments.of("a plain GET to /echo", RawRequest.get("/echo").build(), "WSG06", "/echo"),
                // A handshake's headers on a POST (to /ws-plain: WSG04 for /echo is the missing key's line).
                Arguments.of("a POST handshake to /ws-plain",
                        RawRequest.request("POST", "/ws-plain", "HTTP/1.1").header("Host", RawRequest.AUTHORITY)
                                .header("Upgrade", "websocket").header("Connection", "Upgrade")
                                .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY)
                                .header("Sec-WebSocket-Version", "13").header("Content-Type", "text/plain")
                                .header("Content-Length", "5").body("hello").build(),
                        "WSG04", "/ws-plain"),
                Arguments.of("a plain form POST to /ecco",
                        RawRequest.request("POST", "/ecco", "HTTP/1.1").header("Host", RawRequest.AUTHORITY)
                                .header("Content-Type", "application/x-www-form-urlencoded")
                                .header("Content-Length", "7").body("q=hello").build(),
                        null, null));
    }

    /** One request's comparison, for docs/compatibility.md. */
    private void record(String name, boolean same) {
        if (results == null) {
            results = new ResultsFile(BootKinds.of(app).label() + "-differential");
        }
        results.add(new CaseResult(Section.DIFFERENTIAL.name(), BootKinds.of(app).label(), name, "log",
                same ? "identical" : "DIFFERENT", List.of(), List.of(), same, "", Map.of()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("requests")
    void logModeAnswersAsTheAppWithoutWsguard(String name, RawRequest request, String code, String path)
            throws Exception {
        boolean echoes = request.target().equals("/echo");
        int mark = log.mark();
        ComparableResponse withLogMode;
        ComparableResponse without;
        try (RawResponse response = RawHttp.exchange(app.port(), request)) {
            withLogMode = ComparableResponse.of(response, app.port(), echoes);
        }
        try (RawResponse response = RawHttp.exchange(withoutWsguard.port(), request)) {
            without = ComparableResponse.of(response, withoutWsguard.port(), echoes);
        }
        System.out.println("[differential] " + name + ": normalised " + without.normalised() + "\n" + without.text());
        record(name, without.text().equals(withLogMode.text()) && without.normalised().equals(withLogMode.normalised()));
        assertEquals(without.text(), withLogMode.text(), name + ": log mode answered otherwise than no wsguard");
        assertEquals(without.normalised(), withLogMode.normalised(), name);

        if (code == null) {
            log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
        } else {
            String line = WsguardLines.await(log, code, path);
            assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
        }
    }
}
