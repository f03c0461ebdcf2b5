package dev.wsguard;

import java.util.concurrent.TimeUnit;

/**
 * wsguard's own thread, one per filter: it does the startup work first (building the guard, the MBean, the webapp
 * scan and the report), so the deployment does not wait for it, then ends log windows as their time runs out, so
 * summaries appear even when traffic stops. Stopping waits for the thread to end, so a container's leak check at
 * undeploy finds nothing.
 *
 * <p>It calls the filter itself rather than lambdas the filter passes: it is started on the deployment's thread, where
 * each lambda's first use costs a fresh JVM its linkage (docs/performance.md, "Startup cost").
 */
final class Sweeper implements Runnable {

    private final Thread thread;
    private final WebSocketGuardFilter filter;

    private Sweeper(String name, WebSocketGuardFilter filter) {
        this.filter = filter;
        thread = new Thread(this, name);
        thread.setDaemon(true);
    }

    /**
     * Starts the thread, named {@code name}: it runs the filter's startup work, then, if that says so, sweeps its log
     * windows every second until stopped.
     */
    static Sweeper start(String name, WebSocketGuardFilter filter) {
        Sweeper s = new Sweeper(name, filter);
        s.thread.start();
        return s;
    }

    /** The thread's body; not for other callers. */
    @Override
    public void run() {
        if (Thread.currentThread() != thread) {
            throw new IllegalStateException("only wsguard's own thread runs this");
        }
        boolean sweep = filter.startOnThisThread();
        while (sweep && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            filter.sweep();
        }
    }

    /** Interrupts the thread (a scan in progress stops early) and waits, bounded, for it to end. */
    void stop() {
        thread.interrupt();
        try {
            thread.join(TimeUnit.SECONDS.toMillis(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
