package dev.wsguard.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The single-page-app fallback, mapped to {@code /app/*}: whatever the path, it answers the app's
 * {@code index.html} with 200, so the client-side router can take over. That is right for
 * {@code /app/settings} typed into the address bar, and exactly why a WebSocket URL under
 * {@code /app/} that no endpoint takes fails with "Unexpected response code: 200". wsguard
 * recognizes the shell in the held-back body and says so.
 */
public class SpaFallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The shell of a typical bundled app: a title, an empty mount point, and the script that fills it. */
    static final String SHELL = "<!DOCTYPE html>\n"
            + "<html lang=\"en\">\n"
            + "<head><meta charset=\"utf-8\"><title>Sample SPA</title></head>\n"
            + "<body>\n"
            + "<div id=\"root\"></div>\n"
            + "<noscript>This single-page app needs JavaScript. (wsguard sample: every path under /app/ answers this"
            + " page, as a single-page-app fallback does.)</noscript>\n"
            + "</body>\n"
            + "</html>\n";

    private static final byte[] SHELL_BYTES = SHELL.getBytes(StandardCharsets.UTF_8);

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(SHELL_BYTES.length);
        response.getOutputStream().write(SHELL_BYTES);
    }
}
