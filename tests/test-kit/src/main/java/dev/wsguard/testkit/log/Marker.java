package dev.wsguard.testkit.log;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A request that wsguard always logs, sent after the requests under test so that a test can read the log up to
 * its line instead of waiting to see whether something else appears: a valid upgrade to a path of the context
 * that no endpoint and no other request uses, which whatever answers it makes a WSG01, WSG02 or WSG07 incident.
 * Needs wsguard in {@code log} or {@code enforce} mode in that context. Each marker has a path of its own, so
 * wsguard's per-(code, path) rate limit never swallows one.
 */
public final class Marker {

    private static final AtomicInteger NEXT = new AtomicInteger();

    /** Sends a valid upgrade to a path by some transport; returns what it was answered, for failure messages. */
    @FunctionalInterface
    public interface Sender {
        String send(String path) throws Exception;
    }

    private final Sender sender;
    private final String path;

    private Marker(Sender sender, String path) {
        this.sender = sender;
        this.path = path;
    }

    /**
     * A new marker for the context at {@code contextPath} ("" for ROOT) of the server on 127.0.0.1:port, sent as
     * an HTTP/1.1 upgrade.
     */
    public static Marker at(int port, String contextPath) {
        return using(contextPath, path -> {
            try (RawResponse response = RawHttp.exchange(port, RawRequest.validUpgrade(path))) {
                return response.statusLine();
            }
        });
    }

    /** A new marker for the context at {@code contextPath}, sent by {@code sender} (an HTTP/2 CONNECT, say). */
    public static Marker using(String contextPath, Sender sender) {
        return new Marker(sender, contextPath + "/wsguard-marker-" + NEXT.incrementAndGet());
    }

    public String path() {
        return path;
    }

    /**
     * Sends the marker; returns what it was answered, for failure messages. {@link GuardLogCapture} calls it; a
     * test that reads another log (a server's own log file) sends it and looks for its line with {@link #names}.
     */
    public String send() throws Exception {
        return sender.send(path);
    }

    /** Another marker sent the same way to the same context, with a path of its own. */
    public Marker next() {
        String context = path.substring(0, path.lastIndexOf("/wsguard-marker-"));
        return new Marker(sender, context + "/wsguard-marker-" + NEXT.incrementAndGet());
    }

    /**
     * Whether the container refused the marker at its connector, before any filter (so wsguard never saw it): a 431 or
     * a 414 to a request this small. Jetty 12.1 once answered a marker 431 right after a run of oversized requests.
     */
    public static boolean refusedBeforeAnyFilter(String answer) {
        return answer != null && (answer.startsWith("HTTP/1.1 431") || answer.startsWith("HTTP/1.1 414"));
    }

    /** Whether a wsguard line is the marker's own (its lines name the request's path between spaces). */
    public boolean names(String line) {
        return line.contains(" " + path + " ");
    }
}
