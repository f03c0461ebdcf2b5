package dev.wsguard.springboot;

import dev.wsguard.springboot.app.WsguardBootApp;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The main class a test's child JVM runs ({@link ChildJvm}): one Boot application, chosen by its first argument, on
 * 127.0.0.1 and a free port. It prints {@link #STARTED} and the port once started, then runs until its standard input
 * closes (the test closes it); a failed start leaves Boot's own failure report in the output and ends the JVM.
 */
public final class ChildBootApp {

    /** Printed with the port once the application has started. */
    static final String STARTED = "wsguard-child-started port=";
    /** Printed when the application failed to start, after Boot's own report. */
    static final String FAILED = "wsguard-child-failed";

    /** The applications a child runs. */
    enum App {
        /** The shared test application: Spring WebSocket handlers, STOMP, SockJS and a {@code ServerEndpointExporter}. */
        FULL(WsguardBootApp.class),
        /** A raw Spring {@code WebSocketHandler} at {@code /echo} and nothing of the container's WebSocket API. */
        HANDLER_ONLY(HandlerOnlyApp.class);

        final Class<?> source;

        App(Class<?> source) {
            this.source = source;
        }
    }

    private ChildBootApp() {
    }

    public static void main(String[] args) throws IOException {
        App app = App.valueOf(args[0]);
        ConfigurableApplicationContext context;
        try {
            context = new SpringApplicationBuilder(app.source)
                    .run(List.of(args).subList(1, args.length).toArray(new String[0]));
        } catch (RuntimeException | Error e) {
            System.out.println(FAILED + " " + e);
            System.out.flush();
            System.exit(3);
            return;
        }
        System.out.println(STARTED + context.getEnvironment().getProperty("local.server.port"));
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // The test closes the pipe when it is done.
        }
        context.close();
        System.exit(0);
    }

    /** A Spring WebSocket handler and nothing else of WebSockets; Security lets everything through. */
    @SpringBootConfiguration
    @EnableAutoConfiguration
    @EnableWebSocket
    static class HandlerOnlyApp implements WebSocketConfigurer {

        @Override
        public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
            registry.addHandler(new TextWebSocketHandler() {
                @Override
                protected void handleTextMessage(WebSocketSession session, TextMessage message) throws Exception {
                    session.sendMessage(new TextMessage(message.getPayload()));
                }
            }, "/echo");
        }

        @Bean
        SecurityFilterChain permitAll(HttpSecurity http) throws Exception {
            http.authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
    }
}
