package dev.wsguard.testkit.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Records what wsguard logs to its JUL logger {@value #LOGGER_NAME} (and its children) while attached.
 * Attach before the server starts (startup codes are logged during {@code init}) and close after it
 * stopped. The logger's level is set to ALL meanwhile, so INFO/FINE incidents are seen too.
 *
 * <p>A test waits (bounded) for the lines it expects, then proves that nothing else was logged with a
 * {@link Marker}, never by waiting: a request that wsguard always logs is sent after the ones under test, and what
 * was logged before the marker's line is theirs. The expected lines are awaited first because wsguard may write a
 * request's line after its client has read the answer (in log mode the answer is not held back), so a marker sent
 * at once could overtake it; wsguard writes at most one line per request, as its last act, so once the expected
 * line is there, anything else of that request would be too.
 */
public final class GuardLogCapture implements AutoCloseable {

    public static final String LOGGER_NAME = "dev.wsguard";

    /** Codes wsguard logs once per context at startup, not per request. */
    public static final Set<String> STARTUP_CODES = Set.of("WSG00", "WSG10", "WSG11", "WSG12", "WSG13");

    /** How long an expected line may take to appear (wsguard may log after the response is sent). */
    public static final Duration APPEAR_TIMEOUT = Duration.ofSeconds(5);
    /** Markers refused at the container's connector, each replaced by another, before a test fails. */
    private static final int MAX_REFUSED_MARKERS = 2;

    private static final Pattern CODE = Pattern.compile("^(WSG\\d{2})\\b");
    private static final Pattern SUMMARY = Pattern.compile("^WSG\\d{2} repeated \\d+ more times? for ");
    private static final long POLL_MS = 10;

    /** One record as a handler would print it: the message with its parameters filled in, and its level. */
    public record Line(Level level, String text) {
    }

    // Held strongly: JUL keeps loggers weakly, and a collected logger would forget the level set here.
    private final Logger logger;
    private final Level previousLevel;
    private final List<Line> lines = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private GuardLogCapture() {
        logger = Logger.getLogger(LOGGER_NAME);
        previousLevel = logger.getLevel();
        SimpleFormatter formatter = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(new Line(record.getLevel(), formatter.formatMessage(record)));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        handler.setLevel(Level.ALL);
        logger.setLevel(Level.ALL);
        logger.addHandler(handler);
    }

    public static GuardLogCapture attach() {
        return new GuardLogCapture();
    }

    /** Every message so far, formatted, in order. */
    public List<String> messages() {
        return lines.stream().map(Line::text).collect(Collectors.toList());
    }

    /** The messages that start with {@code code}, in order. */
    public List<String> messages(String code) {
        return messages().stream().filter(m -> code.equals(codeOf(m))).collect(Collectors.toList());
    }

    /** The level of the first message with {@code code}, or null. */
    public Level levelOf(String code) {
        return lines.stream().filter(l -> code.equals(codeOf(l.text()))).map(Line::level).findFirst().orElse(null);
    }

    /** Forgets everything captured so far. */
    public void clear() {
        lines.clear();
    }

    /** How many messages were captured so far: a mark for {@link #messagesSince(int)}. */
    public int mark() {
        return lines.size();
    }

    /** The messages captured after {@code mark}, in order. */
    public List<String> messagesSince(int mark) {
        List<String> all = messages();
        return List.copyOf(all.subList(Math.min(mark, all.size()), all.size()));
    }

    /** The code a message starts with ({@code WSG01}), or null. */
    public static String codeOf(String message) {
        if (message == null) {
            return null;
        }
        Matcher m = CODE.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /**
     * Whether the message is a startup line with its code ({@code WSG00}, {@code WSG10}...); a framework's uncoded
     * warning on wsguard's logger is not one.
     */
    public static boolean isStartupLine(String message) {
        String code = codeOf(message);
        return code != null && STARTUP_CODES.contains(code);
    }

    /**
     * Whether the message is a per-request line: it has a code, not a startup one, and it is not a summary of repeats
     * (those count earlier requests, and may come from a deployment that is going away while the next one runs).
     */
    public static boolean isRequestLine(String message) {
        String code = codeOf(message);
        return code != null && !STARTUP_CODES.contains(code) && !isSummaryLine(message);
    }

    /**
     * Whether the message is wsguard's summary of the repeats its log window counted: "WSG01 repeated 3 more times
     * for /app/x in the last 60 s ...", or the overflow bucket's "WSG01 occurred 9 more times, ... on paths not
     * tracked one by one ...".
     */
    public static boolean isSummaryLine(String message) {
        return message != null && (SUMMARY.matcher(message).find() || message.contains(" on paths not tracked one by one"));
    }

    /** Distinct codes logged so far, in order of first appearance. */
    public Set<String> codes() {
        return lines.stream().map(l -> codeOf(l.text())).filter(c -> c != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Distinct codes so far that are not startup codes. */
    public Set<String> requestCodes() {
        Set<String> codes = codes();
        codes.removeAll(STARTUP_CODES);
        return codes;
    }

    /** Waits (polling, at most {@code timeout}) for a message that matches; returns it, or empty. */
    public Optional<String> find(Predicate<String> match, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Line line : lines) {
                if (match.test(line.text())) {
                    return Optional.of(line.text());
                }
            }
            if (System.nanoTime() - end > 0) {
                return Optional.empty();
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** Waits (polling, at most {@code timeout}) for a message starting with {@code code}; returns it. */
    public String awaitCode(String code, Duration timeout) throws InterruptedException {
        return find(m -> code.equals(codeOf(m)), timeout).orElseThrow(() -> new AssertionError("no " + code
                + " line logged to '" + LOGGER_NAME + "' within " + timeout.toMillis() + " ms; logged: " + describe()));
    }

    public String awaitCode(String code) throws InterruptedException {
        return awaitCode(code, APPEAR_TIMEOUT);
    }

    /**
     * Waits (bounded by {@link #APPEAR_TIMEOUT}) until a line with each of {@code codes} was logged after
     * {@code mark}; returns whether all came. A caller that goes on to assert on the lines reports what is missing.
     */
    public boolean awaitCodesSince(int mark, Collection<String> codes) throws InterruptedException {
        long end = System.nanoTime() + APPEAR_TIMEOUT.toNanos();
        while (true) {
            Set<String> seen = messagesSince(mark).stream().map(GuardLogCapture::codeOf).collect(Collectors.toSet());
            if (seen.containsAll(codes)) {
                return true;
            }
            if (System.nanoTime() - end > 0) {
                return false;
            }
            Thread.sleep(POLL_MS);
        }
    }

    /**
     * Sends the marker and returns what was logged after {@code mark} and before the marker's own line: the lines
     * of the requests sent before it (await their expected lines first: see the class comment). Waits (bounded by
     * {@link #APPEAR_TIMEOUT}) only for the marker's line.
     */
    public List<String> linesBefore(Marker first, int mark) throws Exception {
        Marker marker = first;
        String answer = marker.send();
        for (int more = 0; more < MAX_REFUSED_MARKERS && Marker.refusedBeforeAnyFilter(answer); more++) {
            System.err.println("[WARNING] the marker " + marker.path() + " was answered '" + answer
                    + "' before reaching wsguard; sending another");
            marker = marker.next();
            answer = marker.send();
        }
        long end = System.nanoTime() + APPEAR_TIMEOUT.toNanos();
        while (true) {
            List<String> since = messagesSince(mark);
            for (int i = 0; i < since.size(); i++) {
                if (marker.names(since.get(i))) {
                    return List.copyOf(since.subList(0, i));
                }
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("the marker " + marker.path() + " was answered '" + answer + "' but not"
                        + " logged within " + APPEAR_TIMEOUT.toMillis() + " ms; logged since the mark:" + describe(since));
            }
            Thread.sleep(POLL_MS);
        }
    }

    /** The per-request lines logged after {@code mark} and before the marker's line. */
    public List<String> requestLinesBefore(Marker marker, int mark) throws Exception {
        return linesBefore(marker, mark).stream().filter(GuardLogCapture::isRequestLine).collect(Collectors.toList());
    }

    /** Fails if any per-request line was logged after {@code mark} and before the marker's line. */
    public void assertNoRequestLineBefore(Marker marker, int mark) throws Exception {
        List<String> found = requestLinesBefore(marker, mark);
        if (!found.isEmpty()) {
            throw new AssertionError("expected no per-request wsguard line, got:" + describe(found));
        }
    }

    /** The messages, one per line, for failure text. */
    public String describe() {
        return describe(messages());
    }

    private static String describe(List<String> messages) {
        if (messages.isEmpty()) {
            return " (nothing)";
        }
        List<String> out = new ArrayList<>();
        for (String m : messages) {
            out.add("\n  " + (m.length() > 500 ? m.substring(0, 500) + "..." : m));
        }
        return String.join("", out);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
