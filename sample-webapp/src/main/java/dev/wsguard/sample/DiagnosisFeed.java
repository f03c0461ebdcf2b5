package dev.wsguard.sample;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
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

/**
 * Keeps the latest lines of wsguard's logger {@code dev.wsguard} for the demo page, each with a
 * sequence number, so the page can ask "what was logged after line N?" ({@link DiagnosesServlet}).
 * The filter itself gains no such endpoint: this is the sample listening to the same
 * {@code java.util.logging} logger that the container's log reads.
 *
 * <p>A {@code ServletContextListener} (declared in web.xml before the filter initializes, so the
 * startup lines are kept too): installs itself on the logger when the context starts and removes
 * itself when it stops, so a redeploy leaves no handler (and no class loader) behind. Where one
 * logger serves the whole JVM, as on Jetty, every context's lines arrive here, which is how the page
 * sees the line that the ROOT context's wsguard wrote about a URL that lacks the context path.
 */
public class DiagnosisFeed implements ServletContextListener {

    public static final String LOGGER_NAME = "dev.wsguard";
    /** The context attribute under which the installed feed is found. */
    public static final String ATTRIBUTE = DiagnosisFeed.class.getName();

    /** A demo session needs the last few dozen lines; older ones are dropped so memory stays bounded. */
    static final int CAPACITY = 200;
    /** wsguard cuts each request field to 256 characters; a line longer than this is cut too. */
    static final int MAX_LINE_CHARS = 4096;

    /** One kept line. {@code code} is the leading {@code WSGnn}, or null for a line without one. */
    public record Entry(long sequence, long millis, String level, String code, String line) {
    }

    /** Lines after a given sequence number, and the newest sequence number handed out so far. */
    public record Page(long latest, List<Entry> entries) {
    }

    private final Deque<Entry> entries = new ArrayDeque<>(CAPACITY);
    private long latestSequence;
    /** Only its formatMessage is used: it fills in {0}-style parameters and localizes, like the console does. */
    private final Formatter messages = new SimpleFormatter();
    // A field, not the superclass: WildFly takes a declared listener for an EE component and indexes its class
    // hierarchy by reflection, which java.logging refuses for Handler's private fields, so a listener that extends
    // Handler is logged as a component not installed (WFLYEE0007) in every deployment of the sample.
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            DiagnosisFeed.this.publish(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };
    // Held strongly while installed: java.util.logging keeps loggers only weakly, and a collected
    // logger would come back without this handler.
    private Logger logger;

    public DiagnosisFeed() {
        handler.setLevel(Level.ALL);
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        logger = Logger.getLogger(LOGGER_NAME);
        logger.addHandler(handler);
        context.setAttribute(ATTRIBUTE, this);
    }

    @Override
    public void contextDestroyed(ServletContextEvent event) {
        event.getServletContext().removeAttribute(ATTRIBUTE);
        if (logger != null) {
            logger.removeHandler(handler);
            logger = null;
        }
    }

    /** The feed installed in a context, or null when the listener did not run there. */
    public static DiagnosisFeed in(ServletContext context) {
        Object feed = context.getAttribute(ATTRIBUTE);
        return feed instanceof DiagnosisFeed ? (DiagnosisFeed) feed : null;
    }

    /** Keeps the line of one record of wsguard's logger. */
    public void publish(LogRecord record) {
        if (record == null || !handler.isLoggable(record)) {
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
            entries.addLast(new Entry(++latestSequence, record.getMillis(), record.getLevel().getName(), code, line));
            while (entries.size() > CAPACITY) {
                entries.removeFirst();
            }
        }
    }

    /** The kept lines with a sequence number greater than {@code after}, oldest first. */
    public synchronized Page after(long after) {
        List<Entry> newer = new ArrayList<>();
        for (Entry e : entries) {
            if (e.sequence() > after) {
                newer.add(e);
            }
        }
        return new Page(latestSequence, newer);
    }

    /** "WSG01" for a line that starts with a wsguard code, else null. */
    static String codeOf(String line) {
        if (line.length() >= 5 && line.startsWith("WSG") && Character.isDigit(line.charAt(3))
                && Character.isDigit(line.charAt(4)) && (line.length() == 5 || line.charAt(5) == ' ')) {
            return line.substring(0, 5);
        }
        return null;
    }
}
