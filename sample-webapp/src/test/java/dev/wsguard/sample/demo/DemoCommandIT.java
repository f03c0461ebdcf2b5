package dev.wsguard.sample.demo;

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
 * Runs the README's demo command itself, {@code mvn -Pdemo -DskipTests -pl sample-webapp -am package}, as a person
 * would from a terminal: it builds the filter and the WAR, starts the demo and prints its URL. The test kit's
 * {@link ReadmeDemoCommand} does what any README demo command needs (the README still gives it; a copy of the sources
 * outside the repository; offline, batch mode, {@code -Dport=0}; the banner; Ctrl-C, exit status 130, the port
 * closed, no process left). What this test checks itself is this demo: it misroutes a handshake and finds the WSG
 * line on the command's console, makes a right one (101 and an echo), and after Ctrl-C finds that Jetty's shutdown
 * hook stopped the server and both demo contexts, and that the right handshake left no line.
 */
@Tag(DemoServerIT.PACKAGED_WAR_TAG)
class DemoCommandIT {

    /** The command as the repository's README gives it; the test checks the README still says exactly this. */
    static final String README_COMMAND = "mvn -Pdemo -DskipTests -pl sample-webapp -am package";
    /**
     * The modules {@code -pl sample-webapp -am} builds, copied in full; of the others only the pom. The test kit is
     * one of them: the filter's unit tests use it, and {@code -DskipTests} still compiles them.
     */
    private static final String[] BUILT_MODULES = {"filter", "sample-webapp", "tests/test-kit"};
    private static final Pattern BANNER = Pattern.compile("wsguard demo: http://127\\.0\\.0\\.1:(\\d{1,5})/");

    @Test
    void theReadmeCommandBuildsServesLogsAndStopsOnCtrlC() throws Exception {
        String echo = DemoServer.LOG_CONTEXT + "/echo";
        ReadmeDemoCommand.Console console = ReadmeDemoCommand.of(README_COMMAND, BANNER, BUILT_MODULES).run((port, running) -> {
            // A valid upgrade to a typo: the WAR's catch-all answers 200, and the console gets WSG01 for it.
            String typo = DemoServer.LOG_CONTEXT + "/ecco";
            try (RawResponse answer = RawHttp.exchange(port, RawRequest.validUpgrade(typo))) {
                assertEquals(200, answer.status(), () -> "the catch-all must answer " + typo + " with 200, got: " + answer);
            }
            String request = "GET " + typo + " from";
            running.awaitLine(line -> line.contains("WSG01 ") && line.contains(request),
                    "no WSG01 line for '" + request + "' on the demo's console");

            // The right URL: 101 with the accept value RFC 6455 prescribes, and the echo endpoint answers.
            try (RawResponse upgraded = RawHttp.exchange(port, RawRequest.validUpgrade(echo))) {
                assertEquals(101, upgraded.status(), () -> "the handshake to " + echo + " must get 101, got: " + upgraded);
                // Header names are case-insensitive; the value is base64, compared exactly.
                assertEquals(RawRequest.SAMPLE_ACCEPT, upgraded.header("Sec-WebSocket-Accept").orElse(null),
                        upgraded::head);
                String text = "hello from " + getClass().getSimpleName();
                WebSocketFrames.sendText(upgraded.upgradedOutput(), text);
                assertEquals(text, WebSocketFrames.read(upgraded.upgradedInput()).text(), "the echo endpoint's reply");
                WebSocketFrames.sendClose(upgraded.upgradedOutput(), 1000);
            }
        });

        // Jetty's shutdown hook stopped the server: the server, its connector and each context report it
        // ("Stopped oeje10w.WebAppContext@...{wsguard sample,/demo,b=...").
        for (String stopped : List.of("oejs.Server@", "oejs.ServerConnector@", "{ROOT,/,", "," + DemoServer.LOG_CONTEXT + ",",
                "," + DemoServer.ENFORCE_CONTEXT + ",")) {
            console.assertAnyLine(l -> l.contains(":JettyShutdownThread: Stopped ") && l.contains(stopped),
                    "no line 'JettyShutdownThread: Stopped ...' with '" + stopped + "' after SIGINT");
        }
        // Only misroutes are diagnosed: the right handshake left no line (the whole console, the command has ended).
        console.assertNoLine(l -> l.contains("GET " + echo + " from"), "a line about the successful handshake to " + echo);
    }
}
