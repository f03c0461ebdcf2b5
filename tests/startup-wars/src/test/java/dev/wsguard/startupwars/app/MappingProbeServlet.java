package dev.wsguard.startupwars.app;

import dev.wsguard.containers.ContainerEndpoints;
import dev.wsguard.startup.StartupReport;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Asks the container, from inside the webapp, which endpoint it maps at the context-relative path in
 * the {@value #PATH_PARAM} parameter, through the very call wsguard's filter makes at diagnosis time
 * ({@link ContainerEndpoints#findMapping(Object, Object, String)} with the context's real attributes),
 * and through each container's own route alone. Runs against the wsguard copy in {@code WEB-INF/lib}.
 * Answers {@code key: value} lines; {@value #NONE} stands for null.
 */
public class MappingProbeServlet extends HttpServlet {

    public static final String MAPPING = "/mapping-probe";
    public static final String PATH_PARAM = "path";
    public static final String NONE = "-";
    /** Class of the ServerContainer attribute. */
    public static final String SERVER_CONTAINER = "serverContainer";
    /** Class of Jetty's WebSocketMappings attribute. */
    public static final String JETTY_MAPPINGS = "jettyMappings";
    /** What the filter's lookup answers (both attributes, as the filter passes them). */
    public static final String FILTER_LOOKUP = "filterLookup";
    /** Jetty's PathMappings route alone. */
    public static final String JETTY_ROUTE = "jettyRoute";
    /** The ServerContainer's findMapping route alone (Tomcat's). */
    public static final String SERVER_CONTAINER_ROUTE = "serverContainerRoute";

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String path = request.getParameter(PATH_PARAM);
        ServletContext context = getServletContext();
        Object serverContainer = context.getAttribute(StartupReport.JAKARTA_SERVER_CONTAINER);
        Object jettyMappings = context.getAttribute(ContainerEndpoints.JETTY_MAPPINGS_ATTRIBUTE);
        StringBuilder body = new StringBuilder()
                .append(SERVER_CONTAINER).append(": ").append(className(serverContainer)).append('\n')
                .append(JETTY_MAPPINGS).append(": ").append(className(jettyMappings)).append('\n')
                .append(FILTER_LOOKUP).append(": ")
                .append(orNone(ContainerEndpoints.findMapping(serverContainer, jettyMappings, path))).append('\n')
                .append(JETTY_ROUTE).append(": ")
                .append(orNone(ContainerEndpoints.findMapping(null, jettyMappings, path))).append('\n')
                .append(SERVER_CONTAINER_ROUTE).append(": ")
                .append(orNone(ContainerEndpoints.findMapping(serverContainer, path))).append('\n');
        byte[] bytes = body.toString().getBytes(StandardCharsets.UTF_8);
        response.setContentType("text/plain;charset=UTF-8");
        response.setContentLength(bytes.length);
        response.getOutputStream().write(bytes);
    }

    private static String className(Object o) {
        return o == null ? NONE : o.getClass().getName();
    }

    private static String orNone(String s) {
        return s == null ? NONE : s;
    }
}
