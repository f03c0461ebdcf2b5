package dev.wsguard.spring.boot;

import dev.wsguard.AnswerDescriber;
import jakarta.servlet.http.HttpServletRequest;
import java.util.Enumeration;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.springframework.context.ApplicationContext;
import org.springframework.util.ClassUtils;
import org.springframework.web.method.HandlerMethod;

/**
 * Who answered inside the {@code DispatcherServlet}, for wsguard's lines, which otherwise all name
 * {@code dispatcherServlet}: the handler Spring MVC chose and its pattern, left in request attributes after the chain
 * returned; or, for a redirect or refusal no handler answered, Spring Security's filter chain. Asked only for an
 * answer wsguard diagnoses. For a refusal ({@code WSG07}) it also tells the cause and fix where Spring's are known
 * ({@link SpringRefusal}): an endpoint's origin check, Spring Security's login redirect, challenge or access rule.
 */
final class SpringAnswerer implements AnswerDescriber {

    /** {@code HandlerMapping.BEST_MATCHING_HANDLER_ATTRIBUTE}, spelt out: Spring MVC need not be on the classpath. */
    static final String HANDLER_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingHandler";
    /** {@code HandlerMapping.BEST_MATCHING_PATTERN_ATTRIBUTE}. */
    static final String PATTERN_ATTRIBUTE = "org.springframework.web.servlet.HandlerMapping.bestMatchingPattern";
    /** The bean, and the servlet filter, of Spring Security's filter chain. */
    static final String SECURITY_FILTER_CHAIN = "springSecurityFilterChain";
    /** What Spring Security's filters leave on a request they saw: the security context, the CSRF token. */
    private static final String SECURITY_ATTRIBUTE_PREFIX = "org.springframework.security.";
    /** How a line names Spring Security. */
    static final String SECURITY = "Spring Security (" + SECURITY_FILTER_CHAIN + ")";
    /**
     * {@code DispatcherServlet.WEB_APPLICATION_CONTEXT_ATTRIBUTE}: the {@code DispatcherServlet} sets it on every request
     * it serves and leaves it, so after the chain it tells a refusal of a handler from one of a filter in front.
     */
    static final String DISPATCHER_RAN_ATTRIBUTE = "org.springframework.web.servlet.DispatcherServlet.CONTEXT";
    /** A path is quoted in a fix at most this long; the filter escapes it. */
    private static final int PATH_SHOWN = 128;

    /** {@code RequestMappingHandlerMapping}'s order in Spring MVC's configuration. */
    static final int REQUEST_MAPPING_ORDER = 0;
    /** {@code RouterFunctionMapping}'s: it goes before the request mappings. */
    static final int ROUTER_FUNCTION_ORDER = -1;
    /** Spring MVC's functional handler, by name: Spring MVC need not be on the classpath. */
    private static final String HANDLER_FUNCTION = "org.springframework.web.servlet.function.HandlerFunction";

    private final BooleanSupplier securityChainPresent;
    /** What Spring's WebSocket endpoints tell ({@link WebSocketOrigins}); null without spring-websocket. */
    private final WebSocketEndpoints webSocket;
    /** A STOMP destination used as a URL ({@link StompDestinations}); null without spring-messaging. */
    private final PathMeanings stomp;

    /**
     * What only spring-websocket's classes can tell, behind an interface so this class loads without them: the
     * WebSocket handler a request went to where Spring MVC's attributes do not name it, and its endpoint's refusal.
     */
    interface WebSocketEndpoints {

        /** The handler and its pattern, as {@link #describe} names one; or null. */
        String handlerOf(HttpServletRequest request);

        /** The cause and fix of the endpoint's refusal; or null. */
        String refusal(HttpServletRequest request, int status);
    }

    /** What a path is to the application when it is none of its endpoints, behind an interface as above. */
    interface PathMeanings {

        /** What the request's path is and the fix, as {@link AnswerDescriber#pathMeaning} says it; or null. */
        String of(HttpServletRequest request);
    }

    /** @param securityChainPresent whether the application has Spring Security's filter chain */
    SpringAnswerer(BooleanSupplier securityChainPresent) {
        this(securityChainPresent, null, null);
    }

    SpringAnswerer(BooleanSupplier securityChainPresent, WebSocketEndpoints webSocket) {
        this(securityChainPresent, webSocket, null);
    }

