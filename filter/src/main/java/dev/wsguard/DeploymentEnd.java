package dev.wsguard;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * When the deployment that called the filter's {@code init} is over, as far as wsguard can tell: the thread that ran
 * {@code init} has stopped running (two looks in a row find it waiting, blocked or ended), or a request wants the
 * guard, or {@link #AT_MOST} has passed since {@code init}. wsguard's thread waits for it before its startup work
 * (the guard, the MBean, the {@code WEB-INF} scan): on a small machine, work done while the deployment still runs takes
 * CPU from it even on another thread.
 */
final class DeploymentEnd {

    /**
     * How long wsguard's thread waits at most, from {@code init}: a container that deploys many webapps on one thread
     * keeps that thread running, and the report should not wait for all of them.
     */
    static final long AT_MOST = TimeUnit.SECONDS.toNanos(1);
    /** How often the thread that ran {@code init} is looked at. */
    private static final long LOOK_NANOS = TimeUnit.MILLISECONDS.toNanos(5);

    private final long initNanos;
    private final long atMost;
    private final CountDownLatch wanted = new CountDownLatch(1);
    /** Cleared once the wait is over: the container's thread is not wsguard's to keep. */
    private volatile Thread deployer;

    /**
     * @param deployer  the thread that runs {@code init} (the container's deploying thread)
     * @param initNanos {@code System.nanoTime()} when {@code init} began
     * @param atMost    the longest wait in nanoseconds, counted from {@code initNanos}
     */
    DeploymentEnd(Thread deployer, long initNanos, long atMost) {
        this.deployer = deployer;
        this.initNanos = initNanos;
        this.atMost = atMost;
    }

    /** {@code System.nanoTime()} when {@code init} began. */
    long initNanos() {
        return initNanos;
    }

    /** A request (or a snapshot) wants the guard: the server is up, so the deployment is over. */
    void wanted() {
        wanted.countDown();
    }

    /** Waits as the class says; false if the waiting thread was interrupted (the filter is being destroyed). */
    boolean await() {
        Thread watched = deployer;
        try {
            int quietLooks = 0;
            while (watched != null && quietLooks < 2 && System.nanoTime() - initNanos < atMost) {
                if (wanted.await(LOOK_NANOS, TimeUnit.NANOSECONDS)) {
                    return true;
                }
                quietLooks = watched.getState() == Thread.State.RUNNABLE ? 0 : quietLooks + 1;
            }
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } finally {
            deployer = null;
        }
    }
}
