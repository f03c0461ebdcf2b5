package dev.wsguard.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

/**
 * Mapped to {@code /}, so it answers every path that no other component takes, the way a default
 * servlet or a single-page-app fallback does. At the context root it serves the demo page; anywhere
 * else it answers 200 text/plain. That 200 is what a browser reports as "Unexpected response code:
 * 200" when a WebSocket URL is wrong, and what wsguard diagnoses.
 */
public class IndexServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Page template; {@code ${ctx}} is replaced by the HTML-escaped context path. */
    static final String PAGE_RESOURCE = "index.html";

    private String pageTemplate;

    @Override
    public void init() {
        pageTemplate = loadPageTemplate();
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        if (isContextRoot(request)) {
            writePage(request, response);
        } else {
            writeCatchAll(response);
        }
    }

    private static boolean isContextRoot(HttpServletRequest request) {
        // With the "/" mapping the whole in-context path is the servlet path and there is no path info.
        String servletPath = request.getServletPath();
        return (servletPath.isEmpty() || "/".equals(servletPath)) && request.getPathInfo() == null;
    }

    private void writePage(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        // The page builds its WebSocket URLs from the context path, so the same WAR works under any context.
        String page = pageTemplate.replace("${ctx}", escapeHtml(request.getContextPath()));
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static void writeCatchAll(HttpServletResponse response) throws IOException {
        response.setContentType("text/plain;charset=UTF-8");
        PrintWriter out = response.getWriter();
        out.println("wsguard sample: no page here.");
        out.println("This servlet is mapped to \"/\" and answers every unknown path with 200, like a default servlet.");
        out.println("A WebSocket handshake that lands here fails in the browser with \"Unexpected response code: 200\";");
        out.println("the server log holds the wsguard diagnosis (a line starting with WSG).");
    }

    private String loadPageTemplate() {
        try (InputStream in = IndexServlet.class.getResourceAsStream(PAGE_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("missing classpath resource " + PAGE_RESOURCE + " next to " + getClass().getName());
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read " + PAGE_RESOURCE, e);
        }
    }

    static String escapeHtml(String text) {
        StringBuilder escaped = new StringBuilder(text.length() + 16);
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '&': escaped.append("&amp;"); break;
                case '<': escaped.append("&lt;"); break;
                case '>': escaped.append("&gt;"); break;
                case '"': escaped.append("&quot;"); break;
                case '\'': escaped.append("&#39;"); break;
                default: escaped.append(c);
            }
        }
        return escaped.toString();
    }
}
