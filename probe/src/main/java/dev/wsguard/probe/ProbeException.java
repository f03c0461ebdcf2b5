package dev.wsguard.probe;

/**
 * A run that ended without a usable HTTP answer: the verdict it earns (unreachable, TLS, protocol) and what happened,
 * in the probe's words. {@code detail} may hold server bytes; it is sanitized where it is shown.
 */
final class ProbeException extends Exception {

    private static final long serialVersionUID = 1L;

    private final Verdict verdict;
    private final String fixKey;

    ProbeException(Verdict verdict, String fixKey, String detail) {
        super(detail);
        this.verdict = verdict;
        this.fixKey = fixKey;
    }

    ProbeException(Verdict verdict, String fixKey, String detail, Throwable cause) {
        super(detail, cause);
        this.verdict = verdict;
        this.fixKey = fixKey;
    }

    Verdict verdict() {
        return verdict;
    }

    /** The key of the fix sentence in probe.properties. */
    String fixKey() {
        return fixKey;
    }

    static ProbeException protocol(String fixKey, String detail) {
        return new ProbeException(Verdict.PROTOCOL_ERROR, fixKey, detail);
    }
}
