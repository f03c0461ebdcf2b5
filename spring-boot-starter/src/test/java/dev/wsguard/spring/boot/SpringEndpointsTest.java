package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.FrameworkEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.web.socket.handler.LoggingWebSocketHandlerDecorator;
import org.springframework.web.socket.handler.TextWebSocketHandler;
import org.springframework.web.socket.server.support.WebSocketHttpRequestHandler;

/**
 * How Spring's patterns and the {@code DispatcherServlet}'s path become wsguard's templates; no application needed
 * (tests/spring-boot proves the discovery on real applications).
 */
class SpringEndpointsTest {

    @Test
    void patternsWsguardCanSayBecomeTemplates() {
        assertEquals("/echo", SpringEndpoints.template("/echo"));
        assertEquals("/echo", SpringEndpoints.template("echo"));
        assertEquals("/", SpringEndpoints.template("/"));
        assertEquals("/chat/{room}", SpringEndpoints.template("/chat/{room}"));
        assertEquals("/chat/{room}", SpringEndpoints.template("/chat/{room:[a-z]+}"));
        assertEquals("/chat/{*}", SpringEndpoints.template("/chat/*"));
        assertEquals("/api/echo", SpringEndpoints.template("/api" + "/echo"));
    }

    @Test
    void patternsWsguardCannotSayAreLeftOut() {
        assertNull(SpringEndpoints.template("/ws/**"));
        assertNull(SpringEndpoints.template("/files/{*path}"));
        assertNull(SpringEndpoints.template("/ec*o"));
        assertNull(SpringEndpoints.template("/ech?"));
        assertNull(SpringEndpoints.template("/a{b}"));
        assertNull(SpringEndpoints.template(""));
        List<FrameworkEndpoint> found = new ArrayList<>();
        SpringEndpoints.add(found, null, SpringEndpoints.STOMP, false);
        assertTrue(found.isEmpty());
    }

    @Test
    void theServletPathPropertyIsAPrefixAsBootMakesIt() {
        assertEquals("", prefix(null));
        assertEquals("", prefix("/"));
        assertEquals("/api", prefix("/api"));
        assertEquals("/api", prefix("/api/"));
        assertEquals("/api", prefix("/api/*"));
        assertEquals("/api", prefix("api"));
    }

    @Test
    void aDecoratedPlainHandlerIsNoStompEndpoint() {
        WebSocketHttpRequestHandler raw = new WebSocketHttpRequestHandler(
                new LoggingWebSocketHandlerDecorator(new TextWebSocketHandler()));
        assertFalse(WebSocketHandlerMappings.isStomp(raw.getWebSocketHandler()));
    }

    private static String prefix(String servletPath) {
        StandardEnvironment environment = new StandardEnvironment();
        if (servletPath != null) {
            environment.getPropertySources().addFirst(new MapPropertySource("test",
                    Map.of(SpringEndpoints.SERVLET_PATH_PROPERTY, servletPath)));
        }
        return SpringEndpoints.prefixOf(environment);
    }
}
