package dev.wsguard.reliability.harness;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.GuardLogCapture;
import java.io.IOException;
import java.time.Duration;
import java.util.List;

/** Requests every test needs: a valid upgrade that must echo, and "does the server still serve normally". */
public final class Probes {

    /** How long a test waits for a line wsguard writes after the answer (it logs once the chain returned). */
    public static final Duration LINE_TIMEOUT = Duration.ofSeconds(5);

    private Probes() {
    }

    /** A valid upgrade to the endpoint: "" when it got 101 and its text echoed, else what went wrong. */
    public static String upgradeAndEcho(Stack stack, String text) {
        try (RawResponse r = RawHttp.exchange(stack.port(), RawBytes.upgrade(stack.authority(), "/app/echo").end())) {
            if (r.status() != 101) {
                return "valid upgrade got " + r.statusLine();
            }
            WebSocketFrames.sendText(r.upgradedOutput(), text);
            String echo = WebSocketFrames.read(r.upgradedInput()).text();
            return text.equals(echo) ? "" : "echo was '" + echo + "'";
        } catch (IOException e) {
            return "valid upgrade failed: " + e;
        }
    }

    /**
     * The server still answers normally: a valid upgrade gets 101 and its echo, and a misrouted upgrade to a fresh
     * path gets its WSG01 line. Throws with what failed.
     */
    public static void assertStillServing(Stack stack, GuardLogCapture log, String freshPath) throws Exception {
        String echo = upgradeAndEcho(stack, "still serving");
        if (!echo.isEmpty()) {
            throw new AssertionError("after the fault: " + echo);
        }
        int mark = log.mark();
        byte[] misrouted = RawBytes.upgrade(stack.authority(), freshPath).end();
        try (RawResponse ignored = RawHttp.exchange(stack.port(), misrouted)) {
            // Its answer depends on the mode; the line is what counts.
        }
        List<String> lines = awaitLinesFor(log, mark, freshPath, 1, Duration.ZERO);
        if (!"WSG01".equals(GuardLogCapture.codeOf(lines.get(0)))) {
            throw new AssertionError("after the fault, a misrouted upgrade was logged as: " + lines);
        }
    }

    /** How long to keep listening for an extra line once the expected ones are there. */
    public static final Duration EXTRA_LINE_GRACE = Duration.ofMillis(150);

    /**
     * The lines since {@code mark} that name {@code path} (as {@code " path "}), once at least {@code count} are there
     * (bounded wait), plus any that follow within {@code grace}, so that an extra line shows.
     */
    public static List<String> awaitLinesFor(GuardLogCapture log, int mark, String path, int count, Duration grace)
            throws InterruptedException {
        long end = System.nanoTime() + LINE_TIMEOUT.toNanos();
        while (true) {
            List<String> found = linesFor(log, mark, path);
            if (found.size() >= count) {
                Thread.sleep(grace.toMillis());
                return linesFor(log, mark, path);
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("expected " + count + " line(s) for " + path + " within " + LINE_TIMEOUT
                        + "; logged since: " + log.messagesSince(mark));
            }
            Thread.sleep(10);
        }
    }

    private static List<String> linesFor(GuardLogCapture log, int mark, String path) {
        return log.messagesSince(mark).stream().filter(m -> m.contains(" " + path + " ")).toList();
    }
}
