package dev.wsguard.startupwars.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;

/**
 * The single-page-application fallback many apps declare in web.xml: every path that names no file
 * (no dot in its last segment) and is not the shell itself is forwarded to {@value #SHELL}, so that
 * client-side routes survive a reload. It does not know WebSocket paths, so it forwards those too.
 */
public class SpaForwardFilter implements Filter {

    public static final String SHELL = "/index.html";

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
            throws IOException, ServletException {
        HttpServletRequest request = (HttpServletRequest) req;
        String path = request.getRequestURI().substring(request.getContextPath().length());
        String last = path.substring(path.lastIndexOf('/') + 1);
        if (last.contains(".")) {
            chain.doFilter(req, res);
        } else {
            request.getRequestDispatcher(SHELL).forward(req, res);
        }
    }
}
