package dev.wsguard.probe;

import java.util.Locale;

/** What a run concluded, each with the process exit code probe/README.md documents. */
enum Verdict {
    /** 101 with the right accept, a pong, and the echo when one was asked for. */
    WORKS(0),
    /** The URL reaches no WebSocket endpoint: WSG01, WSG02, WSG08. */
    MISROUTED(2),
    /** Something in front of the endpoint refused it: WSG07 (3xx, 401, 403, 5xx). */
    REFUSED(3),
    /** No HTTP answer at all: connection refused, unknown host, timeout. */
    UNREACHABLE(4),
    /** The TLS handshake failed or stalled. */
    TLS_FAILURE(5),
    /** An answer that breaks the protocol: a bad 101, no pong, garbage, an endless head. */
    PROTOCOL_ERROR(6),
    /** The command line was wrong; nothing was sent. */
    USAGE(64);

    private final int exitCode;

    Verdict(int exitCode) {
        this.exitCode = exitCode;
    }

    int exitCode() {
        return exitCode;
    }

    /** The name in JSON and in the report: {@code works}, {@code misrouted}, {@code tls-failure}... */
    String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
