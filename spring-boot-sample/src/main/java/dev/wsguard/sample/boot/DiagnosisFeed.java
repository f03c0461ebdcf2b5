package dev.wsguard.sample.boot;

import jakarta.servlet.ServletContext;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.stereotype.Component;

/**
 * Keeps the latest lines of wsguard's {@code java.util.logging} logger {@code dev.wsguard}, each with a sequence
 * number, so the demo page can ask "what was logged after line N?" ({@link DiagnosesController}). wsguard itself has
 * no such endpoint and needs none: this is the sample listening to the logger that Boot's console also prints.
 *
 * <p>A {@link ServletContextInitializer}: Boot runs it while the embedded server starts, before the server initializes
 * the filters, so wsguard's startup line (WSG00) is kept too. The handler leaves the logger when the application
 * closes. Bounded: the last {@value #CAPACITY} lines, each cut at {@value #MAX_LINE_CHARS} characters.
 */
@Component
public class DiagnosisFeed extends Handler implements ServletContextInitializer, DisposableBean {

    public static final String LOGGER_NAME = "dev.wsguard";
    static final int CAPACITY = 200;
    static final int MAX_LINE_CHARS = 4096;

    /** One kept line; {@code code} is its leading {@code WSGnn}, or null for a line without one. */
    public record Entry(long seq, long millis, String level, String code, String line) {
    }

    /** The lines after a sequence number, and the newest sequence number handed out so far. */
    public record Page(long latest, List<Entry> records) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private long latest;
    /** Only its formatMessage is used: it fills in {0}-style parameters, as the console does. */
    private final Formatter messages = new SimpleFormatter();
    // Held strongly while installed: java.util.logging keeps loggers weakly, and a collected logger would come back
    // without this handler.
    private Logger logger;

    public DiagnosisFeed() {
        setLevel(Level.ALL);
    }

    @Override
    public synchronized void onStartup(ServletContext servletContext) {
        install();
    }

    /** Adds this handler to {@code dev.wsguard}; a second call does nothing. */
    public synchronized void install() {
        if (logger == null) {
            logger = Logger.getLogger(LOGGER_NAME);
            logger.addHandler(this);
        }
    }

    @Override
    public synchronized void destroy() {
        if (logger != null) {
            logger.removeHandler(this);
            logger = null;
        }
    }

    @Override
    public void publish(LogRecord record) {
        if (record == null || !isLoggable(record)) {
            return;
        }
        String line = messages.formatMessage(record);
        if (line == null) {
            return;
        }
        if (line.length() > MAX_LINE_CHARS) {
            line = line.substring(0, MAX_LINE_CHARS) + "...";
        }
        String code = codeOf(line);
        synchronized (this) {
            entries.addLast(new Entry(++latest, record.getMillis(), record.getLevel().getName(), code, line));
            while (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
    }

    /** The kept lines with a sequence number above {@code after}, oldest first. */
    public synchronized Page after(long after) {
        List<Entry> newer = new ArrayList<>();
        for (Entry e : entries) {
            if (e.seq() > after) {
                newer.add(e);
            }
        }
        return new Page(latest, newer);
    }

    /** "WSG01" for a line that starts with a wsguard code, else null. */
    static String codeOf(String line) {
        if (line.length() >= 5 && line.startsWith("WSG") && Character.isDigit(line.charAt(3))
                && Character.isDigit(line.charAt(4)) && (line.length() == 5 || line.charAt(5) == ' ')) {
            return line.substring(0, 5);
        }
        return null;
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
    }
}
