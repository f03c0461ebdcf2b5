package dev.wsguard;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a request whose answer is completed asynchronously, after the chain returned, and has it diagnosed
 * once, when the container completes it (after a timeout or an error too: completion follows them).
 */
final class AsyncFollower implements AsyncListener {

    /** The diagnosis of the completed request. */
    @FunctionalInterface
    interface Conclusion {
        void conclude() throws IOException;
    }

    private final Conclusion conclusion;
    private final IncidentReporter reporter;
    private final AtomicBoolean done = new AtomicBoolean();

    AsyncFollower(Conclusion conclusion, IncidentReporter reporter) {
        this.conclusion = conclusion;
        this.reporter = reporter;
    }

    @Override
    public void onComplete(AsyncEvent event) {
        if (!done.compareAndSet(false, true)) {
            return;
        }
        try {
            conclusion.conclude();
        } catch (IOException e) {
            // The client went away while the answer was passed on: not wsguard's failure.
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
        }
    }

    @Override
    public void onTimeout(AsyncEvent event) {
        // The container completes (or errors) the request next; onComplete diagnoses it.
    }

    @Override
    public void onError(AsyncEvent event) {
        // As for timeouts: onComplete follows.
    }

    @Override
    public void onStartAsync(AsyncEvent event) {
        // A new startAsync() drops listeners unless they re-register.
        if (event.getAsyncContext() != null) {
            event.getAsyncContext().addListener(this);
        }
    }
}
