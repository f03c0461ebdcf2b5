package dev.wsguard.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** A single-page-app fallback at {@code /*}: every path gets the same index page, 200 text/html. */
public class SpaFallbackServlet extends HttpServlet {

    public static final String BODY =
            "<!doctype html><html><head><title>SPA</title></head><body><div id=\"app\"></div></body></html>\n";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        response.setStatus(HttpServletResponse.SC_OK);
        response.setContentType("text/html;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
