package dev.wsguard.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Mapped to {@code /}, so it answers every path that no other component takes, the way a default
 * servlet does. At the context root it serves the demo page; anywhere else it answers 200
 * text/plain. That 200 is what a browser reports as "Unexpected response code: 200" when a
 * WebSocket URL is wrong, and what wsguard diagnoses.
 */
public class IndexServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Page template, next to this class; its placeholders are listed in {@link #renderPage}. */
    static final String PAGE_RESOURCE = "index.html";
    /** The context-param the filter reads when it has no {@code mode} init-param, as in this sample's web.xml. */
    static final String MODE_CONTEXT_PARAM = "wsguard.mode";
    static final String DEFAULT_MODE = "log";

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
        String contextPath = request.getContextPath();
        List<GuardedContexts.Guarded> guarded = GuardedContexts.onServer(getServletContext().getServerInfo());
        // The filter's own report wins; its bean appears a moment after startup, so the descriptor is the fallback.
        String mode = GuardedContexts.modeOf(guarded, contextPath);
        if (mode == null) {
            String configured = getServletContext().getInitParameter(MODE_CONTEXT_PARAM);
            mode = configured == null || configured.isBlank() ? DEFAULT_MODE : configured.trim();
        }
        String page = renderPage(pageTemplate, contextPath, mode, modeSwitch(guarded, contextPath, mode));
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * Fills the template: {@code ${ctx}} the context path and {@code ${mode}} the mode, both
     * HTML-escaped; {@code ${modeSwitch}} the switch's markup, built from escaped parts.
     */
    static String renderPage(String template, String contextPath, String mode, String modeSwitchHtml) {
        Map<String, String> values = Map.of("ctx", escapeHtml(contextPath), "mode", escapeHtml(mode),
                "modeSwitch", modeSwitchHtml);
        // One pass over the template, so a value that happens to contain "${...}" is never expanded again.
        StringBuilder page = new StringBuilder(template.length() + 512);
        int from = 0;
        while (true) {
            int start = template.indexOf("${", from);
            int end = start < 0 ? -1 : template.indexOf('}', start);
            String value = end < 0 ? null : values.get(template.substring(start + 2, end));
            if (start < 0 || end < 0) {
                return page.append(template, from, template.length()).toString();
            }
            page.append(template, from, start).append(value != null ? value : template.substring(start, end + 1));
            from = end + 1;
        }
    }

    /**
     * One link per copy of this sample on the server ("log /demo", "enforce /demo-enforce"), the
     * current one marked. Deployed once, the switch shows only the current mode.
     */
    static String modeSwitch(List<GuardedContexts.Guarded> guarded, String contextPath, String mode) {
        List<GuardedContexts.Guarded> samples = new ArrayList<>();
        boolean currentListed = false;
        for (GuardedContexts.Guarded g : guarded) {
            if (g.isSample() || g.contextPath().equals(contextPath)) {
                samples.add(g);
                currentListed |= g.contextPath().equals(contextPath);
            }
        }
        if (!currentListed) {
            samples.add(new GuardedContexts.Guarded(contextPath, mode, List.of()));
            samples.sort((a, b) -> a.contextPath().compareTo(b.contextPath()));
        }
        StringBuilder html = new StringBuilder(256).append("<nav class=\"modes\" aria-label=\"wsguard mode\">");
        for (GuardedContexts.Guarded g : samples) {
            boolean current = g.contextPath().equals(contextPath);
            String label = g.contextPath().isEmpty() ? "/" : g.contextPath();
            html.append("<a class=\"mode").append(current ? " current\" aria-current=\"page\"" : "\"")
                    .append(" href=\"").append(escapeHtml(g.contextPath() + "/")).append("\" data-mode=\"")
                    .append(escapeHtml(g.mode())).append("\"><strong>").append(escapeHtml(g.mode()))
                    .append("</strong><span>").append(escapeHtml(label)).append("</span></a>");
        }
        return html.append("</nav>").toString();
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
