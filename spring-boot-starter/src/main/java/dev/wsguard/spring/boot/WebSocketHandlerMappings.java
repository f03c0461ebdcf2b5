package dev.wsguard.spring.boot;

import dev.wsguard.FrameworkEndpoint;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpMethod;
import org.springframework.web.socket.WebSocketHandler;
import org.springframework.web.socket.handler.WebSocketHandlerDecorator;
import org.springframework.web.socket.server.support.WebSocketHandlerMapping;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;
import org.springframework.web.socket.sockjs.SockJsService;
import org.springframework.web.socket.sockjs.support.AbstractSockJsService;
import org.springframework.web.socket.sockjs.support.SockJsHttpRequestHandler;
import org.springframework.web.socket.sockjs.transport.TransportHandlingSockJsService;
import org.springframework.web.socket.sockjs.transport.TransportType;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring's own WebSocket endpoints, from its {@code WebSocketHandlerMapping}s: the handler mappings that
 * {@code @EnableWebSocket} ({@code registry.addHandler(handler, "/echo")}) and {@code @EnableWebSocketMessageBroker}
 * ({@code registry.addEndpoint("/ws")}) create, which Spring MVC's {@code DispatcherServlet} consults; the container
 * never sees them. Loaded only where spring-websocket and spring-webmvc are on the class path.
 *
 * <p>Each pattern maps either
 * <ul>
 * <li>a {@code WebSocketHttpRequestHandler}: a raw WebSocket endpoint at the pattern, a STOMP endpoint when its
 * handler, under its decorators, is Spring's {@code SubProtocolWebSocketHandler};</li>
 * <li>or a {@code SockJsHttpRequestHandler}, mapped at {@code <path>/**} for an endpoint registered at
 * {@code <path>}: the SockJS service answers plain HTTP at {@code <path>} (its greeting), {@code <path>/info} and
 * {@code <path>/<server>/<session>/<transport>}, and WebSocket handshakes at {@code <path>/websocket} (raw WebSocket,
 * no SockJS framing) and {@code <path>/<server>/<session>/websocket} (SockJS framing), both only while its WebSocket
 * transport is enabled ({@code AbstractSockJsService.handleRequest} in spring-websocket).</li>
 * </ul>
 */
final class WebSocketHandlerMappings {

    static final String MAPPING_CLASS = "org.springframework.web.socket.server.support.WebSocketHandlerMapping";

    /** Spring's handler of sub-protocols over WebSocket: STOMP is the one Spring ships. */
    private static final String SUB_PROTOCOL_HANDLER = "org.springframework.web.socket.messaging.SubProtocolWebSocketHandler";
    /** What a SockJS endpoint's mapping pattern ends with (WebMvcStompWebSocketEndpointRegistration.getMappings). */
    static final String SOCKJS_SUFFIX = "/**";

    private WebSocketHandlerMappings() {
    }

    /** Adds the endpoints of every {@code WebSocketHandlerMapping}, in the mappings' order, each prefixed. */
    static void discover(ApplicationContext context, String prefix, List<FrameworkEndpoint> found) {
        for (WebSocketHandlerMapping mapping : inOrder(context)) {
            for (Map.Entry<String, Object> e : handlers(mapping).entrySet()) {
                endpoints(prefix, e.getKey(), e.getValue(), found);
            }
        }
    }

    /** A SockJS endpoint at a literal base path, prefixed, and the transports it answers with a POST. */
    record SockJsPosts(String base, List<String> transports) {
    }

    /**
     * Every SockJS endpoint at a literal path whose service has transports a client reaches with a POST (xhr,
     * xhr_send, xhr_streaming: {@code TransportType.getHttpMethod()}), each prefixed; a service that is not Spring's
     * {@code TransportHandlingSockJsService} is left out, its transports unknown.
     */
    static List<SockJsPosts> sockJsPosts(ApplicationContext context, String prefix) {
        List<SockJsPosts> found = new ArrayList<>();
        for (WebSocketHandlerMapping mapping : inOrder(context)) {
            for (Map.Entry<String, Object> e : handlers(mapping).entrySet()) {
                String pattern = e.getKey();
                if (!(e.getValue() instanceof SockJsHttpRequestHandler) || !pattern.endsWith(SOCKJS_SUFFIX)
                        || !(((SockJsHttpRequestHandler) e.getValue()).getSockJsService()
                                instanceof TransportHandlingSockJsService)) {
                    continue;
                }
                String base = sockJsBase(prefix, pattern);
                TransportHandlingSockJsService service = (TransportHandlingSockJsService)
                        ((SockJsHttpRequestHandler) e.getValue()).getSockJsService();
                List<String> posts = new ArrayList<>();
                for (TransportType type : TransportType.values()) {
                    if (HttpMethod.POST.equals(type.getHttpMethod()) && service.getTransportHandlers().containsKey(type)) {
                        posts.add(type.value());
                    }
                }
                if (!posts.isEmpty() && base != null && base.indexOf('{') < 0) {
                    found.add(new SockJsPosts(base, posts));
                }
            }
        }
        return found;
    }

    /**
     * A SockJS endpoint's base path, prefixed, from its mapping pattern ({@code <path>/**}) as a wsguard template;
     * null where a template cannot say it. One registered at "/" is mapped at "/**": its base is the root.
     */
    private static String sockJsBase(String prefix, String pattern) {
        String raw = prefix + pattern.substring(0, pattern.length() - SOCKJS_SUFFIX.length());
        return SpringEndpoints.template(raw.isEmpty() ? "/" : raw);
    }

    private static List<WebSocketHandlerMapping> inOrder(ApplicationContext context) {
        List<WebSocketHandlerMapping> mappings = new ArrayList<>(
                context.getBeansOfType(WebSocketHandlerMapping.class, false, true).values());
        mappings.sort(Comparator.comparingInt(WebSocketHandlerMapping::getOrder));
        return mappings;
    }

    /** Pattern to handler: {@code getHandlerMap()}, or the parsed patterns' where only those were kept. */
    static Map<String, Object> handlers(WebSocketHandlerMapping mapping) {
        Map<String, Object> handlers = new LinkedHashMap<>(mapping.getHandlerMap());
        if (handlers.isEmpty()) {
            for (Map.Entry<PathPattern, Object> e : mapping.getPathPatternHandlerMap().entrySet()) {
                handlers.put(e.getKey().getPatternString(), e.getValue());
            }
        }
        return handlers;
    }

    private static void endpoints(String prefix, String pattern, Object handler, List<FrameworkEndpoint> found) {
        if (handler instanceof WebSocketHttpRequestHandler) {
            WebSocketHandler ws = ((WebSocketHttpRequestHandler) handler).getWebSocketHandler();
            SpringEndpoints.add(found, SpringEndpoints.template(prefix + pattern),
                    isStomp(ws) ? SpringEndpoints.STOMP : SpringEndpoints.WEB_SOCKET_HANDLER, false);
        } else if (handler instanceof SockJsHttpRequestHandler && pattern.endsWith(SOCKJS_SUFFIX)) {
            String base = sockJsBase(prefix, pattern);
            if (base == null) {
                return;
            }
            String root = base.equals("/") ? "" : base;
            SpringEndpoints.add(found, root.isEmpty() ? "/" : root, SpringEndpoints.SOCKJS, true);
            if (webSocketTransport(((SockJsHttpRequestHandler) handler).getSockJsService())) {
                SpringEndpoints.add(found, root + "/websocket", SpringEndpoints.SOCKJS, false);
                SpringEndpoints.add(found, root + "/{server}/{session}/websocket", SpringEndpoints.SOCKJS, false);
            }
        }
    }

    /** Whether the handler, under Spring's decorators, is Spring's sub-protocol (STOMP) handler. */
    static boolean isStomp(WebSocketHandler handler) {
        WebSocketHandler last = WebSocketHandlerDecorator.unwrap(handler);
        // By name: the class needs spring-messaging, which an application with plain WebSocket handlers may lack.
        for (Class<?> c = last == null ? null : last.getClass(); c != null; c = c.getSuperclass()) {
            if (c.getName().equals(SUB_PROTOCOL_HANDLER)) {
                return true;
            }
        }
        return false;
    }

    /** Whether the SockJS service takes WebSocket handshakes (its WebSocket transport is on and has a handler). */
    private static boolean webSocketTransport(SockJsService service) {
        if (service instanceof AbstractSockJsService && !((AbstractSockJsService) service).isWebSocketEnabled()) {
            return false;
        }
        return !(service instanceof TransportHandlingSockJsService)
                || ((TransportHandlingSockJsService) service).getTransportHandlers().containsKey(TransportType.WEBSOCKET);
    }
}
