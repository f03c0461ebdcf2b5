package dev.wsguard.suite.scenarios;

import java.util.Locale;

/** wsguard's {@code mode} init-param. */
public enum GuardMode {
    OFF, LOG, ENFORCE;

    public String paramValue() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return paramValue();
    }
}
