package dev.wsguard.testkit.servlet;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The rest of the chain behind a filter: it remembers what reached it (how often, and the last request and
 * response, so a test can tell whether they came wrapped), and answers as the test says, or not at all.
 */
public final class ChainDouble implements FilterChain {

    private final FilterChain answer;
    private int calls;
    private ServletRequest request;
    private ServletResponse response;

    private ChainDouble(FilterChain answer) {
        this.answer = answer;
    }

    /** A chain that writes nothing: whatever the container's response holds is the answer. */
    public static ChainDouble passing() {
        return new ChainDouble((req, res) -> { });
    }

    /** A chain whose servlet answers as {@code answer} does. */
    public static ChainDouble answering(FilterChain answer) {
        return new ChainDouble(answer);
    }

    /** A chain whose servlet answers with this status, content type (none if null) and body. */
    public static ChainDouble answering(int status, String contentType, String body) {
        return answering((req, res) -> {
            HttpServletResponse r = (HttpServletResponse) res;
            r.setStatus(status);
            if (contentType != null) {
                r.setContentType(contentType);
            }
            r.getWriter().print(body);
        });
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res) throws IOException, ServletException {
        calls++;
        request = req;
        response = res;
        answer.doFilter(req, res);
    }

    /** How often the chain was called. */
    public int calls() {
        return calls;
    }

    /** The request the chain last received, or null. */
    public ServletRequest request() {
        return request;
    }

    /** The response the chain last received, or null. */
    public ServletResponse response() {
        return response;
    }
}
