package dev.wsguard.distribution.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An application filter that answers every request itself, 200 text/plain, as a security or
 * single-page-app filter does. Packaged into the plain test webapp and run by Jetty, never here:
 * an upgrade it answers is diagnosed only by a wsguard filter that runs before it.
 */
public class AnsweringFilter implements Filter {

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain) throws IOException {
        HttpServletResponse http = (HttpServletResponse) response;
        http.setStatus(200);
        http.setContentType("text/plain;charset=UTF-8");
        http.getOutputStream().write("answered by the application's filter\n".getBytes(StandardCharsets.UTF_8));
    }
}
