package dev.wsguard;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Where the endpoints a framework deploys itself meet the filter: the framework tells them once its application is
 * ready ({@link #tell}), possibly before the container called the filter's {@code init}, possibly after; the filter's
 * guard takes them whenever both are there ({@link #attach}), exactly once. A filter created for a framework also
 * waits for them before it writes {@code WSG00} ({@link #await}), bounded: {@link #AFTER_FIRST_HELD_LINE} once a line
 * waits for the report, and {@link #AT_MOST} from the filter's start, whichever ends first.
 */
final class FrameworkHandover {

    /**
     * How long a held incident line waits for the framework at most: a request came, so the server is up, and a
     * framework that tells its endpoints when its application is ready does so within moments of that.
     */
    static final long AFTER_FIRST_HELD_LINE = TimeUnit.SECONDS.toNanos(5);
    /** How long {@code WSG00} waits for the framework at most, counted from the filter's start, with no request. */
    static final long AT_MOST = TimeUnit.SECONDS.toNanos(60);
    /** More endpoints than this are not a framework's own; the rest are dropped (the init-param refuses as many). */
    static final int MAX_ENDPOINTS = 1000;
    /** How often the wait looks at its clocks; the handover itself wakes it at once. */
    private static final long STEP = TimeUnit.MILLISECONDS.toNanos(100);

    private final boolean awaited;
    private final long afterFirstHeldLine;
    private final long atMost;
    private final CountDownLatch told = new CountDownLatch(1);
    private final CountDownLatch waiting = new CountDownLatch(1);
    private List<FrameworkEndpoint> endpoints;
    private Consumer<List<FrameworkEndpoint>> receiver;
    /** The framework's check that waits for the report's thread, until that thread takes it. */
    private Runnable beforeReport;
    /** The report's wait is over: a check told from now on runs on the framework's thread. */
    private boolean waitOver;
    private volatile boolean lineHeld;
    private volatile long firstHeldLine;

    /**
     * @param awaited whether {@code WSG00} waits for the framework (a filter a framework created for itself), with
     *                these bounds in nanoseconds
     */
    FrameworkHandover(boolean awaited, long afterFirstHeldLine, long atMost) {
        this.awaited = awaited;
        this.afterFirstHeldLine = afterFirstHeldLine;
        this.atMost = atMost;
    }

    /** For a filter a framework created: {@code WSG00} waits, with the standard bounds. */
    static FrameworkHandover awaited() {
        return new FrameworkHandover(true, AFTER_FIRST_HELD_LINE, AT_MOST);
    }

    /** For a filter a container created: nothing waits, though a framework may still tell its endpoints. */
    static FrameworkHandover notAwaited() {
        return new FrameworkHandover(false, 0, 0);
    }

    boolean isAwaited() {
        return awaited;
    }

    /** Takes the framework's endpoints; false (and nothing changes) if they were told before. */
    boolean tell(Collection<FrameworkEndpoint> told) {
        return tell(told, null);
    }

    /**
     * Takes the framework's endpoints and a check of its own (or null) that the report's thread runs before it writes
     * {@code WSG00} ({@link #takeCheck}); where no report waits for the framework, or its wait is over, the check runs
     * here, on the caller's thread, after the endpoints are taken. False (and nothing changes, nothing runs) if
     * endpoints were told before.
     */
    boolean tell(Collection<FrameworkEndpoint> told, Runnable check) {
        List<FrameworkEndpoint> copy = new ArrayList<>(Math.min(told.size(), MAX_ENDPOINTS));
        for (FrameworkEndpoint e : told) {
            if (copy.size() >= MAX_ENDPOINTS) {
                break;
            }
            copy.add(Objects.requireNonNull(e, "a framework endpoint is null"));
        }
        Consumer<List<FrameworkEndpoint>> r;
        List<FrameworkEndpoint> list = Collections.unmodifiableList(copy);
        boolean runHere;
        synchronized (this) {
            if (endpoints != null) {
                return false;
            }
            endpoints = list;
            r = receiver;
            runHere = !awaited || waitOver;
            if (!runHere) {
                beforeReport = check;
            }
        }
        try {
            if (r != null) {
                r.accept(list);
            }
        } finally {
            this.told.countDown();
        }
        if (runHere && check != null) {
            check.run();
        }
        return true;
    }

    /**
     * Ends the report's wait: the framework's check told with its endpoints, for the report's thread to run before
     * {@code WSG00}, or null; a check told later runs on the framework's thread.
     */
    Runnable takeCheck() {
        synchronized (this) {
            waitOver = true;
            Runnable c = beforeReport;
            beforeReport = null;
            return c;
        }
    }

    /**
     * Hands the endpoints to {@code r} once they are told (now, if they were told already); exactly one of
     * {@code tell} and {@code attach} calls it.
     */
    void attach(Consumer<List<FrameworkEndpoint>> r) {
        List<FrameworkEndpoint> list;
        synchronized (this) {
            receiver = r;
            list = endpoints;
        }
        if (list != null) {
            r.accept(list);
        }
    }

    /** Waits, bounded, until the startup report waits for the framework; for tests. */
    boolean awaitWaiting(long timeout, TimeUnit unit) throws InterruptedException {
        return waiting.await(timeout, unit);
    }

    /** A line waits for {@code WSG00}: the first one starts the short clock. */
    void lineHeld() {
        if (!lineHeld) {
            firstHeldLine = System.nanoTime();
            lineHeld = true;
        }
    }

    /**
     * Waits until the framework told its endpoints, or until a bound ran out, or until the thread is interrupted
     * (the filter is stopping: the interrupt stays set). Returns whether they were told.
     *
     * @param start {@code System.nanoTime()} when the filter started
     */
    boolean await(long start) {
        waiting.countDown();
        try {
            while (true) {
                long now = System.nanoTime();
                long left = start + atMost - now;
                if (lineHeld) {
                    left = Math.min(left, firstHeldLine + afterFirstHeldLine - now);
                }
                if (left <= 0) {
                    return told.getCount() == 0;
                }
                if (told.await(Math.min(left, STEP), TimeUnit.NANOSECONDS)) {
                    return true;
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return told.getCount() == 0;
        }
    }
}
