package dev.wsguard.sample.boot;

import java.security.Principal;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * Two raw Spring {@code WebSocketHandler}s (no SockJS, no STOMP): {@code /echo}, open to everyone, echoes every text
 * message; {@code /secure/ws}, behind the login ({@link SecurityConfig}), greets the signed-in user.
 */
@Configuration
@EnableWebSocket
public class RawWebSockets implements WebSocketConfigurer {

    public static final String ECHO_PATH = "/echo";
    public static final String SECURE_PATH = "/secure/ws";

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EchoHandler(), ECHO_PATH);
        registry.addHandler(new GreetingHandler(), SECURE_PATH);
    }

    /** Echoes every text message. */
    static final class EchoHandler extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            session.sendMessage(new TextMessage(message.getPayload()));
        }
    }

    /** Answers "hello USER: MESSAGE"; the user is the one Spring Security let through. */
    static final class GreetingHandler extends TextWebSocketHandler {
        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
            Principal user = session.getPrincipal();
            session.sendMessage(new TextMessage("hello " + (user == null ? "nobody" : user.getName()) + ": " + message.getPayload()));
        }
    }
}
