package dev.wsguard.config;

/** A parameter value wsguard cannot use; the message names the parameter, the value and what is allowed. */
public final class InvalidConfigException extends Exception {

    private static final long serialVersionUID = 1L;

    public InvalidConfigException(String message) {
        super(message);
    }
}
