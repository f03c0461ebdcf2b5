package dev.wsguard.diagnosis;

import dev.wsguard.text.Wording;

/** What wsguard did to the answer; the log line says it, so a user knows what the client got. */
public enum Enforcement {
    /** Mode log: nothing was changed. */
    NONE,
    /** Enforce mode answered the request itself, without passing it on. */
    ANSWERED,
    /** Enforce mode replaced a 2xx answer with its own. */
    REPLACED,
    /** Enforce mode leaves this kind of answer alone (404, 3xx, 401, 403, 5xx, other 4xx). */
    UNCHANGED,
    /** Too late: the container had already sent part of the answer. */
    NOT_REPLACED_COMMITTED,
    /** Too large to hold back. */
    NOT_REPLACED_OVERFLOW,
    /** Answered on another thread after the chain returned. */
    NOT_REPLACED_ASYNC,
    /** Written with non-blocking output, which cannot be held back. */
    NOT_REPLACED_NON_BLOCKING;

    /** The clause the log line uses; empty where the line phrases it itself. */
    public String sentence() {
        return Wording.of(this);
    }
}
