package dev.wsguard.sample;

import jakarta.servlet.ServletException;
import jakarta.servlet.UnavailableException;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;

/**
 * The single-page-app fallback, mapped to {@code /app/*}: whatever the path, it answers the app's
 * {@value #SHELL} from the WAR with 200, so the client-side router can take over. That is right for
 * {@code /app/settings} typed into the address bar, and exactly why a WebSocket URL under
 * {@code /app/} that no endpoint takes fails with "Unexpected response code: 200". wsguard
 * recognizes the shell in the held-back body and says so.
 */
public class SpaFallbackServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** The app's shell, a file of the WAR; the mapping {@code /app/*} also covers this path itself. */
    static final String SHELL = "/app/index.html";

    private transient byte[] shell;

    @Override
    public void init() throws ServletException {
        // Read once: the WAR does not change while deployed, and a missing shell should stop the deployment.
        try (InputStream in = getServletContext().getResourceAsStream(SHELL)) {
            if (in == null) {
                throw new UnavailableException("the WAR has no " + SHELL + " for the single-page-app fallback");
            }
            shell = in.readAllBytes();
        } catch (IOException e) {
            throw new ServletException("cannot read " + SHELL, e);
        }
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setContentType("text/html;charset=UTF-8");
        response.setHeader("Cache-Control", "no-store");
        response.setContentLength(shell.length);
        response.getOutputStream().write(shell);
    }
}
