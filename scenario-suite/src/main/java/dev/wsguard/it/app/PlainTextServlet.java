package dev.wsguard.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * An ordinary resource at {@code /}: answers every method with 200 text/plain, the way a default
 * servlet or MVC controller answers a misrouted upgrade request.
 */
public class PlainTextServlet extends HttpServlet {

    public static final String BODY = "plain servlet says hello\n";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/plain;charset=UTF-8");
        // A fixed length keeps the framing identical on every container (no chunking decisions).
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
