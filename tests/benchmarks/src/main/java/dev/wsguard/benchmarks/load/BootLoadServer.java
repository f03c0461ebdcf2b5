package dev.wsguard.benchmarks.load;

import java.io.IOException;
import java.io.PrintStream;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.socket.TextMessage;
import org.springframework.web.socket.WebSocketSession;
import org.springframework.web.socket.config.annotation.EnableWebSocket;
import org.springframework.web.socket.config.annotation.WebSocketConfigurer;
import org.springframework.web.socket.config.annotation.WebSocketHandlerRegistry;
import org.springframework.web.socket.handler.TextWebSocketHandler;

/**
 * The load benchmark's Spring Boot server, in a JVM of its own like {@link LoadServer}: the same app shape as a
 * Boot user writes it, on Boot's embedded Tomcat. A {@code @RestController} answers {@code GET /app/hello} with
 * plain text through Spring MVC's {@code DispatcherServlet}, and a raw {@code WebSocketHandler} registered with
 * {@code @EnableWebSocket} echoes text at {@code /app/echo} (Spring upgrades it inside the dispatcher). Boot's
 * defaults otherwise, on 127.0.0.1 and a free port.
 *
 * <p>The variants differ by class path only, as they do for a Boot user: {@code with-wsguard} has
 * {@code wsguard-spring-boot-starter} and the filter on it and no {@code wsguard.*} property, so the starter
 * registers the filter in its default mode, {@code log}; {@code without-wsguard} has neither jar. The server
 * checks that its class path matches the variant it was told, before it starts.
 *
 * <p>Its standard output carries only {@link ServerCommands}' protocol; everything the application logs goes to
 * standard error, which {@link ServerProcess} writes to the server's log file. Argument: {@link Variant#label()}.
 */
@Configuration(proxyBeanMethods = false)
@EnableAutoConfiguration
@EnableWebSocket
@Import(BootLoadServer.Hello.class)
public class BootLoadServer implements WebSocketConfigurer {

    /** The other servers' plain answer, byte for byte (the test kit's PlainTextServlet). */
    static final String BODY = "plain servlet says hello\n";
    private static final String FILTER_CLASS = "dev.wsguard.WebSocketGuardFilter";
    private static final String STARTER_CLASS = "dev.wsguard.spring.boot.WsguardAutoConfiguration";

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BootLoadServer <without-wsguard|with-wsguard>");
        }
        Variant variant = Variant.of(args[0]);
        ServerCommands.startWatchdog("BootLoadServer");
        boolean filter = isPresent(FILTER_CLASS);
        boolean starter = isPresent(STARTER_CLASS);
        boolean expected = variant == Variant.WITH_WSGUARD;
        if (filter != expected || starter != expected) {
            throw new IllegalStateException("BootLoadServer " + variant + ": the class path has the filter: " + filter
                    + ", the starter: " + starter + "; expected both " + (expected ? "present" : "absent"));
        }

        PrintStream protocol = System.out;
        // Boot's console log (Logback, and JUL through its bridge) writes to System.out: into the log file with it.
        System.setOut(System.err);
        ServerCommands.LineCounter lines = ServerCommands.LineCounter.attach();
        SpringApplication application = new SpringApplication(BootLoadServer.class);
        application.setDefaultProperties(Map.of(
                "server.address", "127.0.0.1",
                "server.port", "0",
                "server.servlet.context-path", "/app",
                "spring.main.banner-mode", "off"));
        try (ConfigurableApplicationContext context = application.run(args)) {
            // Set by Boot once its web server listens, whichever Boot version.
            int port = Integer.parseInt(context.getEnvironment().getRequiredProperty("local.server.port"));
            ServerCommands.serve(port, lines, protocol);
        } finally {
            protocol.flush();
        }
    }

    private static boolean isPresent(String className) {
        try {
            Class.forName(className, false, BootLoadServer.class.getClassLoader());
            return true;
        } catch (ClassNotFoundException e) {
            return false;
        }
    }

    @Override
    public void registerWebSocketHandlers(WebSocketHandlerRegistry registry) {
        registry.addHandler(new EchoHandler(), "/echo");
    }

    /** The plain GET every request of the throughput load asks for. */
    @RestController
    static class Hello {

        @GetMapping(path = "/hello", produces = "text/plain;charset=UTF-8")
        String hello() {
            return BODY;
        }
    }

    /** Echoes each text message, as the other servers' {@code @ServerEndpoint} does. */
    static final class EchoHandler extends TextWebSocketHandler {

        @Override
        protected void handleTextMessage(WebSocketSession session, TextMessage message) throws IOException {
            session.sendMessage(new TextMessage(message.getPayload()));
        }
    }
}
