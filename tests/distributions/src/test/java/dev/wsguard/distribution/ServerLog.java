package dev.wsguard.distribution;

import dev.wsguard.testkit.log.Marker;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The log a server's users read, followed as it grows: the server's console (its stdout and stderr,
 * redirected to a file by the test) or a file the server writes itself (Jetty's console-capture, Tomcat's
 * catalina.out, WildFly's and Payara's server.log). Lines are read by polling the file, so nothing here can
 * block the server on a full pipe; which lines are wsguard's is the server's {@link LogFormat}.
 */
final class ServerLog implements AutoCloseable {

    private static final long POLL_MS = 50;

    private final Supplier<Path> file;
    private final LogFormat format;
    private final List<String> lines = new ArrayList<>();
    private final StringBuilder partial = new StringBuilder();
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    private final Thread poller;
    private long position;
    /** The file {@link #position} is in; null until the first one exists. */
    private Path following;
    private volatile boolean closed;

    /** Follows the file {@code file} returns, once it returns one that exists (console-capture creates its file late). */
    ServerLog(String name, Supplier<Path> file, LogFormat format) {
        this.file = file;
        this.format = format;
        this.poller = new Thread(this::pollUntilClosed, "server-log " + name);
        this.poller.setDaemon(true);
        this.poller.start();
    }

    /** One wsguard line: the code, the level, the message after the code, and whether it is one line in the user's log. */
    record Diagnosis(String code, String level, String message, boolean oneLine, String raw) {

        boolean mentions(String text) {
            return message.contains(text);
        }

        @Override
        public String toString() {
            return raw;
        }
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    List<Diagnosis> diagnoses() {
        return diagnoses(lines(), 0);
    }

    /** The wsguard lines among {@code all} from index {@code from} on. */
    private List<Diagnosis> diagnoses(List<String> all, int from) {
        List<Diagnosis> found = new ArrayList<>();
        for (int i = from; i < all.size(); i++) {
            Diagnosis d = format.parse(i == 0 ? null : all.get(i - 1), all.get(i));
            if (d != null) {
                found.add(d);
            }
        }
        return found;
    }

    List<Diagnosis> diagnoses(String code) {
        return diagnoses().stream().filter(d -> d.code().equals(code)).toList();
    }

    /** How many lines were read so far: a mark for {@link #awaitLine(int, Predicate, Duration)}. */
    int mark() {
        synchronized (lines) {
            return lines.size();
        }
    }

    /**
     * Sends the marker (a request wsguard logs) and returns the wsguard lines after {@code mark} and before the
     * marker's own line: what the requests sent before it left in this log. Waits (bounded) for the marker's line.
     */
    List<Diagnosis> diagnosesBefore(Marker marker, int mark, Duration timeout) throws Exception {
        String answer = marker.send();
        String markerLine = awaitLine(mark, marker::names, timeout);
        if (markerLine == null) {
            throw new AssertionError("the marker " + marker.path() + " was answered '" + answer + "' but not logged"
                    + " within " + timeout + "; log:\n" + text());
        }
        List<String> all = lines();
        return diagnoses(all.subList(0, all.indexOf(markerLine)), Math.min(mark, all.size()));
    }

    /** Waits until some line matches, at most {@code timeout}; returns it, or null. */
    String awaitLine(Predicate<String> matches, Duration timeout) throws InterruptedException {
        return awaitLine(0, matches, timeout);
    }

    /** Waits until some line after {@code mark} matches, at most {@code timeout}; returns it, or null. */
    String awaitLine(int mark, Predicate<String> matches, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = mark;
        synchronized (lines) {
            while (true) {
                for (; seen < lines.size(); seen++) {
                    if (matches.test(lines.get(seen))) {
                        return lines.get(seen);
                    }
                }
                long left = deadline - System.nanoTime();
                if (left <= 0 || closed) {
                    return null;
                }
                lines.wait(Math.max(1, left / 1_000_000));
            }
        }
    }

    /** Waits until a wsguard line with this code matches, at most {@code timeout}; returns it, or null. */
    Diagnosis awaitDiagnosis(String code, Predicate<Diagnosis> matches, Duration timeout) throws InterruptedException {
        return awaitDiagnosis(0, code, matches, timeout);
    }

    /** {@link #awaitDiagnosis(String, Predicate, Duration)} among the lines after {@code mark} only. */
    Diagnosis awaitDiagnosis(int mark, String code, Predicate<Diagnosis> matches, Duration timeout)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        int seen = mark;
        while (true) {
            List<String> all = lines();
            for (Diagnosis d : diagnoses(all, seen)) {
                if (d.code().equals(code) && matches.test(d)) {
                    return d;
                }
            }
            // The last line may be the first half of a two-line record: look at it again with its second.
            seen = Math.max(0, all.size() - 1);
            long left = deadline - System.nanoTime();
            if (left <= 0 || closed || awaitLine(all.size(), l -> true, Duration.ofNanos(left)) == null) {
                return null;
            }
        }
    }

    /** The whole log, for failure messages. */
    String text() {
        return String.join("\n", lines());
    }

    private void pollUntilClosed() {
        try {
            while (!closed) {
                readNewBytes();
                Thread.sleep(POLL_MS);
            }
            readNewBytes();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException e) {
            synchronized (lines) {
                lines.add("[server-log] cannot read the log: " + e);
                lines.notifyAll();
            }
        }
    }

    private void readNewBytes() throws IOException {
        Path path = file.get();
        if (path == null || !Files.exists(path)) {
            return;
        }
        if (following != null && !path.equals(following)) {
            // The server went on in a new file (Tomcat's catalina.DATE.log after midnight): the rest of the old one
            // first, then the new one from its start.
            readFrom(following);
            position = 0;
        }
        following = path;
        readFrom(path);
    }

    private void readFrom(Path path) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(path)) {
            channel.position(position);
            int n;
            while ((n = channel.read(buffer.clear())) > 0) {
                position += n;
                // ISO-8859-1 keeps bytes as chars, so a UTF-8 sequence cut between two reads survives;
                // lines are decoded as UTF-8 once complete.
                partial.append(new String(buffer.array(), 0, n, StandardCharsets.ISO_8859_1));
                takeCompleteLines();
            }
        }
    }

    private void takeCompleteLines() {
        int newline;
        List<String> complete = new ArrayList<>();
        while ((newline = partial.indexOf("\n")) >= 0) {
            String raw = partial.substring(0, newline);
            partial.delete(0, newline + 1);
            if (raw.endsWith("\r")) {
                raw = raw.substring(0, raw.length() - 1);
            }
            complete.add(new String(raw.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.UTF_8));
        }
        if (!complete.isEmpty()) {
            synchronized (lines) {
                lines.addAll(complete);
                lines.notifyAll();
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        closed = true;
        synchronized (lines) {
            lines.notifyAll();
        }
        poller.join(Duration.ofSeconds(5).toMillis());
    }
}
