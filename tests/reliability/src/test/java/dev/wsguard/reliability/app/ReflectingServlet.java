package dev.wsguard.reliability.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An application that reflects the decoded request path into its answer, as careless error pages, login redirects
 * and challenges do: wsguard then reads attacker-chosen text (CR, LF, ESC, bidi controls, decoded from the URL)
 * back from the response, in the body's title, the {@code Location} or the {@code WWW-Authenticate} header, and
 * must sanitize it there too. Mapped at {@code /reflect/*} (200 text/html, the path in the title and body),
 * {@code /redirect/*} (302, the path in Location) and {@code /challenge/*} (401, the path in the realm). Every answer
 * carries {@value #ANSWERED_BY}.
 */
public class ReflectingServlet extends HttpServlet {

    public static final String ANSWERED_BY = "X-Answered-By";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String reflected = String.valueOf(request.getPathInfo());
        response.setHeader(ANSWERED_BY, "reflecting-servlet");
        String servletPath = request.getServletPath();
        if (servletPath.equals("/redirect")) {
            response.setStatus(HttpServletResponse.SC_FOUND);
            response.setHeader("Location", request.getContextPath() + "/login?next=" + reflected);
            response.setContentLength(0);
            return;
        }
        if (servletPath.equals("/challenge")) {
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            response.setHeader("WWW-Authenticate", "Basic realm=\"" + reflected + "\"");
            response.setContentLength(0);
            return;
        }
        byte[] body = ("<!doctype html><html><head><title>" + reflected + "</title></head><body><h1>" + reflected
                + "</h1></body></html>\n").getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
