package dev.wsguard;

import java.util.Arrays;
import java.util.function.Consumer;

/**
 * The listeners of one filter, as an array replaced on each (rare) addition, so a request with none registered pays
 * one volatile read.
 */
final class Listeners {

    private static final GuardListener[] NONE = new GuardListener[0];

    private volatile GuardListener[] listeners = NONE;

    synchronized void add(GuardListener listener) {
        GuardListener[] grown = Arrays.copyOf(listeners, listeners.length + 1);
        grown[grown.length - 1] = listener;
        listeners = grown;
    }

    boolean isEmpty() {
        return listeners.length == 0;
    }

    /** Tells every listener of an incident; a listener's failure goes to {@code failed} and the others still hear. */
    void incident(String code, String endpoint, Consumer<Throwable> failed) {
        for (GuardListener l : listeners) {
            try {
                l.incident(code, endpoint);
            } catch (RuntimeException | LinkageError e) {
                failed.accept(e);
            }
        }
    }

    /** Tells every listener of an upgrade attempt's outcome. */
    void upgrade(String outcome, Consumer<Throwable> failed) {
        for (GuardListener l : listeners) {
            try {
                l.upgrade(outcome);
            } catch (RuntimeException | LinkageError e) {
                failed.accept(e);
            }
        }
    }
}
