package dev.wsguard.report;

import dev.wsguard.config.LogSink;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Writes lines to the {@code java.util.logging} logger {@code dev.wsguard} and, when configured,
 * to {@code ServletContext.log}. Lines go in as plain messages without parameters, so no
 * formatter interprets braces or quotes from request data.
 */
public final class LogOutput implements IncidentLog.Sink {

    public static final String LOGGER_NAME = "dev.wsguard";
    private static final String SOURCE_CLASS = "dev.wsguard.WebSocketGuardFilter";

    private final Logger logger;
    private final boolean toLogger;
    private final Consumer<String> contextLog;

    /**
     * @param toLogger   whether to write to the {@code dev.wsguard} logger
     * @param contextLog {@code ServletContext::log}, or null
     */
    public LogOutput(boolean toLogger, Consumer<String> contextLog) {
        this.logger = Logger.getLogger(LOGGER_NAME);
        this.toLogger = toLogger;
        this.contextLog = contextLog;
    }

    @Override
    public void write(Level level, String line) {
        if (toLogger && logger.isLoggable(level)) {
            logger.logp(level, SOURCE_CLASS, "doFilter", line);
        }
        if (contextLog != null) {
            try {
                contextLog.accept(level.getName() + " " + line);
            } catch (RuntimeException e) {
                // A context that is shutting down may refuse to log; the JUL line is already written.
            }
        }
    }

    /**
     * The output the {@code log-sink} parameter asks for: the logger, the servlet context's log through
     * {@code contextLog}, or both.
     */
    public static LogOutput to(LogSink sink, Consumer<String> contextLog) {
        return new LogOutput(sink != LogSink.SERVLET_CONTEXT, sink == LogSink.LOGGER ? null : contextLog);
    }

    /** Whether a line at this level would be written anywhere; lets callers skip rendering. */
    public boolean isLoggable(Level level) {
        return contextLog != null || (toLogger && logger.isLoggable(level));
    }
}
