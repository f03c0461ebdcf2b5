package dev.wsguard.sample.demo;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;

/**
 * The demo server's ROOT context: {@code GET /} leads to the log-mode demo, every other path is a
 * 404, as on a server whose ROOT holds nothing. A WebSocket client that forgets the context path
 * ({@code ws://host/echo}) lands here; ROOT's wsguard logs WSG02 and names the context that has
 * the endpoint.
 */
final class RootContextServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final String demoPath;

    RootContextServlet(String demoPath) {
        this.demoPath = demoPath;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        if ("/".equals(request.getServletPath()) && request.getPathInfo() == null) {
            response.sendRedirect(demoPath + "/");
            return;
        }
        response.setStatus(HttpServletResponse.SC_NOT_FOUND);
        response.setContentType("text/plain;charset=UTF-8");
        response.getWriter().println("Not found. The wsguard demo runs at " + demoPath + "/.");
    }
}
