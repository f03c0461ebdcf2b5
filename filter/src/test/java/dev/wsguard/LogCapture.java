package dev.wsguard;

import java.util.ArrayList;
import java.util.List;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;

/** Records what the {@code dev.wsguard} logger writes during a test. */
final class LogCapture extends Handler implements AutoCloseable {

    private final Logger logger = Logger.getLogger("dev.wsguard");
    private final List<LogRecord> records = new ArrayList<>();
    private final Level previous;

    LogCapture() {
        previous = logger.getLevel();
        logger.setLevel(Level.ALL);
        setLevel(Level.ALL);
        logger.addHandler(this);
    }

    @Override
    public synchronized void publish(LogRecord record) {
        records.add(record);
    }

    synchronized List<String> lines() {
        return records.stream().map(LogRecord::getMessage).collect(Collectors.toList());
    }

    synchronized List<String> lines(String code) {
        return lines().stream().filter(l -> l.startsWith(code + " ")).collect(Collectors.toList());
    }

    synchronized Level levelOf(String code) {
        return records.stream().filter(r -> r.getMessage().startsWith(code + " ")).map(LogRecord::getLevel)
                .findFirst().orElse(null);
    }

    synchronized void clear() {
        records.clear();
    }

    @Override
    public void flush() {
    }

    @Override
    public void close() {
        logger.removeHandler(this);
        logger.setLevel(previous);
    }
}
