package dev.wsguard.sample.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.tools.ReadmeDemoCommand;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the README's Spring Boot demo command itself, {@code mvn -Pdemo -DskipTests -pl spring-boot-sample -am package},
 * as a person would from a terminal: it builds the filter, the starter and the sample, runs the application and prints
 * its URL. The test kit's {@link ReadmeDemoCommand} does what any README demo command needs (the README still gives
 * it; a copy of the sources outside the repository; offline, batch mode, {@code -Dport=0}; the banner; Ctrl-C, exit
 * status 130, the port closed, no process left), as for sample-webapp's {@code DemoCommandIT}. What this test checks
 * itself is this demo: that {@code -Pdemo} ran this demo only (the servlet sample, whose own profile is also called
 * "demo", is not built) and wsguard's startup line counts the endpoints; a misrouted handshake ({@code /ecco}) and
 * wsguard's line for it on the command's console, through Boot's logging, naming {@code /echo}; a right one (101 and
 * an echo); and after Ctrl-C, that Boot's graceful shutdown ran to its end and the right handshake left no line.
 */
@Tag(BootDemoPageChromiumIT.DEMO_IT_TAG)
class BootDemoCommandIT {

    /** The command as the repository's README gives it; the test checks the README still says exactly this. */
    static final String README_COMMAND = "mvn -Pdemo -DskipTests -pl spring-boot-sample -am package";
    /** The modules {@code -pl spring-boot-sample -am} builds (the test kit: the filter's and this module's tests use it). */
    private static final String[] BUILT_MODULES = {"filter", "spring-boot-starter", "spring-boot-sample", "tests/test-kit"};
    private static final Pattern BANNER = Pattern.compile("wsguard Spring Boot demo: http://127\\.0\\.0\\.1:(\\d{1,5})/");
    /** The servlet demo's banner, which this command must not print. */
    private static final String SERVLET_DEMO_BANNER = "wsguard demo: http://";

    @Test
    void theReadmeCommandBuildsServesLogsAndStopsOnCtrlC() throws Exception {
        ReadmeDemoCommand.Console console = ReadmeDemoCommand.of(README_COMMAND, BANNER, BUILT_MODULES).run((port, running) -> {
            // -Pdemo with -pl spring-boot-sample -am: the reactor holds no servlet sample, so its "demo" never runs.
            // Its build would come before this banner, so the lines so far tell.
            running.assertNoLine(l -> l.contains("wsguard sample webapp") || l.contains(SERVLET_DEMO_BANNER),
                    "the command built or started the servlet demo too");
            // wsguard's own thread writes WSG00 once the starter told it Spring's endpoints and its startup check
            // ran: around the banner, not necessarily before it.
            running.awaitLine(l -> l.contains("WSG00 ") && l.contains("endpoints known: 5"),
                    "no WSG00 startup line with the four endpoints of wsguard.endpoints");

            // A valid upgrade to a typo: the single-page app's fallback answers 200, and the console gets WSG01.
            try (RawResponse answer = RawHttp.exchange(port, RawRequest.validUpgrade("/ecco"))) {
                assertEquals(200, answer.status(), () -> "the fallback must answer /ecco with 200, got: " + answer);
            }
            running.awaitLine(line -> line.contains("dev.wsguard") && line.contains("WSG01 WebSocket upgrade GET /ecco from")
                    && line.contains("Closest endpoint: /echo, ws://"), "no WSG01 line for /ecco, naming /echo, on the demo's console");

            // The right URL: 101 with the accept value RFC 6455 prescribes, and the echo handler answers.
            try (RawResponse upgraded = RawHttp.exchange(port, RawRequest.validUpgrade(RawWebSockets.ECHO_PATH))) {
                assertEquals(101, upgraded.status(), () -> "the handshake to /echo must get 101, got: " + upgraded);
                assertEquals(RawRequest.SAMPLE_ACCEPT, upgraded.header("Sec-WebSocket-Accept").orElse(null), upgraded::head);
                String text = "hello from " + getClass().getSimpleName();
                WebSocketFrames.sendText(upgraded.upgradedOutput(), text);
                assertEquals(text, WebSocketFrames.read(upgraded.upgradedInput()).text(), "the echo handler's reply");
                WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
            }
        });

        // Boot's shutdown hook closed the application: Tomcat's graceful shutdown ran to its end.
        for (String stopped : List.of("Commencing graceful shutdown", "Graceful shutdown complete")) {
            console.assertAnyLine(l -> l.contains(stopped), "no line '" + stopped + "' after SIGINT");
        }
        // Only misroutes are diagnosed: the right handshake left no line (the whole console, the command has ended).
        console.assertNoLine(l -> l.contains("GET /echo from"), "a line about the successful handshake to /echo");
    }
}
