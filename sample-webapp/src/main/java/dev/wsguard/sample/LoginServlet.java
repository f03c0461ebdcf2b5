package dev.wsguard.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Where {@link LoginRequiredFilter} sends visitors: a sign-in page that says this demo has no
 * accounts. It exists so the redirect leads somewhere a person can read, and so the WSG07 line
 * names a real Location.
 */
public class LoginServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String home = IndexServlet.escapeHtml(request.getContextPath() + "/");
        String page = "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Sign in - wsguard sample</title>"
                + "<style>body{font:15px/1.5 system-ui,sans-serif;color:#1d232b;background:#f6f7f9;margin:0}"
                + "main{max-width:420px;margin:64px auto;background:#fff;border:1px solid #d9dee5;border-radius:10px;"
                + "padding:24px 28px}h1{font-size:20px;margin:0 0 8px}p{color:#5b6573}</style></head>"
                + "<body><main><h1>Sign in</h1>"
                + "<p>The protected area <code>/secure/</code> of this sample redirects here when nobody is signed in."
                + " The demo has no accounts, so it always does: that redirect is what a WebSocket handshake to"
                + " <code>/secure/notifications</code> receives, and what wsguard reports as WSG07.</p>"
                + "<p><a href=\"" + home + "\">Back to the demo</a></p></main></body></html>\n";
        byte[] body = page.getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
