package dev.wsguard.testkit.servlet;

import jakarta.servlet.AsyncContext;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * The asynchronous context of a {@link RequestDouble}: it keeps the listeners registered on it, and the test
 * plays the container, ending the request with {@link #complete()}, which tells every listener, as a container
 * does once the answer is written.
 */
public final class AsyncContextDouble implements AsyncContext {

    private final ServletRequest request;
    private final ServletResponse response;
    private final List<AsyncListener> listeners = new ArrayList<>();
    private long timeout = 30_000;
    private boolean completed;

    AsyncContextDouble(ServletRequest request, ServletResponse response) {
        this.request = request;
        this.response = response;
    }

    /** The listeners registered so far, in order. */
    public List<AsyncListener> listeners() {
        return List.copyOf(listeners);
    }

    public boolean isCompleted() {
        return completed;
    }

    @Override
    public void complete() {
        completed = true;
        AsyncEvent event = new AsyncEvent(this, request, response);
        for (AsyncListener listener : listeners()) {
            try {
                listener.onComplete(event);
            } catch (IOException e) {
                throw new IllegalStateException("an AsyncListener failed on complete", e);
            }
        }
    }

    @Override
    public ServletRequest getRequest() {
        return request;
    }

    @Override
    public ServletResponse getResponse() {
        return response;
    }

    @Override
    public boolean hasOriginalRequestAndResponse() {
        return true;
    }

    @Override
    public void dispatch() {
        throw new UnsupportedOperationException("a request double cannot be dispatched");
    }

    @Override
    public void dispatch(String path) {
        dispatch();
    }

    @Override
    public void dispatch(ServletContext context, String path) {
        dispatch();
    }

    @Override
    public void start(Runnable run) {
        run.run();
    }

    @Override
    public void addListener(AsyncListener listener) {
        listeners.add(listener);
    }

    @Override
    public void addListener(AsyncListener listener, ServletRequest servletRequest, ServletResponse servletResponse) {
        listeners.add(listener);
    }

    @Override
    public <T extends AsyncListener> T createListener(Class<T> type) {
        throw new UnsupportedOperationException("a request double creates no listeners");
    }

    @Override
    public void setTimeout(long millis) {
        this.timeout = millis;
    }

    @Override
    public long getTimeout() {
        return timeout;
    }
}
