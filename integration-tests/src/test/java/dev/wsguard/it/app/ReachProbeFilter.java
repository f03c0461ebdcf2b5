package dev.wsguard.it.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A pass-through filter put where wsguard would be (first, {@code /*}) in baseline runs, to record
 * which requests a filter in that position is given at all. On Jetty the WebSocket upgrade filter runs
 * before any application filter and may answer itself; this makes that a measured fact per row.
 */
public class ReachProbeFilter implements Filter {

    public static final String PROBE_ID_PARAM = "probe-id";

    private static final Map<String, List<String>> SEEN = new ConcurrentHashMap<>();

    private List<String> seen;

    /** Request lines ({@code METHOD uri}) that reached the probe registered under {@code probeId}. */
    public static List<String> seen(String probeId) {
        return List.copyOf(SEEN.getOrDefault(probeId, List.of()));
    }

    public static void forget(String probeId) {
        SEEN.remove(probeId);
    }

    @Override
    public void init(FilterConfig config) throws ServletException {
        String id = config.getInitParameter(PROBE_ID_PARAM);
        if (id == null) {
            throw new ServletException(PROBE_ID_PARAM + " missing");
        }
        seen = SEEN.computeIfAbsent(id, k -> new CopyOnWriteArrayList<>());
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        seen.add(request.getMethod() + " " + request.getRequestURI());
        chain.doFilter(req, res);
    }
}
