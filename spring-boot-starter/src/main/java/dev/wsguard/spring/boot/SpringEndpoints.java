package dev.wsguard.spring.boot;

import dev.wsguard.FrameworkEndpoint;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.core.env.Environment;
import org.springframework.util.ClassUtils;

/**
 * The WebSocket endpoints a Spring application deploys itself, which neither wsguard's initializer (Boot's embedded
 * servers run none from jars) nor the container's mappings can see, read from the application context once it is
 * refreshed:
 *
 * <ul>
 * <li>every {@code WebSocketHandlerMapping} ({@code @EnableWebSocket}, {@code @EnableWebSocketMessageBroker}): raw
 * {@code WebSocketHandler}s, STOMP endpoints and SockJS endpoints ({@link WebSocketHandlerMappings});</li>
 * <li>the endpoints a {@code ServerEndpointExporter} deploys into the container ({@link ExportedEndpoints}).</li>
 * </ul>
 *
 * Each part runs only where its classes are on the class path, so an application without spring-websocket (or
 * without the WebSocket API) finds none and still runs. The paths are context-relative: a Spring MVC handler mapping's
 * patterns are prefixed with the {@code DispatcherServlet}'s path where it is not {@code /}.
 */
final class SpringEndpoints {

    /** The label of a raw Spring {@code WebSocketHandler} endpoint in wsguard's lines. */
    static final String WEB_SOCKET_HANDLER = "Spring WebSocketHandler";
    /** The label of a STOMP endpoint without SockJS. */
    static final String STOMP = "STOMP endpoint";
    /** The label of a SockJS endpoint's paths (STOMP over SockJS included). */
    static final String SOCKJS = "SockJS endpoint";
    /** What speaks SockJS, for a plain WebSocket client that reached a SockJS endpoint's base path. */
    static final String SOCKJS_CLIENT = "a SockJS client (sockjs-client in a browser, Spring's SockJsClient in Java)";
    /** The label of an endpoint that a {@code ServerEndpointExporter} deployed. */
    static final String EXPORTER = "ServerEndpointExporter";

    /** The application property behind the {@code DispatcherServlet}'s path, where no bean says it. */
    static final String SERVLET_PATH_PROPERTY = "spring.mvc.servlet.path";

    /** Boot's bean that knows the {@code DispatcherServlet}'s path, in Boot 3 and in Boot 4. */
    private static final List<String> DISPATCHER_SERVLET_PATH = List.of(
            "org.springframework.boot.autoconfigure.web.servlet.DispatcherServletPath",
            "org.springframework.boot.webmvc.autoconfigure.DispatcherServletPath");

    private SpringEndpoints() {
    }

    /** Every endpoint found, in the order the application declared them. */
    static List<FrameworkEndpoint> discover(ApplicationContext context) {
        List<FrameworkEndpoint> found = new ArrayList<>();
        ClassLoader loader = context.getClassLoader();
        if (ClassUtils.isPresent(WebSocketHandlerMappings.MAPPING_CLASS, loader)) {
            WebSocketHandlerMappings.discover(context, dispatcherServletPrefix(context), found);
        }
        if (ClassUtils.isPresent(ExportedEndpoints.EXPORTER_CLASS, loader)
                && ClassUtils.isPresent(ExportedEndpoints.SERVER_ENDPOINT_CLASS, loader)) {
            ExportedEndpoints.discover(context, found);
        }
        return found;
    }

    /**
     * The {@code DispatcherServlet}'s path as a prefix of the paths within it: "" for {@code /}, "/api" for
     * {@code /api/*}. Boot's {@code DispatcherServletPath} bean says it (its package differs between Boot 3 and 4,
     * hence reflection); without one, {@value #SERVLET_PATH_PROPERTY} does.
     */
    static String dispatcherServletPrefix(ApplicationContext context) {
        for (String name : DISPATCHER_SERVLET_PATH) {
            if (!ClassUtils.isPresent(name, context.getClassLoader())) {
                continue;
            }
            try {
                Class<?> type = ClassUtils.forName(name, context.getClassLoader());
                Map<String, ?> beans = context.getBeansOfType(type);
                if (beans.size() == 1) {
                    Object bean = beans.values().iterator().next();
                    Method prefix = type.getMethod("getPrefix");
                    Object value = prefix.invoke(bean);
                    if (value instanceof String) {
                        return (String) value;
                    }
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // Fall back to the property.
            }
        }
        return prefixOf(context.getEnvironment());
    }

    /** {@value #SERVLET_PATH_PROPERTY} as a prefix, as {@code DispatcherServletPath.getPrefix()} makes it. */
    static String prefixOf(Environment environment) {
        String path = environment.getProperty(SERVLET_PATH_PROPERTY, "/");
        int star = path.indexOf('*');
        if (star >= 0) {
            path = path.substring(0, star);
        }
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        return path.isEmpty() || path.startsWith("/") ? path : "/" + path;
    }

    /**
     * A Spring MVC path pattern ({@code /echo}, {@code /chat/{room}}, {@code /chat/*}) as a wsguard template, or null
     * where wsguard's templates cannot say it (a {@code **} or {@code {*rest}} segment, a wildcard inside a segment).
     * A whole-segment {@code *} becomes a variable {@code {*}}, and {@code {name:regex}} becomes {@code {name}}.
     */
    static String template(String pattern) {
        if (pattern == null || pattern.isEmpty()) {
            return null;
        }
        String p = pattern.startsWith("/") ? pattern : "/" + pattern;
        if (p.equals("/")) {
            return p;
        }
        StringBuilder t = new StringBuilder(p.length());
        for (String segment : p.substring(1).split("/", -1)) {
            t.append('/');
            if (segment.equals("*")) {
                t.append("{*}");
            } else if (segment.startsWith("{") && segment.endsWith("}") && segment.length() > 2
                    && !segment.startsWith("{*") && segment.indexOf('{', 1) < 0) {
                int colon = segment.indexOf(':');
                t.append(colon > 0 ? segment.substring(0, colon) + "}" : segment);
            } else if (segment.indexOf('*') >= 0 || segment.indexOf('?') >= 0 || segment.indexOf('{') >= 0
                    || segment.indexOf('}') >= 0) {
                return null;
            } else {
                t.append(segment);
            }
        }
        return t.toString();
    }

    /** Adds the endpoint if its path is a template wsguard can read; leaves out what it cannot. */
    static void add(List<FrameworkEndpoint> found, String path, String label, boolean plainHttp) {
        if (path == null) {
            return;
        }
        try {
            FrameworkEndpoint e = FrameworkEndpoint.of(path, label);
            // Only a SockJS base answers plain HTTP: its greeting, /info and the HTTP transports.
            found.add(plainHttp ? e.alsoPlainHttp().madeFor(SOCKJS_CLIENT) : e);
        } catch (IllegalArgumentException notATemplate) {
            // A path wsguard's templates cannot express: no endpoint it could suggest.
        }
    }
}
