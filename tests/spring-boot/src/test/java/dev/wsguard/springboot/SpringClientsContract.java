package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.log.Marker;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.SpringVersion;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * Real clients against the Boot application, in the mode each subclass starts it in: Spring's
 * {@code WebSocketStompClient} over {@code SockJsClient} (WebSocket transport, and XHR transport) to {@code /ws} and
 * over {@code StandardWebSocketClient} to {@code /ws-plain}, each a STOMP CONNECT, SUBSCRIBE {@code /topic/echo} and
 * SEND {@code /app/echo} that comes back; the JDK's client to {@code /echo} (its echo) and to SockJS's raw transport
 * {@code /ws/websocket} (STOMP {@code CONNECTED}). Each works, and wsguard logs nothing for it (a marker proves it).
 * Then the same clients at the wrong URLs fail as they report it, with wsguard's line: the JDK client at the SockJS
 * base {@code /ws} ({@code WSG08} naming {@code /ws/websocket}; SockJS's own 400 in both modes, since enforce mode
 * leaves a WSG08 as it is), and {@code StandardWebSocketClient} and the JDK client at the typo {@code /ecco}
 * ({@code WSG01} with {@code Closest endpoint: /echo}; in enforce mode wsguard's 400 with {@code WSGuard-Code}).
 *
 * <p>SockJS's XHR transports POST (xhr_streaming, xhr_send), which the application's Spring Security would refuse
 * without a CSRF token; {@link SockJsWithoutCsrf} exempts {@code /ws/**} from CSRF as Spring Security's documentation
 * tells SockJS users to. Nothing else of the application changes.
 */
abstract class SpringClientsContract extends OneBootAppTest {

    /** Whether this class's application enforces. */
    protected abstract boolean enforce();

    /** The application's user (Spring Boot's in-memory one), for a client that signs in. */
    private static final String USER = "stomp";
    private static final String PASSWORD = "stomp-password";

    /** The application in {@code profile} (null for none), with {@code /ws/**} exempt from CSRF. */
    protected static BootApp startWithSockJsXhr(String profile) {
        return BootApp.start(profile, List.of(SockJsWithoutCsrf.class), "--spring.security.user.name=" + USER,
                "--spring.security.user.password=" + PASSWORD);
    }

    private String http(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    private String ws(String path) {
        return "ws://127.0.0.1:" + app.port() + path;
    }

    private Marker marker() {
        return Marker.at(app.port(), "");
    }

    @Test
    void stompOverSockJsWebSocketTransportEchoesAndNothingIsLogged() throws Exception {
        int mark = log.mark();
        assertEquals("over SockJS websocket", SpringClients.stompEcho(SpringClients.sockJsOverWebSocket(),
                http("/ws"), "over SockJS websocket"));
        log.assertNoRequestLineBefore(marker(), mark);
    }

    @Test
    void stompOverSockJsXhrTransportEchoesAndNothingIsLogged() throws Exception {
        // Spring Framework 7.0.8 (Boot 4.0.7's) binds an anonymous SockJS session to the remote address of the request
        // that opened it, port included, so the XHR transports' xhr_send, on another connection, gets 404 with
        // wsguard disabled as well: spring-projects/spring-framework#36976 (a regression of #36681), fixed in 7.0.9
        // by comparing the address without the port. A signed-in session is bound to its user instead, so there the
        // client signs in first, as users of that version do.
        // The starter said nothing of CSRF at startup: the application's chain for /ws/ turns it off there.
        assertEquals(List.of(), StarterWarnsOfCsrfOnSockJsTest.csrfWarnings(log), log.describe());
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        if (SpringVersion.getVersion().equals("7.0.8")) {
            headers.add("Cookie", SpringClients.signIn(app.port(), USER, PASSWORD));
        }
        int mark = log.mark();
        assertEquals("over SockJS xhr", SpringClients.stompEcho(SpringClients.sockJsOverXhr(), http("/ws"), headers,
                "over SockJS xhr"));
        log.assertNoRequestLineBefore(marker(), mark);
    }

    @Test
    void stompOverStandardWebSocketClientToThePlainEndpointEchoesAndNothingIsLogged() throws Exception {
        int mark = log.mark();
        assertEquals("over plain STOMP", SpringClients.stompEcho(
                new org.springframework.web.socket.client.standard.StandardWebSocketClient(), ws("/ws-plain"),
                "over plain STOMP"));
        log.assertNoRequestLineBefore(marker(), mark);
    }

    @Test
    void theJdkClientToTheHandlerAndToSockJsRawTransportWorksAndNothingIsLogged() throws Exception {
        int mark = log.mark();
        ClientOutcome echo = JdkWebSocketClient.connect(URI.create(ws("/echo")));
        assertTrue(echo.connected(), echo.summary());
        assertEquals(JdkWebSocketClient.TEXT, echo.echoed());
        String connected = SpringClients.jdkStompConnect(URI.create(ws("/ws/websocket")));
        assertTrue(connected.startsWith("CONNECTED\n"), connected);
        log.assertNoRequestLineBefore(marker(), mark);
    }

    @Test
    void theJdkClientAtTheSockJsBaseGetsSockJs400AndWsg08NamesTheWebSocketPath() throws Exception {
        int mark = log.mark();
        ClientOutcome outcome = JdkWebSocketClient.connect(URI.create(ws("/ws")));
        assertFalse(outcome.connected(), outcome.summary());
        assertEquals(java.net.http.WebSocketHandshakeException.class.getName(), outcome.exception(), outcome.summary());
        assertEquals(400, outcome.status(), outcome.summary());
        assertNull(outcome.guardCode(), "enforce mode leaves a WSG08 as it is: " + outcome.summary());
        String line = WsguardLines.await(log, "WSG08", "/ws");
        assertTrue(line.contains("/ws/websocket"), line);
        assertEquals(List.of(line), log.requestLinesBefore(marker(), mark));
    }

    @Test
    void clientsAtATypoFailAsTheyReportItAndWsg01NamesTheEndpoint() throws Exception {
        int mark = log.mark();
        String standard = SpringClients.standardHandshake(ws("/ecco"));
        assertNotNull(standard, "StandardWebSocketClient opened a session at the typo");
        System.out.println("[clients] StandardWebSocketClient at /ecco (" + (enforce() ? "enforce" : "log")
                + "): " + standard);
        // Each container's client words it its own way (Tomcat's "[200]", Jetty's "200 OK", Undertow's "code
        // 200"), and each names the status.
        String status = enforce() ? "400" : "200";
        assertTrue(java.util.regex.Pattern.compile("\\b" + status + "\\b").matcher(standard).find(),
                "expected the client to report " + status + ": " + standard);
        String line = WsguardLines.await(log, "WSG01", "/ecco");
        assertTrue(line.contains("Closest endpoint: /echo"), line);

        // The JDK client exposes the status and headers: the fallback's 200, or wsguard's 400 and its code. Its
        // line is a repeat of (WSG01, /ecco) inside the log window: counted, not logged.
        ClientOutcome jdk = JdkWebSocketClient.connect(URI.create(ws("/ecco")));
        assertFalse(jdk.connected(), jdk.summary());
        assertEquals(java.net.http.WebSocketHandshakeException.class.getName(), jdk.exception(), jdk.summary());
        if (enforce()) {
            assertEquals(400, jdk.status(), jdk.summary());
            assertEquals("WSG01", jdk.guardCode(), jdk.summary());
        } else {
            assertEquals(200, jdk.status(), jdk.summary());
            assertNull(jdk.guardCode(), jdk.summary());
        }
        assertEquals(List.of(line), log.requestLinesBefore(marker(), mark));
    }

    /** Exempts SockJS's paths from CSRF (its XHR transports POST), as Spring Security's documentation advises. */
    @Configuration(proxyBeanMethods = false)
    static class SockJsWithoutCsrf {
        @Bean
        @Order(Ordered.HIGHEST_PRECEDENCE)
        SecurityFilterChain sockJsWithoutCsrf(HttpSecurity http) throws Exception {
            // A matcher of its own, as the application's (no pattern matcher guessing between servlets).
            http.securityMatcher(request -> request.getRequestURI().startsWith(request.getContextPath() + "/ws/"))
                    .csrf(csrf -> csrf.disable())
                    .authorizeHttpRequests(requests -> requests.anyRequest().permitAll());
            return http.build();
        }
    }
}
