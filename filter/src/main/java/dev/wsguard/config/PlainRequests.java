package dev.wsguard.config;

/** What to do with a plain GET (no upgrade headers) to a known endpoint path (init-param {@code plain-requests}). */
public enum PlainRequests {
    IGNORE,
    LOG,
    /** Log, and in enforce mode answer 426. */
    REJECT
}
