package dev.wsguard.startupwars.app;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Tells what the webapp's own class loader can see of the WebSocket API: one line per class,
 * {@code <name>: present} or {@code <name>: absent}. Proves an "API absent" fixture really is.
 */
public class ApiProbeServlet extends HttpServlet {

    public static final String MAPPING = "/api-probe";
    public static final String SERVER_ENDPOINT = "jakarta.websocket.server.ServerEndpoint";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        StringBuilder body = new StringBuilder();
        for (String name : new String[] {SERVER_ENDPOINT, "jakarta.websocket.server.ServerContainer"}) {
            body.append(name).append(": ").append(visible(name) ? "present" : "absent").append('\n');
        }
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private boolean visible(String name) {
        try {
            Class.forName(name, false, getClass().getClassLoader());
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