    SpringAnswerer(BooleanSupplier securityChainPresent, WebSocketEndpoints webSocket, PathMeanings stomp) {
        this.securityChainPresent = securityChainPresent;
        this.webSocket = webSocket;
        this.stomp = stomp;
    }

    /**
     * The answerer of this application: its security chain, its WebSocket endpoints and its STOMP destinations where
     * it has them.
     */
    static SpringAnswerer of(ApplicationContext context) {
        WebSocketEndpoints webSocket = null;
        PathMeanings stomp = null;
        ClassLoader loader = context.getClassLoader();
        if (ClassUtils.isPresent(WebSocketHandlerMappings.MAPPING_CLASS, loader)) {
            // Made when a line first needs them: loading them (and the Spring classes they name) is startup time
            // that an application without misrouted or refused handshakes would pay for nothing.
            Supplier<WebSocketEndpoints> origins = once(() -> new WebSocketOrigins(context));
            webSocket = new WebSocketEndpoints() {
                @Override
                public String handlerOf(HttpServletRequest request) {
                    return origins.get().handlerOf(request);
                }

                @Override
                public String refusal(HttpServletRequest request, int status) {
                    return origins.get().refusal(request, status);
                }
            };
            if (ClassUtils.isPresent(StompDestinations.BROKER_CLASS, loader)) {
                Supplier<PathMeanings> destinations = once(() -> new StompDestinations(context));
                stomp = request -> destinations.get().of(request);
            }
        }
        return new SpringAnswerer(() -> context.containsBean(SECURITY_FILTER_CHAIN), webSocket, stomp);
    }

    /** What {@code make} makes, made on the first call and kept. */
    private static <T> Supplier<T> once(Supplier<T> make) {
        return new Supplier<>() {
            private volatile T made;

            @Override
            public T get() {
                T m = made;
                if (m == null) {
                    synchronized (this) {
                        m = made;
                        if (m == null) {
                            m = make.get();
                            made = m;
                        }
                    }
                }
                return m;
            }
        };
    }

    @Override
    public String describe(HttpServletRequest request, int status) {
        Object handler = request.getAttribute(HANDLER_ATTRIBUTE);
        if (handler != null) {
            return handler(handler, request.getAttribute(PATTERN_ATTRIBUTE));
        }
        if (request.getAttribute(DISPATCHER_RAN_ATTRIBUTE) != null) {
            // The DispatcherServlet ran, so no filter in front refused it: a SockJS endpoint's CORS check (or its
            // failure) stopped the request before Spring MVC named the handler.
            return webSocket == null ? null : webSocket.handlerOf(request);
        }
        if (status != 302 && status != 401 && status != 403) {
            return null;
        }
        if (securityRan(request)) {
            return SECURITY;
        }
        return securityChainPresent.getAsBoolean() ? SECURITY + ", most likely" : null;
    }

    /**
     * A handler Spring MVC chose, or found by the WebSocket mappings where the {@code DispatcherServlet} ran, answered
     * inside the servlet; Spring Security answers in front of it.
     */
    @Override
    public Boolean answeredInServlet(HttpServletRequest request, int status) {
        return request.getAttribute(HANDLER_ATTRIBUTE) != null || request.getAttribute(DISPATCHER_RAN_ATTRIBUTE) != null;
    }

    /**
     * Where the {@code DispatcherServlet} ran, a handler refused the handshake: one of Spring's WebSocket endpoints'
     * origin check (403), or a SockJS endpoint allowing origins "*" (500), explained by {@link WebSocketOrigins}.
     * Where it did not, a filter in front refused it: Spring Security's login redirect (302), challenge (401) or
     * access rule (403), when {@link #describe} names Spring Security.
     */
    @Override
    public String refusal(HttpServletRequest request, int status) {
        if (request.getAttribute(DISPATCHER_RAN_ATTRIBUTE) != null) {
            return webSocket == null ? null : webSocket.refusal(request, status);
        }
        SpringRefusal refusal;
        if (status == 302 || status == 303) {
            refusal = SpringRefusal.SECURITY_LOGIN_REDIRECT;
        } else if (status == 401) {
            refusal = SpringRefusal.SECURITY_UNAUTHENTICATED;
        } else if (status == 403) {
            refusal = SpringRefusal.SECURITY_FORBIDDEN;
        } else {
            return null;
        }
        if (!securityRan(request) && !securityChainPresent.getAsBoolean()) {
            return null;
        }
        String path = request.getServletPath() + (request.getPathInfo() == null ? "" : request.getPathInfo());
        return refusal.text(Map.of("path", SpringRefusal.cut(path, PATH_SHOWN)));
    }

