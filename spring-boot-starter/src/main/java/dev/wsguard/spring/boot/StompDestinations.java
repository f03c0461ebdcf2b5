package dev.wsguard.spring.boot;

import jakarta.servlet.http.HttpServletRequest;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.messaging.handler.invocation.AbstractMethodMessageHandler;
import org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;

/**
 * A STOMP destination used as a WebSocket URL ({@code new WebSocket("ws://host/app/chat")}): the application's
 * destination prefixes ({@code setApplicationDestinationPrefixes("/app")}, its message handlers'), its broker's
 * ({@code enableSimpleBroker("/topic")}) and its STOMP endpoints, read from the application's beans when a misrouted
 * handshake is diagnosed ({@link SpringMisroute#STOMP_DESTINATION}). Loaded only where spring-messaging and
 * spring-websocket are on the class path.
 */
final class StompDestinations implements SpringAnswerer.PathMeanings {

    static final String BROKER_CLASS = "org.springframework.messaging.simp.broker.AbstractBrokerMessageHandler";

    /** How much of the path a text quotes. */
    private static final int PATH_SHOWN = 128;

    private final ApplicationContext context;

    StompDestinations(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public String of(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String contextPath = request.getContextPath();
        if (uri == null || contextPath == null || !uri.startsWith(contextPath)) {
            return null;
        }
        String path = uri.substring(contextPath.length());
        String kind = null;
        String verb = null;
        String prefix = under(path, prefixes(AbstractMethodMessageHandler.class));
        if (prefix != null) {
            kind = SpringMisroute.part("application");
            verb = SpringMisroute.part("send");
        } else {
            prefix = under(path, prefixes(AbstractBrokerMessageHandler.class));
            if (prefix != null) {
                kind = SpringMisroute.part("broker");
                verb = SpringMisroute.part("subscribe");
            }
        }
        if (prefix == null) {
            return null;
        }
        List<String> endpoints = stompEndpoints();
        if (endpoints.isEmpty()) {
            return null;
        }
        return SpringMisroute.STOMP_DESTINATION.text(Map.of("kind", kind, "prefix", prefix, "verb", verb,
                "path", SpringRefusal.cut(path, PATH_SHOWN), "endpoints", String.join(SpringMisroute.part("or"), endpoints)));
    }

    /** The prefix (without its trailing slash) that the path is a destination under, or null. */
    private static String under(String path, Collection<String> prefixes) {
        for (String p : prefixes) {
            String prefix = p.endsWith("/") ? p.substring(0, p.length() - 1) : p;
            if (!prefix.isEmpty() && path.startsWith(prefix + "/") && path.length() > prefix.length() + 1) {
                return prefix;
            }
        }
        return null;
    }

    /** The destination prefixes of every message handler of this type in the application. */
    private Set<String> prefixes(Class<?> type) {
        Set<String> prefixes = new LinkedHashSet<>();
        for (Object handler : context.getBeansOfType(type, false, false).values()) {
            if (handler instanceof AbstractMethodMessageHandler) {
                prefixes.addAll(((AbstractMethodMessageHandler<?>) handler).getDestinationPrefixes());
            } else if (handler instanceof AbstractBrokerMessageHandler) {
                prefixes.addAll(((AbstractBrokerMessageHandler) handler).getDestinationPrefixes());
            }
        }
        return prefixes;
    }

    /** The STOMP endpoints a client connects to: "/ws-plain", "/ws (with a SockJS client)". */
    private List<String> stompEndpoints() {
        String prefix = SpringEndpoints.dispatcherServletPrefix(context);
        List<String> endpoints = new ArrayList<>();
        for (WebSocketHandlerMapping mapping : context.getBeansOfType(WebSocketHandlerMapping.class, false, false)
                .values()) {
            for (Map.Entry<String, Object> e : WebSocketHandlerMappings.handlers(mapping).entrySet()) {
                Object handler = e.getValue();
                String pattern = e.getKey();
                if (handler instanceof WebSocketHttpRequestHandler && WebSocketHandlerMappings.isStomp(
                        ((WebSocketHttpRequestHandler) handler).getWebSocketHandler())) {
                    endpoints.add(prefix + pattern);
                } else if (handler instanceof SockJsHttpRequestHandler
                        && pattern.endsWith(WebSocketHandlerMappings.SOCKJS_SUFFIX) && WebSocketHandlerMappings
                        .isStomp(((SockJsHttpRequestHandler) handler).getWebSocketHandler())) {
                    String base = prefix + pattern.substring(0, pattern.length()
                            - WebSocketHandlerMappings.SOCKJS_SUFFIX.length());
                    endpoints.add(SpringTexts.fill(SpringMisroute.part("sockJs"),
                            Map.of("path", base.isEmpty() ? "/" : base)));
                }
            }
        }
        return endpoints;
    }
}
