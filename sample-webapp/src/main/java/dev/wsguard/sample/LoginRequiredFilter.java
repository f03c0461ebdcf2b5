package dev.wsguard.sample;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The security filter of the protected area {@code /secure/*}, registered after wsguard: a request
 * without an authenticated user is redirected to the login page, as form-login setups do. A
 * WebSocket handshake gets the same 302, which a browser cannot follow during a handshake; wsguard
 * logs it as WSG07.
 *
 * <p>The demo configures no authentication, so every request here is redirected. (On Jetty a real
 * endpoint mapped under {@code /secure/} would be upgraded before any application filter runs, so
 * the demo maps none there: the notifications socket would only be served after login.)
 */
public class LoginRequiredFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    public static final String LOGIN_PATH = "/login";

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (request.getUserPrincipal() != null) {
            chain.doFilter(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + LOGIN_PATH);
    }
}
