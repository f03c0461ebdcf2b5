package dev.wsguard.sample;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET <context>/api/diagnoses?after=N}: the wsguard lines kept by {@link DiagnosisFeed}
 * with a sequence number above N (all kept lines without {@code after}), as JSON:
 * <pre>{"latest":12,"records":[{"seq":12,"millis":1732500000000,"level":"WARNING","code":"WSG01","line":"WSG01 ..."}]}</pre>
 * The demo page polls it after each attempt and matches a line to the attempt by its request path.
 */
public class DiagnosesServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        DiagnosisFeed feed = DiagnosisFeed.in(getServletContext());
        long after;
        try {
            after = parseAfter(request.getParameter("after"));
        } catch (IllegalArgumentException e) {
            write(response, HttpServletResponse.SC_BAD_REQUEST,
                    Json.field(new StringBuilder("{"), "error", e.getMessage()).append('}'));
            return;
        }
        if (feed == null) {
            write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Json.field(new StringBuilder("{"), "error",
                    "the diagnosis feed is not installed (listener " + DiagnosisFeed.class.getName() + " missing)")
                    .append('}'));
            return;
        }
        write(response, HttpServletResponse.SC_OK, toJson(feed.after(after)));
    }

    static long parseAfter(String value) {
        if (value == null || value.isEmpty()) {
            return 0;
        }
        try {
            long after = Long.parseLong(value);
            if (after >= 0) {
                return after;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("after must be a sequence number (0 or more)");
    }

    static StringBuilder toJson(DiagnosisFeed.Page page) {
        StringBuilder json = new StringBuilder(256 + page.entries().size() * 512).append('{');
        Json.field(json, "latest", page.latest()).append(",\"records\":[");
        boolean first = true;
        for (DiagnosisFeed.Entry e : page.entries()) {
            json.append(first ? "{" : ",{");
            first = false;
            Json.field(json, "seq", e.sequence()).append(',');
            Json.field(json, "millis", e.millis()).append(',');
            Json.field(json, "level", e.level()).append(',');
            Json.field(json, "code", e.code()).append(',');
            Json.field(json, "line", e.line()).append('}');
        }
        return json.append("]}");
    }

    static void write(HttpServletResponse response, int status, CharSequence json) throws IOException {
        byte[] body = json.toString().getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
