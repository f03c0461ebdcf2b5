package dev.wsguard;

import java.util.concurrent.TimeUnit;

/**
 * wsguard's own thread, one per filter: it does the startup work first (building the guard, the MBean, the webapp
 * scan and the report), so the deployment does not wait for it, then ends log windows as their time runs out, so
 * summaries appear even when traffic stops. Stopping waits for the thread to end, so a container's leak check at
 * undeploy finds nothing.
 */
final class Sweeper {

    private final Thread thread;

    private Sweeper(String name, Runnable first, Runnable sweep) {
        thread = new Thread(() -> {
            first.run();
            while (sweep != null && !Thread.currentThread().isInterrupted()) {
                try {
                    Thread.sleep(1000);
                } catch (InterruptedException e) {
                    return;
                }
                sweep.run();
            }
        }, name);
        thread.setDaemon(true);
    }

    /**
     * Starts the thread, named {@code name}: it runs {@code first}, then {@code sweep} every second until stopped; with
     * {@code sweep} null it ends after {@code first}.
     */
    static Sweeper start(String name, Runnable first, Runnable sweep) {
        Sweeper s = new Sweeper(name, first, sweep);
        s.thread.start();
        return s;
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
