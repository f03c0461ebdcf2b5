package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.log.GuardLogCapture;
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
 * Spring Security's CSRF protection (on by default) over SockJS's XHR transports: they are POSTs, not handshakes,
 * which SockJS's client sends without a CSRF token. The filter's fast path passes every request that is no upgrade
 * attempt (nor a GET to a handshake path) straight on, so the starter says it once at startup instead, from the
 * application's configuration: one warning on wsguard's logger naming the endpoint, its POST transports and the fix.
 * At request time {@code SockJsClient} over {@code RestTemplateXhrTransport} to {@code /ws} then fails on its first
 * POST with Security's 403 and wsguard logs nothing: exempt from CSRF, the same client sends a POST for every STOMP
 * frame (measured once: CONNECT, SUBSCRIBE, SEND and DISCONNECT, four xhr_send), traffic a request-time diagnosis would
 * have to watch. A filter after wsguard records what the client sent and what it got.
 * {@code StarterSockJsCsrfFixWorksTest} applies the fix.
 */
class StarterWarnsOfCsrfOnSockJsTest extends OneBootAppTest {

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

    /** The warning, as the starter writes it for the application's SockJS endpoint. */
    static final String WARNING = "Spring Security's CSRF protection covers the SockJS endpoint /ws: its HTTP"
            + " transports (xhr, xhr_send, xhr_streaming) are POSTs that SockJS's client sends without a CSRF token, so"
            + " each gets a 403 and a client that falls back from WebSocket (behind a proxy that drops the upgrade)"
            + " cannot connect. Fix: Exempt the endpoint from CSRF in the SecurityFilterChain that covers it:"
            + " http.csrf(csrf -> csrf.ignoringRequestMatchers(\"/ws/**\")).";

    /** The warnings about CSRF among the lines captured so far, from before the application started. */
    static List<String> csrfWarnings(GuardLogCapture log) {
        return log.messages().stream().filter(m -> m.contains("CSRF")).toList();
    }

    @Test
    void startupSaysOnceThatCsrfCoversTheSockJsEndpointsPostTransportsWithTheFix() throws Exception {
        log.awaitCode("WSG00");
        // Once, for /ws alone: /ws-plain has no SockJS, /echo and /jsr-echo are plain WebSocket endpoints.
        assertEquals(List.of(WARNING), csrfWarnings(log), log.describe());
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