    /**
     * A handler that is not one of Spring's WebSocket handlers took a handshake to a WebSocket endpoint's own path:
     * Spring MVC asks its request mappings (order 0) before the WebSocket handler mapping (order 1), so a controller
     * mapped to the same path wins. {@code WebSocketHandlerRegistry} itself has no {@code setOrder}; the registry
     * Spring passes to {@code registerWebSocketHandlers} is a {@code ServletWebSocketHandlerRegistry}, which has.
     */
    @Override
    public String shadowFix(HttpServletRequest request, int status) {
        Object handler = request.getAttribute(HANDLER_ATTRIBUTE);
        if (handler == null || isWebSocketHandler(handler)) {
            return null;
        }
        Object pattern = request.getAttribute(PATTERN_ATTRIBUTE);
        // Ahead of the mapping that answered: request mappings have order 0, router functions -1.
        int order = isHandlerFunction(handler) ? ROUTER_FUNCTION_ORDER - 1 : REQUEST_MAPPING_ORDER - 1;
        return SpringMisroute.SHADOWED.text(Map.of("order", Integer.toString(order), "handler", handlerName(handler),
                "pattern", pattern instanceof String
                        ? SpringTexts.fill(SpringMisroute.part("pattern"), Map.of("pattern", (String) pattern)) : ""));
    }

    /** A STOMP destination used as the URL ({@link StompDestinations}); null for another path. */
    @Override
    public String pathMeaning(HttpServletRequest request, int status) {
        return stomp == null ? null : stomp.of(request);
    }

    /** Whether the handler is a router function's {@code HandlerFunction}. */
    static boolean isHandlerFunction(Object handler) {
        for (Class<?> type : ClassUtils.getAllInterfacesForClassAsSet(handler.getClass())) {
            if (type.getName().equals(HANDLER_FUNCTION)) {
                return true;
            }
        }
        return false;
    }

    /** "Spring handler SpaController#fallback (pattern /{page})", or a handler object's class. */
    static String handler(Object handler, Object pattern) {
        StringBuilder b = new StringBuilder("Spring handler ").append(handlerName(handler));
        if (pattern instanceof String && !((String) pattern).isEmpty()) {
            b.append(" (pattern ").append(pattern).append(')');
        }
        return b.toString();
    }

    /** {@code SimpleClassName#method} for a controller method; the class's simple name for another handler. */
    static String handlerName(Object handler) {
        if (handler instanceof HandlerMethod) {
            HandlerMethod m = (HandlerMethod) handler;
            return simpleName(m.getBeanType()) + "#" + m.getMethod().getName();
        }
        return simpleName(ClassUtils.getUserClass(handler));
    }

    /** Whether the handler that answered is one of Spring's WebSocket or SockJS handlers. */
    static boolean isWebSocketHandler(Object handler) {
        if (handler == null || handler instanceof HandlerMethod) {
            return false;
        }
        String name = ClassUtils.getUserClass(handler).getName();
        return name.startsWith("org.springframework.web.socket.");
    }

    private static String simpleName(Class<?> type) {
        int lambda = type.getName().indexOf("$$Lambda");
        if (lambda > 0) {
            // A lambda's class is named after where it was written; its interface says what it is.
            String where = type.getName().substring(0, lambda);
            where = where.substring(where.lastIndexOf('.') + 1).replace('$', '.');
            Class<?>[] interfaces = type.getInterfaces();
            return (interfaces.length == 0 ? "" : interfaces[0].getSimpleName() + " ") + "lambda in " + where;
        }
        String simple = type.getSimpleName();
        return simple.isEmpty() ? type.getName() : simple;
    }

    /**
     * Whether Spring Security's filters saw the request. {@code FilterChainProxy} marks a request it runs on with
     * {@code FilterChainProxy.APPLIED} but removes the mark before it returns, so the mark never shows after the
     * chain; the attributes its filters leave do (the security context, the CSRF token).
     */
    private static boolean securityRan(HttpServletRequest request) {
        Enumeration<String> names = request.getAttributeNames();
        while (names != null && names.hasMoreElements()) {
            if (names.nextElement().startsWith(SECURITY_ATTRIBUTE_PREFIX)) {
                return true;
            }
        }
        return false;
    }
}
