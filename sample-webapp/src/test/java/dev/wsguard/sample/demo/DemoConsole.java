package dev.wsguard.sample.demo;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/**
 * Wires the filter's java.util.logging logger {@code dev.wsguard} for the demo: each record becomes
 * one console line on stderr, next to Jetty's own lines and in their shape. JUL is one per JVM, so this
 * also sees the records of the filter class that the webapp's class loader loaded from
 * {@code WEB-INF/lib}. (Tests that read the lines attach the test kit's {@code GuardLogCapture}.)
 */
public final class DemoConsole implements AutoCloseable {

    public static final String LOGGER_NAME = "dev.wsguard";

    // Held strongly: JUL keeps loggers only weakly, and a collected logger would lose our handlers.
    private final Logger logger;
    private final boolean previousUseParentHandlers;
    private final Handler console;

    private DemoConsole() {
        logger = Logger.getLogger(LOGGER_NAME);
        previousUseParentHandlers = logger.getUseParentHandlers();
        console = new StderrHandler(new OneLineFormatter());
        logger.addHandler(console);
        // Our console line replaces the root handler's two-line default format.
        logger.setUseParentHandlers(false);
    }

    public static DemoConsole install() {
        return new DemoConsole();
    }

    @Override
    public void close() {
        logger.removeHandler(console);
        console.close();
        logger.setUseParentHandlers(previousUseParentHandlers);
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
