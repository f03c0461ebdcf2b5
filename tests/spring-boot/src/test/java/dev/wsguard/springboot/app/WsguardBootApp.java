package dev.wsguard.springboot.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import java.util.Map;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.stereotype.Controller;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.SimpleUrlHandlerMapping;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * The application the Spring Boot tests start: what a Boot user's application with WebSockets commonly has. wsguard
 * comes from the starter alone; nothing here names it.
 *
 * <ul>
 * <li>a raw Spring {@code WebSocketHandler} at {@code /echo} that echoes text;</li>
 * <li>STOMP over a simple broker ({@code @EnableWebSocketMessageBroker}): a STOMP endpoint with SockJS at
 * {@code /ws} (SockJS's raw WebSocket transport is {@code /ws/websocket}) and a plain STOMP endpoint at
 * {@code /ws-plain}; a message sent to {@code /app/echo} comes back on {@code /topic/echo};</li>
 * <li>a Jakarta WebSocket endpoint at {@code /jsr-echo}, deployed into the container by Spring's
 * {@code ServerEndpointExporter};</li>
 * <li>Spring Security with form login protecting {@code /secure/**} (a handshake there is redirected to
 * {@code /login}: wsguard's WSG07), everything else permitted, {@code /echo} included; its CSRF protection, on by
 * default, covers SockJS's POST transports unless {@value #SOCKJS_CSRF_EXEMPT} is set;</li>
 * <li>a single-page app's fallback answering 200 for every one-segment GET that nothing else took: where a typo's
 * handshake ({@code /ecco}) ends up, the browser's "Unexpected response code: 200" (WSG01). It comes after the
 * WebSocket handler mapping, so {@code /echo} still reaches the handler.</li>
 * </ul>
 *
 * Its settings are in {@code application*.properties}; each test class picks a profile. None of them names an
 * endpoint: the starter discovers Spring's.
 */
@SpringBootApplication
@EnableWebSocket
@EnableWebSocketMessageBroker
public class WsguardBootApp implements WebSocketConfigurer, WebSocketMessageBrokerConfigurer {

    /** The fallback's body. */
    public static final String SPA_SHELL = "single-page app shell";

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EchoHandler(), "/echo");
    }

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint("/ws").withSockJS();
        registry.addEndpoint("/ws-plain");
        // A client's SUBSCRIBE is handled before its SEND that follows.
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic");
        registry.setApplicationDestinationPrefixes("/app");
    }

    /** Deploys {@link JsrEcho} into the container's own ServerContainer once every singleton exists. */
    @Bean
    ServerEndpointExporter serverEndpointExporter() {
        ServerEndpointExporter exporter = new ServerEndpointExporter();
        exporter.setAnnotatedEndpointClasses(JsrEcho.class);
        return exporter;
    }

    /** A Jakarta WebSocket endpoint that echoes text; the container creates it. */
    @ServerEndpoint("/jsr-echo")
    public static class JsrEcho {
        @OnMessage
        public String echo(String text) {
            return text;
        }
    }

    /** Echoes a STOMP message sent to {@code /app/echo} to {@code /topic/echo}. */
    @Controller
    static class StompEcho {
        @MessageMapping("/echo")
        @SendTo("/topic/echo")
        String echo(String text) {
            return text;
        }
    }

    /**
     * The property that applies the fix wsguard gives for CSRF on SockJS's transports, as its line quotes it:
     * {@code pattern} exempts the SockJS endpoint's paths with a string pattern, {@code path-pattern} with a
     * {@code PathPatternRequestMatcher} (the form it gives under a servlet path).
     */
    public static final String SOCKJS_CSRF_EXEMPT = "app.sockjs-csrf-exempt";

    @Bean
    SecurityFilterChain security(HttpSecurity http, @Value("${" + SOCKJS_CSRF_EXEMPT + ":}") String exempt,
            @Value("${spring.mvc.servlet.path:}") String servletPath) throws Exception {
        // A matcher of its own: Security's pattern matchers refuse to guess between servlets where the
        // DispatcherServlet is not on "/" (spring.mvc.servlet.path, beside Jetty's default servlet).
        http.authorizeHttpRequests(requests -> requests
                        .requestMatchers(request -> request.getRequestURI()
                                .startsWith(request.getContextPath() + "/secure/")).authenticated()
                        .anyRequest().permitAll())
                .formLogin(Customizer.withDefaults());
        String sockJs = (servletPath.endsWith("/") ? servletPath.substring(0, servletPath.length() - 1) : servletPath)
                + "/ws/**";
        if (exempt.equals("pattern")) {
            http.csrf(csrf -> csrf.ignoringRequestMatchers(sockJs));
        } else if (exempt.equals("path-pattern")) {
            http.csrf(csrf -> csrf.ignoringRequestMatchers(PathPatternRequestMatcher.withDefaults().matcher(sockJs)));
        }
        return http.build();
    }

    /**
     * The fallback (one path segment, "/{page}": "/*" would make it the default handler for every path), as a handler mapping of the lowest precedence but one (Spring MVC's static resources come last):
     * asked only when no controller, error page or WebSocket handler took the path. (A router function would not
     * do: Spring MVC asks router functions first, so one matching every path would take {@code /echo} and
     * {@code /error} too.)
     */
    @Bean
    SimpleUrlHandlerMapping spaFallback() {
        HttpRequestHandler shell = (request, response) -> {
            response.setContentType("text/plain");
            response.getWriter().write(SPA_SHELL);
        };
        return new SimpleUrlHandlerMapping(Map.of("/{page}", shell), Ordered.LOWEST_PRECEDENCE - 2);
    }

    /** Echoes every text message. */
    static final class EchoHandler extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            session.sendMessage(new TextMessage(message.getPayload()));
        }
    }
}
