package dev.wsguard.spring.boot;

import dev.wsguard.config.InvalidConfigException;

/**
 * A {@code wsguard.*} property whose value wsguard's filter refuses. Thrown while the filter's registration is
 * created, so the application stops before its server starts; {@link InvalidWsguardPropertyFailureAnalyzer} turns it
 * into Boot's "APPLICATION FAILED TO START" report.
 */
public class InvalidWsguardPropertyException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** How the filter's message starts, for a value given as its init-param {@code <name>}. */
    private static final String FILTER_PREFIX = "wsguard: init-param '%s' ";

    private final String parameter;
    private final String value;
    private final String origin;

    InvalidWsguardPropertyException(String parameter, String value, InvalidConfigException cause) {
        this(parameter, value, null, cause);
    }

    private InvalidWsguardPropertyException(String parameter, String value, String origin, InvalidConfigException cause) {
        super(describe(parameter, cause.getMessage()) + "." + (origin != null ? " It is set in " + origin + "." : ""),
                cause);
        this.parameter = parameter;
        this.value = value;
        this.origin = origin;
    }

    /** The same failure, saying where the property was set. */
    InvalidWsguardPropertyException withOrigin(String where) {
        return where == null ? this
                : new InvalidWsguardPropertyException(parameter, value, where, (InvalidConfigException) getCause());
    }

    /** The property, {@code wsguard.<name>}. */
    public String getProperty() {
        return WsguardProperties.PREFIX + "." + parameter;
    }

    /** The filter's parameter name. */
    public String getParameter() {
        return parameter;
    }

    /** The value as the application set it (the filter's init-param value). */
    public String getValue() {
        return value;
    }

    /** Where the property was set ("class path resource [application.properties] - 3:14"), or null if unknown. */
    public String getOrigin() {
        return origin;
    }

    /** The filter's own words: the parameter, the value (sanitized, in brackets) and what is allowed. */
    public String getFilterMessage() {
        return getCause().getMessage();
    }

    /**
     * What the filter allows for this parameter, as its message says it ("allowed values: log, enforce, off"):
     * the message's last clause, after the value.
     */
    public String getAllowed() {
        String message = getFilterMessage();
        int last = message.lastIndexOf("; ");
        return last < 0 ? message : message.substring(last + 2);
    }

    /**
     * The filter's message with the property's name in place of the init-param's: "The property 'wsguard.mode' has
     * the invalid value [bogus]; allowed values: log, enforce, off". The exception's message is this sentence, and
     * where the property was set when that is known.
     */
    private static String describe(String parameter, String filterMessage) {
        String prefix = String.format(FILTER_PREFIX, parameter);
        String property = "'" + WsguardProperties.PREFIX + "." + parameter + "'";
        if (filterMessage.startsWith(prefix)) {
            return "The property " + property + " " + filterMessage.substring(prefix.length());
        }
        return "The property " + property + " was refused by wsguard: " + filterMessage;
    }
}
