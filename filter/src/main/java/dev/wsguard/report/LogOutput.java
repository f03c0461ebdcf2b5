package dev.wsguard.report;

import dev.wsguard.config.LogSink;
import dev.wsguard.diagnosis.DiagnosisCode;
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
    /** Where the filter's lines come from, as a record names its source: the filter's life or a request. */
    private static final String FILTER = "dev.wsguard.WebSocketGuardFilter";

    private final Logger logger;
    private final String sourceClass;
    private final String requestMethod;
    private final boolean toLogger;
    private final Consumer<String> contextLog;

    /**
     * @param toLogger   whether to write to the {@code dev.wsguard} logger
     * @param contextLog {@code ServletContext::log}, or null
     */
    public LogOutput(boolean toLogger, Consumer<String> contextLog) {
        this(toLogger, contextLog, FILTER, "doFilter");
    }

    /**
     * A writer that names another source in its records (wsguard-jetty's request log): its class, and the method
     * per-request lines come from; startup and configuration lines name {@code init}.
     */
    public LogOutput(boolean toLogger, Consumer<String> contextLog, String sourceClass, String requestMethod) {
        this.sourceClass = sourceClass;
        this.requestMethod = requestMethod;
        this.logger = Logger.getLogger(LOGGER_NAME);
        this.toLogger = toLogger;
        this.contextLog = contextLog;
    }

    @Override
    public void write(Level level, String line) {
        if (toLogger && logger.isLoggable(level)) {
            logger.logp(level, sourceClass, fromStartup(line) ? "init" : requestMethod, line);
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
     * Whether the line is one of a context's startup report (WSG00, WSG09 to WSG13), written once by the filter's own
     * thread rather than for a request, by its code.
     */
    static boolean fromStartup(String line) {
        if (line.length() < 6 || line.charAt(5) != ' ' || !line.startsWith("WSG")) {
            return false;
        }
        String code = line.substring(0, 5);
        return code.equals(DiagnosisCode.WSG00.name()) || code.compareTo(DiagnosisCode.WSG09.name()) >= 0
                && code.compareTo(DiagnosisCode.WSG13.name()) <= 0;
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
