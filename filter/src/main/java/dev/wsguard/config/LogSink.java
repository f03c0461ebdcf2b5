package dev.wsguard.config;

/** Where diagnoses go (init-param {@code log-sink}); the {@code dev.wsguard} logger is the default. */
public enum LogSink {
    /** The java.util.logging logger {@code dev.wsguard}. */
    LOGGER,
    /** {@code ServletContext.log} only, for containers whose JUL output nobody reads. */
    SERVLET_CONTEXT,
    /** Both. */
    BOTH
}
