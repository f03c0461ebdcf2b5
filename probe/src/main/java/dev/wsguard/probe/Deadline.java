package dev.wsguard.probe;

import java.net.SocketTimeoutException;

/** The one time budget of a run: every connect, read and wait takes what is left of it, so a run ends in time. */
final class Deadline {

    private final long endNanos;
    private final long budgetMillis;

    private Deadline(long budgetMillis) {
        this.budgetMillis = budgetMillis;
        this.endNanos = System.nanoTime() + budgetMillis * 1_000_000L;
    }

    static Deadline inMillis(long millis) {
        return new Deadline(Math.max(1, millis));
    }

    long budgetMillis() {
        return budgetMillis;
    }

    /** Milliseconds left, at least 1 while time remains (0 means "no timeout" to sockets, so never hand out 0). */
    long remainingMillis() {
        long left = (endNanos - System.nanoTime()) / 1_000_000L;
        return Math.max(0, left);
    }

    boolean expired() {
        return endNanos - System.nanoTime() <= 0;
    }

    /** What is left as a socket timeout, or a timeout exception when nothing is. */
    int socketTimeout() throws SocketTimeoutException {
        long left = remainingMillis();
        if (left <= 0) {
            throw new SocketTimeoutException("the time budget of " + budgetMillis + " ms ran out");
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** At most {@code capMillis} of what is left: a wait that must not use the whole budget. */
    Deadline capped(long capMillis) {
        return inMillis(Math.min(capMillis, Math.max(1, remainingMillis())));
    }
}
