package dev.wsguard.sample.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.function.Predicate;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Wires the filter's java.util.logging logger {@code dev.wsguard} for the demo: each record becomes
 * one console line on stderr (next to Jetty's own lines), and is kept in memory so the self-check can
 * look for the diagnosis it provoked. JUL is one per JVM, so this also sees the records of the
 * filter class that the webapp's class loader loaded from {@code WEB-INF/lib}.
 */
public final class WsguardLog implements AutoCloseable {

    public static final String LOGGER_NAME = "dev.wsguard";

    /** Enough for a demo session and a self-check; older records are dropped so memory stays bounded. */
    private static final int MAX_KEPT_RECORDS = 1000;

    private static final long POLL_MILLIS = 50;

    // Held strongly: JUL keeps loggers only weakly, and a collected logger would lose our handlers.
    private final Logger logger;
    private final boolean previousUseParentHandlers;
    private final Handler console;
    private final Handler capture;
    private final ConcurrentLinkedDeque<String> messages = new ConcurrentLinkedDeque<>();

    private WsguardLog(boolean toConsole) {
        logger = Logger.getLogger(LOGGER_NAME);
        previousUseParentHandlers = logger.getUseParentHandlers();
        OneLineFormatter formatter = new OneLineFormatter();
        capture = new CaptureHandler(formatter);
        logger.addHandler(capture);
        if (toConsole) {
            console = new StderrHandler(formatter);
            logger.addHandler(console);
            // Our console line replaces the root handler's two-line default format.
            logger.setUseParentHandlers(false);
        } else {
            console = null;
        }
    }

    /** Console lines plus capture: what the interactive demo uses. */
    public static WsguardLog install() {
        return new WsguardLog(true);
    }

    /** Capture only, leaving console output to whatever JUL configuration is in force. */
    public static WsguardLog captureOnly() {
        return new WsguardLog(false);
    }

    /** The formatted messages seen so far, oldest first. */
    public List<String> messages() {
        return new ArrayList<>(messages);
    }

    /** Waits, at most {@code timeout}, for a message that matches; bounded by time, polls every 50 ms. */
    public Optional<String> await(Predicate<String> match, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (String message : messages) {
                if (match.test(message)) {
                    return Optional.of(message);
                }
            }
            if (System.nanoTime() - deadline >= 0) {
                return Optional.empty();
            }
            Thread.sleep(POLL_MILLIS);
        }
    }

    @Override
    public void close() {
        logger.removeHandler(capture);
        if (console != null) {
            logger.removeHandler(console);
            console.close();
            logger.setUseParentHandlers(previousUseParentHandlers);
        }
    }

    private final class CaptureHandler extends Handler {
        private final Formatter formatter;

        CaptureHandler(Formatter formatter) {
            this.formatter = formatter;
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (!isLoggable(record)) {
                return;
            }
            messages.addLast(formatter.formatMessage(record));
            while (messages.size() > MAX_KEPT_RECORDS) {
                messages.pollFirst();
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    /** Writes to the current System.err at publish time, unlike ConsoleHandler, which binds it once. */
    private static final class StderrHandler extends Handler {
        StderrHandler(Formatter formatter) {
            setFormatter(formatter);
            setLevel(Level.ALL);
        }

        @Override
        public void publish(LogRecord record) {
            if (isLoggable(record)) {
                System.err.print(getFormatter().format(record));
                System.err.flush();
            }
        }

        @Override
        public void flush() {
            System.err.flush();
        }

        @Override
        public void close() {
            flush();
        }
    }

    /** Same shape as Jetty's console lines ("date time:LEVEL:logger:thread: message"), one line per record. */
    static final class OneLineFormatter extends Formatter {
        private static final DateTimeFormatter TIME =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneId.systemDefault());

        @Override
        public String format(LogRecord record) {
            StringBuilder line = new StringBuilder(256)
                    .append(TIME.format(Instant.ofEpochMilli(record.getMillis())))
                    .append(':').append(record.getLevel().getName())
                    .append(':').append(record.getLoggerName())
                    .append(':').append(Thread.currentThread().getName())
                    .append(": ").append(formatMessage(record))
                    .append(System.lineSeparator());
            if (record.getThrown() != null) {
                StringWriter trace = new StringWriter();
                record.getThrown().printStackTrace(new PrintWriter(trace));
                line.append(trace);
            }
            return line.toString();
        }
    }
}
