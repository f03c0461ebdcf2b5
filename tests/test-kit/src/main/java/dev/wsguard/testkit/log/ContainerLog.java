package dev.wsguard.testkit.log;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.logging.SimpleFormatter;
import java.util.stream.Collectors;

/**
 * What the containers (and libraries inside the web apps, such as Tyrus) log through java.util.logging while
 * attached, wsguard's own logger aside: WARNING and above from every logger, and everything from the loggers named
 * verbose (their level is lowered to ALL meanwhile, as a user debugging them would). Embedded Tomcat logs there.
 * For asserting a container's own failure as its log shows it.
 */
public final class ContainerLog implements AutoCloseable {

    private final Logger root = Logger.getLogger("");
    private final List<LogRecord> records = new CopyOnWriteArrayList<>();
    // Held strongly while attached: JUL keeps loggers weakly, and a collected logger would forget its level.
    private final Map<Logger, Level> verbose = new LinkedHashMap<>();
    private final SimpleFormatter formatter = new SimpleFormatter();
    private final Handler handler = new Handler() {
        @Override
        public void publish(LogRecord record) {
            String name = record.getLoggerName() == null ? "" : record.getLoggerName();
            boolean loud = record.getLevel().intValue() >= Level.WARNING.intValue();
            boolean asked = verbose.keySet().stream().anyMatch(l -> name.startsWith(l.getName()));
            if ((loud || asked) && !name.startsWith(GuardLogCapture.LOGGER_NAME)) {
                records.add(record);
            }
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private ContainerLog() {
    }

    /** @param verboseLoggers logger names (and their children) whose every record is kept, down to FINEST */
    public static ContainerLog attach(String... verboseLoggers) {
        ContainerLog log = new ContainerLog();
        for (String name : verboseLoggers) {
            Logger logger = Logger.getLogger(name);
            log.verbose.put(logger, logger.getLevel());
            logger.setLevel(Level.ALL);
        }
        log.root.addHandler(log.handler);
        return log;
    }

    /** The first exception logged SEVERE by a logger under {@code loggerPrefix}, or null. */
    public Throwable firstSevere(String loggerPrefix) {
        return records.stream()
                .filter(r -> r.getThrown() != null && r.getLevel().intValue() >= Level.SEVERE.intValue()
                        && r.getLoggerName() != null && r.getLoggerName().startsWith(loggerPrefix))
                .map(LogRecord::getThrown).findFirst().orElse(null);
    }

    /** Each record as one line: level, logger, message, then every exception of its chain (class: message). */
    public List<String> lines() {
        return records.stream().map(this::line).collect(Collectors.toList());
    }

    private String line(LogRecord record) {
        StringBuilder b = new StringBuilder().append(record.getLevel()).append(' ').append(record.getLoggerName())
                .append(": ").append(formatter.formatMessage(record));
        Throwable t = record.getThrown();
        for (int i = 0; i < 10 && t != null; i++, t = t.getCause() == t ? null : t.getCause()) {
            b.append(i == 0 ? " | " : " <- ").append(t.getClass().getName()).append(": ").append(t.getMessage());
        }
        return b.toString();
    }

    @Override
    public void close() {
        root.removeHandler(handler);
        verbose.forEach(Logger::setLevel);
    }
}
