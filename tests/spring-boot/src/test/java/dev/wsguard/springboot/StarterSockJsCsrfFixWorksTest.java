package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.wsguard.springboot.app.WsguardBootApp;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.SpringVersion;
import org.springframework.web.socket.WebSocketHttpHeaders;

/**
 * {@link SockJsCsrfFixContract} with the {@code DispatcherServlet} on {@code /} and the warning's string pattern
 * ({@code http.csrf(csrf -> csrf.ignoringRequestMatchers("/ws/**"))}); and {@code SockJsClient} over its XHR transport
 * echoes through STOMP with nothing logged.
 */
class StarterSockJsCsrfFixWorksTest extends SockJsCsrfFixContract {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(), "--" + WsguardBootApp.SOCKJS_CSRF_EXEMPT + "=pattern",
                "--spring.security.user.name=" + USER, "--spring.security.user.password=" + PASSWORD);
    }

    @Override
    protected String servletPrefix() {
        return "";
    }

    @Test
    void sockJsClientOverXhrEchoesWithNothingLogged() throws Exception {
        // Spring Framework 7.0.8 binds an anonymous SockJS session to its first request's address and port
        // (spring-framework#36976, see SpringClientsContract): there the client signs in first.
        WebSocketHttpHeaders headers = new WebSocketHttpHeaders();
        if (SpringVersion.getVersion().equals("7.0.8")) {
            headers.add("Cookie", SpringClients.signIn(app.port(), USER, PASSWORD));
        }
        int mark = log.mark();
        assertEquals("through the exemption", SpringClients.stompEcho(SpringClients.sockJsOverXhr(),
                "http://127.0.0.1:" + app.port() + "/ws", headers, "through the exemption"));
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }
}
