package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.log.Marker;
import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * Why wsguard does not diagnose Spring Security's CSRF refusal of SockJS's XHR transports: they are POSTs, not
 * handshakes, and the filter's fast path passes every request that is no upgrade attempt (nor a GET to a handshake
 * path) straight on. With the application's CSRF protection on (Spring Security's default), {@code SockJsClient} over
 * {@code RestTemplateXhrTransport} to {@code /ws} fails on its first POST with Security's 403 and wsguard logs nothing.
 * Exempt from CSRF, the same client sends a POST for every STOMP frame (measured once: CONNECT, SUBSCRIBE, SEND and
 * DISCONNECT, four xhr_send), so a diagnosis of these refusals would have to watch the messaging itself.
 * A filter after wsguard records what the client sent and what it got.
 */
class StarterLeavesSockJsCsrfRefusalsAloneTest extends OneBootAppTest {

    /** "POST /ws/{server}/{session}/xhr_streaming 403", in the order they were answered. */
    static final List<String> SOCKJS_REQUESTS = new CopyOnWriteArrayList<>();

    @Configuration(proxyBeanMethods = false)
    static class TransportRecorder {
        @Bean
        FilterRegistrationBean<Filter> sockJsRequestRecorder() {
            Filter recorder = (request, response, chain) -> {
                chain.doFilter(request, response);
                String uri = ((HttpServletRequest) request).getRequestURI();
                if (uri.startsWith("/ws/")) {
                    // The server and session ids differ per connection: the template is what is compared.
                    String[] s = uri.split("/");
                    String path = s.length == 5 ? "/" + s[1] + "/{server}/{session}/" + s[4] : uri;
                    SOCKJS_REQUESTS.add(((HttpServletRequest) request).getMethod() + " " + path + " "
                            + ((HttpServletResponse) response).getStatus());
                }
            };
            FilterRegistrationBean<Filter> registration = new FilterRegistrationBean<>(recorder);
            // Right after wsguard and before Spring Security (-100): it sees what wsguard sees.
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
            registration.addUrlPatterns("/*");
            return registration;
        }
    }

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(TransportRecorder.class));
    }

    private String http(String path) {
        return "http://127.0.0.1:" + app.port() + path;
    }

    @Test
    void xhrTransportPostsRefusedByCsrfAreNoHandshakesAndWsguardStaysOutOfThem() throws Exception {
        SOCKJS_REQUESTS.clear();
        int mark = log.mark();
        assertThrows(Exception.class,
                () -> SpringClients.stompEcho(SpringClients.sockJsOverXhr(), http("/ws"), "refused by CSRF"));
        assertTrue(SOCKJS_REQUESTS.contains("GET /ws/info 200"), SOCKJS_REQUESTS.toString());
        assertTrue(SOCKJS_REQUESTS.contains("POST /ws/{server}/{session}/xhr_streaming 403"),
                "Security's CsrfFilter refuses the first POST: " + SOCKJS_REQUESTS);
        assertTrue(SOCKJS_REQUESTS.stream().noneMatch(r -> r.startsWith("POST") && !r.endsWith(" 403")),
                "every POST is refused: " + SOCKJS_REQUESTS);
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }
}
