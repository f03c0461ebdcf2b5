package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** When wsguard's thread may start its work: the deploying thread stopped running, a request came, or the bound. */
class DeploymentEndTest {

    private static final long LONG = TimeUnit.SECONDS.toNanos(30);

    private final AtomicBoolean spinning = new AtomicBoolean(true);
    private final CountDownLatch parked = new CountDownLatch(1);
    private Thread deployer;

    @AfterEach
    void stopDeployer() throws InterruptedException {
        spinning.set(false);
        parked.countDown();
        if (deployer != null) {
            deployer.join(TimeUnit.SECONDS.toMillis(10));
        }
    }

    /** A deploying thread that keeps running, as one still starting the container does. */
    private Thread running() {
        deployer = new Thread(() -> {
            while (spinning.get()) {
                Thread.onSpinWait();
            }
        }, "deploying");
        deployer.start();
        return deployer;
    }

    /** A deploying thread that went back to its pool, or into {@code Server.join()}. */
    private Thread waiting() {
        deployer = new Thread(() -> {
            try {
                parked.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "deployed");
        deployer.start();
        return deployer;
    }

    @Test
    void aDeployingThreadThatWaitsEndsTheWait() {
        long start = System.nanoTime();
        assertTrue(new DeploymentEnd(waiting(), start, LONG).await());
        assertTrue(System.nanoTime() - start < LONG / 3, "waited as if the deployment still ran");
    }

    @Test
    void aDeployingThreadThatEndedEndsTheWait() throws InterruptedException {
        Thread ended = new Thread(() -> { });
        ended.start();
        ended.join();
        long start = System.nanoTime();
        assertTrue(new DeploymentEnd(ended, start, LONG).await());
        assertTrue(System.nanoTime() - start < LONG / 3, "waited as if the deployment still ran");
    }

    @Test
    void aDeployingThreadStillRunningIsWaitedForUpToTheBound() {
        long bound = TimeUnit.MILLISECONDS.toNanos(300);
        long start = System.nanoTime();
        assertTrue(new DeploymentEnd(running(), start, bound).await());
        long waited = System.nanoTime() - start;
        assertTrue(waited >= bound, "went ahead while the deployment ran, after " + waited + " ns");
        assertTrue(waited < LONG / 3, "waited past the bound: " + waited + " ns");
    }

    @Test
    void aRequestEndsTheWait() throws InterruptedException {
        DeploymentEnd end = new DeploymentEnd(running(), System.nanoTime(), LONG);
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread wsguard = new Thread(() -> result.set(end.await()));
        wsguard.start();
        end.wanted();
        wsguard.join(TimeUnit.SECONDS.toMillis(10));
        assertTrue(Boolean.TRUE.equals(result.get()), "still waiting after a request wanted the guard");
    }

    @Test
    void destroyEndsTheWaitWithNothingToStart() throws InterruptedException {
        DeploymentEnd end = new DeploymentEnd(running(), System.nanoTime(), LONG);
        AtomicReference<Boolean> result = new AtomicReference<>();
        Thread wsguard = new Thread(() -> result.set(end.await()));
        wsguard.start();
        wsguard.interrupt();
        wsguard.join(TimeUnit.SECONDS.toMillis(10));
        assertFalse(wsguard.isAlive(), "still waiting after the interrupt");
        assertFalse(result.get(), "an interrupted wait must not start the guard");
    }
}
