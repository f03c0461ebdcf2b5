package dev.wsguard.spring.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.http.server.ServletServerHttpRequest;
import org.springframework.http.server.PathContainer;
import org.springframework.web.cors.CorsConfiguration;
import org.springframework.web.socket.server.HandshakeInterceptor;
import org.springframework.web.socket.server.support.OriginHandshakeInterceptor;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.SockJsService;
import org.springframework.web.socket.sockjs.support.AbstractSockJsService;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;
import org.springframework.web.util.UrlPathHelper;
import org.springframework.web.util.WebUtils;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Why Spring refused a handshake at one of its own WebSocket endpoints for the page it came from: the endpoint's
 * origin check ({@code OriginHandshakeInterceptor}, which every registration gets, or SockJS's CORS configuration)
 * and what it allows, read from the handler Spring chose for the request. Loaded only where spring-websocket and
 * spring-webmvc are on the class path.
 *
 * <p>SockJS endpoints are CORS configuration sources: the handler mapping checks their origins (and validates their
 * configuration) before its interceptors run, so a refused or failed request there has no
 * {@code bestMatchingHandler} attribute; the handler is then found by matching the request's path against the
 * WebSocket handler mappings, as they matched it.
 */
final class WebSocketOrigins implements SpringAnswerer.WebSocketEndpoints {

    /** An {@code Origin} is quoted at most this long; the filter escapes it and bounds the whole line. */
    static final int ORIGIN_SHOWN = 128;

    /** Headers a proxy adds that say what the browser used; the first present is named. */
    private static final List<String> FORWARDED_HEADERS = List.of("X-Forwarded-Proto", "Forwarded", "X-Forwarded-Host",
            "X-Forwarded-Port");

    private final ApplicationContext context;
    private volatile Mappings mappings;

    WebSocketOrigins(ApplicationContext context) {
        this.context = context;
    }

    /** The WebSocket handler mappings in order, and the {@code DispatcherServlet}'s path; read once, when first asked. */
    private record Mappings(List<WebSocketHandlerMapping> list, String prefix) {
    }

    /** A Spring WebSocket endpoint's registration as its origin check sees it. */
    record Endpoint(String path, String kind, boolean sockJs, boolean stomp, List<String> origins,
            List<String> patterns) {

        /** Whether its configured origins (not same-origin) let this Origin in. */
        boolean allows(String origin) {
            CorsConfiguration cors = new CorsConfiguration();
            cors.setAllowedOrigins(origins);
            cors.setAllowedOriginPatterns(patterns);
            try {
                return cors.checkOrigin(origin) != null;
            } catch (RuntimeException e) {
                return false;
            }
        }

        /** How the registration reads in a {@code WebSocketConfigurer} or {@code WebSocketMessageBrokerConfigurer}. */
        String registration() {
            return stomp ? "registry.addEndpoint(\"" + path + "\")" : "registry.addHandler(handler, \"" + path + "\")";
        }

        /** The registration with these origins allowed; SockJS copies them when withSockJS() is called, so before. */
        String allowing(String method, List<String> values) {
            StringBuilder b = new StringBuilder(registration()).append('.').append(method).append('(');
            for (int i = 0; i < values.size(); i++) {
                b.append(i == 0 ? "" : ", ").append('"').append(values.get(i)).append('"');
            }
            return b.append(')').append(sockJs ? ".withSockJS()" : "").toString();
        }

        String allowed() {
            if (origins.isEmpty() && patterns.isEmpty()) {
                return SpringRefusal.part("sameOriginOnly");
            }
            List<String> all = new ArrayList<>(origins);
            for (String p : patterns) {
                all.add("pattern " + p);
            }
            return String.join(", ", all);
        }
    }

    /**
     * The cause and fix of a 403 that an endpoint's origin check gave, or of the 500 a SockJS endpoint allowing
     * origins "*" gives every request with an Origin; null for any other answer (another check refused it, the
     * request reached no Spring WebSocket endpoint, it carried no Origin).
     */
    @Override
    public String refusal(HttpServletRequest request, int status) {
        String origin = request.getHeader("Origin");
        if (origin == null || status != 403 && status != 500) {
            return null;
        }
        Endpoint endpoint = endpoint(request);
        if (endpoint == null) {
            return null;
        }
        String shown = SpringRefusal.cut(origin, ORIGIN_SHOWN);
        Map<String, String> values = new LinkedHashMap<>();
        values.put("endpoint", endpoint.path());
        values.put("kind", endpoint.kind());
        if (status == 500) {
            if (!endpoint.sockJs() || !endpoint.origins().contains(CorsConfiguration.ALL)) {
                return null;
            }
            values.put("patternsCall", endpoint.allowing("setAllowedOriginPatterns", List.of(CorsConfiguration.ALL)));
            return SpringRefusal.WILDCARD_WITH_CREDENTIALS.text(values);
        }
        if (sameOrigin(request) || endpoint.allows(origin)) {
            // Its origin check let this page in: something else refused it.
            return null;
        }
        values.put("origin", shown);
        values.put("check", SpringRefusal.part(endpoint.sockJs() ? "check.sockjs" : "check.websocket"));
        values.put("allowed", endpoint.allowed());
        URI page = parse(origin);
        String forwarded = forwardedHeader(request);
        if (page != null && page.getHost() != null && (sameHost(page.getHost(), request)
                && (!page.getScheme().equalsIgnoreCase(request.getScheme()) || forwarded != null))) {
            values.put("seen", seen(request));
            values.put("forwarded", forwarded == null ? ""
                    : SpringRefusal.part("forwarded").replace("{header}", SpringRefusal.cut(forwarded, ORIGIN_SHOWN)));
            return SpringRefusal.ORIGIN_BEHIND_PROXY.text(values);
        }
        List<String> widened = new ArrayList<>(endpoint.origins());
        if (isOrigin(page)) {
            widened.add(shown);
        } else {
            // No browser sends this: the fix names the page's origin rather than what came.
            values.put("origin", shown + SpringRefusal.part("notAnOrigin"));
            widened.add(SpringRefusal.part("pageOrigin"));
        }
        values.put("allowCall", endpoint.allowing("setAllowedOrigins", widened));
        return SpringRefusal.ORIGIN_REFUSED.text(values);
    }

    /** The WebSocket handler mapping's handler whose pattern matches the request, named as Spring MVC's are. */
    @Override
    public String handlerOf(HttpServletRequest request) {
        Map.Entry<String, Object> found = lookup(request);
        return found == null ? null : SpringAnswerer.handler(found.getValue(), found.getKey());
    }

    /** The endpoint the handler Spring chose (or would have chosen) for this request belongs to, or null. */
    Endpoint endpoint(HttpServletRequest request) {
        Object handler = request.getAttribute(SpringAnswerer.HANDLER_ATTRIBUTE);
        Object pattern = request.getAttribute(SpringAnswerer.PATTERN_ATTRIBUTE);
        if (handler == null) {
            Map.Entry<String, Object> found = lookup(request);
            if (found == null) {
                return null;
            }
            pattern = found.getKey();
            handler = found.getValue();
        }
        return pattern instanceof String ? endpoint(handler, (String) pattern) : null;
    }

    /** The endpoint of a handler mapped at a pattern; null for a handler that is none of Spring's WebSocket ones. */
    static Endpoint endpoint(Object handler, String pattern) {
        if (handler instanceof WebSocketHttpRequestHandler ws) {
            for (HandshakeInterceptor i : ws.getHandshakeInterceptors()) {
                if (i instanceof OriginHandshakeInterceptor check) {
                    boolean stomp = WebSocketHandlerMappings.isStomp(ws.getWebSocketHandler());
                    return new Endpoint(pattern, stomp ? SpringEndpoints.STOMP : SpringEndpoints.WEB_SOCKET_HANDLER,
                            false, stomp, list(check.getAllowedOrigins()), list(check.getAllowedOriginPatterns()));
                }
            }
            // No origin check of Spring's: whatever refused it is the application's own.
            return null;
        }
        if (handler instanceof SockJsHttpRequestHandler sockJs) {
            SockJsService service = sockJs.getSockJsService();
            if (!(service instanceof AbstractSockJsService checked)) {
                return null;
            }
            String base = pattern.endsWith("/**") ? pattern.substring(0, pattern.length() - 3) : pattern;
            return new Endpoint(base.isEmpty() ? "/" : base, SpringEndpoints.SOCKJS, true,
                    WebSocketHandlerMappings.isStomp(sockJs.getWebSocketHandler()), list(checked.getAllowedOrigins()),
                    list(checked.getAllowedOriginPatterns()));
        }
        return null;
    }

    /** The pattern and handler of the first WebSocket handler mapping whose pattern matches the request's path. */
    private Map.Entry<String, Object> lookup(HttpServletRequest request) {
        Mappings m = mappings();
        String path = UrlPathHelper.defaultInstance.getPathWithinApplication(request);
        if (!m.prefix().isEmpty()) {
            if (!path.startsWith(m.prefix() + "/")) {
                return null;
            }
            path = path.substring(m.prefix().length());
        }
        PathContainer container = PathContainer.parsePath(path);
        for (WebSocketHandlerMapping mapping : m.list()) {
            for (Map.Entry<PathPattern, Object> e : mapping.getPathPatternHandlerMap().entrySet()) {
                if (e.getKey().matches(container)) {
                    return Map.entry(e.getKey().getPatternString(), e.getValue());
                }
            }
        }
        return null;
    }

    private Mappings mappings() {
        Mappings m = mappings;
        if (m == null) {
            List<WebSocketHandlerMapping> list = new ArrayList<>(
                    context.getBeansOfType(WebSocketHandlerMapping.class, false, true).values());
            list.sort(Comparator.comparingInt(WebSocketHandlerMapping::getOrder));
            m = new Mappings(List.copyOf(list), SpringEndpoints.dispatcherServletPrefix(context));
            mappings = m;
        }
        return m;
    }

    /** Spring's own same-origin test, as its origin check makes it; a malformed Origin is no same origin. */
    private static boolean sameOrigin(HttpServletRequest request) {
        try {
            return WebUtils.isSameOrigin(new ServletServerHttpRequest(request));
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** Whether the page's host is the host the request addressed, or the one a proxy says the browser addressed. */
    private static boolean sameHost(String host, HttpServletRequest request) {
        if (host.equalsIgnoreCase(request.getServerName())) {
            return true;
        }
        String forwardedHost = request.getHeader("X-Forwarded-Host");
        if (forwardedHost == null) {
            return false;
        }
        String first = forwardedHost.split(",", 2)[0].trim();
        URI u = parse("http://" + first);
        return u != null && host.equalsIgnoreCase(u.getHost());
    }

    /** "X-Forwarded-Proto: https", the first proxy header present; or null. */
    private static String forwardedHeader(HttpServletRequest request) {
        for (String name : FORWARDED_HEADERS) {
            String value = request.getHeader(name);
            if (value != null) {
                return name + ": " + value;
            }
        }
        return null;
    }

    /** The scheme, host and port the application sees ("http://chat.example.com:8080"). */
    private static String seen(HttpServletRequest request) {
        String scheme = request.getScheme().toLowerCase(Locale.ROOT);
        int port = request.getServerPort();
        boolean usual = port < 0 || scheme.equals("http") && port == 80 || scheme.equals("https") && port == 443;
        return scheme + "://" + SpringRefusal.cut(request.getServerName(), ORIGIN_SHOWN) + (usual ? "" : ":" + port);
    }

    /** Whether it reads as a browser's Origin: scheme://host[:port], nothing more. */
    private static boolean isOrigin(URI page) {
        return page != null && page.getHost() != null && page.getRawUserInfo() == null
                && (page.getRawPath() == null || page.getRawPath().isEmpty()) && page.getRawQuery() == null
                && page.getRawFragment() == null;
    }

    private static URI parse(String origin) {
        try {
            URI u = new URI(origin.trim());
            return u.getScheme() == null ? null : u;
        } catch (java.net.URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    private static List<String> list(Collection<String> values) {
        return values == null ? List.of() : List.copyOf(values);
    }
}
