package dev.wsguard.suite.reliability;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.RunningServer;
import java.io.IOException;

/** The server still answers normally after hostile input or a fault: a valid upgrade gets 101 and its echo. */
public final class StillServing {

    private StillServing() {
    }

    /**
     * A valid upgrade to the app's {@code /echo}: "" when it got 101 and {@code text} came back, else what went
     * wrong. Not announced to the server ({@link RunningServer#beforeRequest}): wsguard logs nothing for it, so a
     * shared deployment has no log window to wait out.
     */
    public static String upgradeAndEcho(RunningServer server, String text) {
        RawRequest request = RawRequest.validUpgrade(AppSetup.CONTEXT_PATH + "/echo").inContext(server.contextPath());
        try (RawResponse r = RawHttp.exchange(server.port(), request)) {
            if (r.status() != 101) {
                return "a valid upgrade got " + r.statusLine();
            }
            WebSocketFrames.sendText(r.upgradedOutput(), text);
            String echo = WebSocketFrames.read(r.upgradedInput()).text();
            return text.equals(echo) ? "" : "the echo was '" + echo + "'";
        } catch (IOException e) {
            return "a valid upgrade failed: " + e;
        }
    }
}
