package dev.wsguard.testkit.log;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
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
 */
public final class GuardLogCapture implements AutoCloseable {

    public static final String LOGGER_NAME = "dev.wsguard";

    /** Codes wsguard logs once per context at startup, not per request. */
    public static final Set<String> STARTUP_CODES = Set.of("WSG00", "WSG10", "WSG11", "WSG12", "WSG13");

    /** How long an expected line may take to appear (wsguard may log after the response is sent). */
    public static final Duration APPEAR_TIMEOUT = Duration.ofSeconds(3);

    /** How long to keep listening before concluding that nothing (more) was logged. */
    public static final Duration ABSENCE_GRACE = Duration.ofMillis(300);

    private static final Pattern CODE = Pattern.compile("^(WSG\\d{2})\\b");
    private static final long POLL_MS = 20;

    // Held strongly: JUL keeps loggers weakly, and a collected logger would forget the level set here.
    private final Logger logger;
    private final Level previousLevel;
    private final List<String> messages = new CopyOnWriteArrayList<>();
    private final Handler handler;

    private GuardLogCapture() {
        logger = Logger.getLogger(LOGGER_NAME);
        previousLevel = logger.getLevel();
        SimpleFormatter formatter = new SimpleFormatter();
        handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                // Formatted as a handler would print it: parameters ({0}) filled in.
                messages.add(formatter.formatMessage(record));
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
        return List.copyOf(messages);
    }

    /** How many messages were captured so far: a mark for {@link #messagesSince(int)}. */
    public int mark() {
        return messages.size();
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

    /** Distinct codes logged so far, in order of first appearance. */
    public Set<String> codes() {
        return messages.stream().map(GuardLogCapture::codeOf).filter(c -> c != null)
                .collect(Collectors.toCollection(LinkedHashSet::new));
    }

    /** Distinct codes so far that are not startup codes. */
    public Set<String> requestCodes() {
        Set<String> codes = codes();
        codes.removeAll(STARTUP_CODES);
        return codes;
    }

    /** Waits (polling, at most {@code timeout}) for a message starting with {@code code}; returns it. */
    public String awaitCode(String code, Duration timeout) throws InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String message : messages) {
                if (code.equals(codeOf(message))) {
                    return message;
                }
            }
            if (System.nanoTime() - end > 0) {
                throw new AssertionError("no " + code + " line logged to '" + LOGGER_NAME + "' within "
                        + timeout.toMillis() + " ms; logged: " + describe());
            }
            Thread.sleep(POLL_MS);
        }
    }

    public String awaitCode(String code) throws InterruptedException {
        return awaitCode(code, APPEAR_TIMEOUT);
    }

    /** Waits the grace period, then fails if any message starting with {@code code} was logged. */
    public void assertNotLogged(String code, Duration grace) throws InterruptedException {
        Thread.sleep(grace.toMillis());
        List<String> hits = messages.stream().filter(m -> code.equals(codeOf(m))).collect(Collectors.toList());
        if (!hits.isEmpty()) {
            throw new AssertionError("expected no " + code + " line, got: " + hits);
        }
    }

    /** Waits the grace period, then fails if any per-request code was logged. */
    public void assertNoRequestCode(Duration grace) throws InterruptedException {
        Thread.sleep(grace.toMillis());
        if (!requestCodes().isEmpty()) {
            throw new AssertionError("expected no per-request wsguard line, got: " + describe());
        }
    }

    /** The messages, one per line, for failure text. */
    public String describe() {
        if (messages.isEmpty()) {
            return "(nothing)";
        }
        List<String> lines = new ArrayList<>();
        for (String m : messages) {
            lines.add("\n  " + (m.length() > 500 ? m.substring(0, 500) + "..." : m));
        }
        return String.join("", lines);
    }

    @Override
    public void close() {
        logger.removeHandler(handler);
        logger.setLevel(previousLevel);
    }
}
