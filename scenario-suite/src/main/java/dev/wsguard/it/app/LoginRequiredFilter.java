package dev.wsguard.it.app;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * A stand-in for a security filter (Spring Security, a login check): nobody is logged in, so every
 * request it sees is answered without calling the chain, either with a login redirect or with a
 * Basic challenge (init-param {@value #ANSWER_PARAM}).
 */
public class LoginRequiredFilter implements Filter {

    public static final String ANSWER_PARAM = "answer";
    public static final String ANSWER_REDIRECT = "redirect";
    public static final String ANSWER_CHALLENGE = "challenge";
    public static final String CHALLENGE = "Basic realm=\"wsguard-it\"";

    private boolean challenge;

    @Override
    public void init(FilterConfig config) throws ServletException {
        String answer = config.getInitParameter(ANSWER_PARAM);
        if (ANSWER_CHALLENGE.equals(answer)) {
            challenge = true;
        } else if (answer == null || ANSWER_REDIRECT.equals(answer)) {
            challenge = false;
        } else {
            throw new ServletException("unknown answer " + answer);
        }
    }

    @Override
    public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain) throws IOException {
        HttpServletRequest request = (HttpServletRequest) req;
        HttpServletResponse response = (HttpServletResponse) res;
        if (challenge) {
            byte[] body = "login required\n".getBytes(StandardCharsets.UTF_8);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", CHALLENGE);
            response.setContentType("text/plain;charset=UTF-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        } else {
            // Set by hand rather than sendRedirect: containers differ on absolute vs relative Location.
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + "/login");
            response.setContentLength(0);
        }
    }
}
