package dev.wsguard.it.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Answers every request 426 the way wsguard's enforce mode does (text/plain body, fixed length,
 * {@code Sec-WebSocket-Version: 13}), with {@code Upgrade: websocket} and {@code Connection: Upgrade} as RFC 9110
 * asks of every 426 only under {@link #WITH_UPGRADE}: evidence of what a container does with such an answer.
 */
public class UpgradeRequiredServlet extends HttpServlet {

    /** The path (under the servlet's mapping) whose 426 carries Upgrade. */
    public static final String WITH_UPGRADE = "/with-upgrade";

    public static final String BODY = "426 Upgrade Required: use WebSocket version 13\n";

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = BODY.getBytes(StandardCharsets.UTF_8);
        response.setStatus(426);
        response.setHeader("Sec-WebSocket-Version", "13");
        if (request.getRequestURI().endsWith(WITH_UPGRADE)) {
            response.setHeader("Upgrade", "websocket");
            response.setHeader("Connection", "Upgrade");
        }
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
