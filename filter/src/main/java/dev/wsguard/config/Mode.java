package dev.wsguard.config;

/** What the filter does with what it finds (init-param {@code mode}). */
public enum Mode {
    /** Diagnose and log; never change a response. */
    LOG,
    /** Also answer bad or misrouted upgrade requests with a clear 400/426. */
    ENFORCE,
    /** Pass everything through untouched. */
    OFF
}
