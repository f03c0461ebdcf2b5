package dev.wsguard.sample.boot;

import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.handler.annotation.MessageMapping;
import org.springframework.messaging.handler.annotation.SendTo;
import org.springframework.messaging.simp.config.MessageBrokerRegistry;
import org.springframework.stereotype.Controller;
import org.springframework.web.socket.config.annotation.EnableWebSocketMessageBroker;
import org.springframework.web.socket.config.annotation.StompEndpointRegistry;
import org.springframework.web.socket.config.annotation.WebSocketMessageBrokerConfigurer;

/**
 * A STOMP chat over SockJS, as Spring's guides set one up: the STOMP endpoint {@code /ws} with SockJS, the simple
 * in-memory broker on {@code /topic}, and application destinations under {@code /app}. A client sends to
 * {@code /app/chat}; {@link Chat} answers everyone subscribed to {@code /topic/chat}.
 *
 * <p>SockJS serves more than one URL under {@code /ws}: {@code /ws/info} (what the client asks first),
 * {@code /ws/{server}/{session}/websocket} (the WebSocket transport a SockJS client then opens) and
 * {@code /ws/websocket} (for plain WebSocket clients that speak STOMP). {@code /ws} itself answers a plain GET with a
 * greeting, and a WebSocket handshake with 400: a plain {@code new WebSocket(".../ws")} fails there.
 */
@Configuration
@EnableWebSocketMessageBroker
public class StompChat implements WebSocketMessageBrokerConfigurer {

    public static final String ENDPOINT = "/ws";

    @Override
    public void registerStompEndpoints(StompEndpointRegistry registry) {
        registry.addEndpoint(ENDPOINT).withSockJS();
        // The page subscribes and sends at once: without this, the inbound channel's threads may handle the SEND
        // first, and its broadcast misses the subscription (seen once as a chat card that timed out).
        registry.setPreserveReceiveOrder(true);
    }

    @Override
    public void configureMessageBroker(MessageBrokerRegistry registry) {
        registry.enableSimpleBroker("/topic");
        registry.setApplicationDestinationPrefixes("/app");
    }

    /** {@code /app/chat} to {@code /topic/chat}. */
    @Controller
    public static class Chat {
        @MessageMapping("/chat")
        @SendTo("/topic/chat")
        public String chat(String text) {
            return "[chat] " + text;
        }
    }
}
