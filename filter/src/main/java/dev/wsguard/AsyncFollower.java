package dev.wsguard;

import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import java.io.IOException;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Follows a request whose answer is completed asynchronously, after the chain returned, and has it diagnosed
 * once, when the container completes it (after a timeout or an error too: completion follows them).
 *
 * <p>The {@link AsyncListener} the container gets is a {@link Proxy} with this as its handler, not a class of
 * wsguard's jar: WildFly takes every concrete class in a webapp (WEB-INF/lib included) that implements
 * AsyncListener for an EE component it might be asked to create and inject, and where a webapp is not a CDI bean
 * archive it warns about one without a no-arg constructor ("WFLYEE0007: Not installing optional component").
 * A follower holds one request's state and is only ever made here, so it is no component; a proxy class is made
 * at run time, where no deployment scan sees it.
 */
final class AsyncFollower implements InvocationHandler {

    /** The diagnosis of the completed request. */
    @FunctionalInterface
    interface Conclusion {
        void conclude() throws IOException;
    }

    private final Conclusion conclusion;
    private final IncidentReporter reporter;
    private final AtomicBoolean done = new AtomicBoolean();

    private AsyncFollower(Conclusion conclusion, IncidentReporter reporter) {
        this.conclusion = conclusion;
        this.reporter = reporter;
    }

    /**
     * A new listener that has {@code conclusion} run once the request completes. The proxy class is defined by
     * the Servlet API's own class loader, so it is made once for the server, never once per webapp.
     */
    static AsyncListener listener(Conclusion conclusion, IncidentReporter reporter) {
        return (AsyncListener) Proxy.newProxyInstance(AsyncListener.class.getClassLoader(),
                new Class<?>[] {AsyncListener.class}, new AsyncFollower(conclusion, reporter));
    }

    @Override
    public Object invoke(Object listener, Method method, Object[] args) {
        switch (method.getName()) {
            case "onComplete":
                onComplete();
                return null;
            case "onStartAsync":
                onStartAsync(listener, (AsyncEvent) args[0]);
                return null;
            case "equals":
                return listener == args[0];
            case "hashCode":
                return System.identityHashCode(listener);
            case "toString":
                return "wsguard's follower of an asynchronous answer";
            default:
                // onTimeout and onError: the container completes (or errors) the request next; onComplete
                // diagnoses it.
                return null;
        }
    }

    private void onComplete() {
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

    private static void onStartAsync(Object listener, AsyncEvent event) {
        // A new startAsync() drops listeners unless they re-register.
        if (event.getAsyncContext() != null) {
            event.getAsyncContext().addListener((AsyncListener) listener);
        }
    }
}
