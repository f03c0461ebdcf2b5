package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.spring.boot.WsguardAutoConfiguration;
import dev.wsguard.springboot.app.WsguardBootApp;
import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.http.WebSocketFrames;
import dev.wsguard.testkit.log.Marker;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import java.net.URI;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.AbstractFilterRegistrationBean;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.boot.web.servlet.RegistrationBean;
import org.springframework.core.Ordered;

/**
 * The starter with no {@code wsguard.*} property set, in a Boot application with Spring Security, Spring WebSocket,
 * STOMP and SockJS endpoints and a single-page app's fallback: where it is registered, and what it logs for the
 * handshakes users get wrong, over real HTTP on the embedded container of this module.
 */
class StarterInLogModeTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null);
    }

    @Test
    void registeredFirstAndBeforeSpringSecurityAsTheWebXmlInstallDeclaresIt() {
        FilterRegistrationBean<?> wsguard = app.context().getBean(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME,
                FilterRegistrationBean.class);
        assertInstanceOf(WebSocketGuardFilter.class, wsguard.getFilter());
        assertEquals(Ordered.HIGHEST_PRECEDENCE, wsguard.getOrder());
        assertTrue(wsguard.isAsyncSupported());
        assertEquals(List.of("/*"), List.copyOf(wsguard.getUrlPatterns()));
        assertEquals(EnumSet.of(DispatcherType.REQUEST), wsguard.determineDispatcherTypes());
        assertEquals(Map.of(), wsguard.getInitParameters(), "only the properties that are set: none");

        Map<String, RegistrationBean> registrations = app.context().getBeansOfType(RegistrationBean.class);
        AbstractFilterRegistrationBean<?> security = registrations.values().stream()
                .filter(r -> r instanceof AbstractFilterRegistrationBean<?> f
                        && "springSecurityFilterChain".equals(f.getFilterName()))
                .map(r -> (AbstractFilterRegistrationBean<?>) r).findFirst()
                .orElseThrow(() -> new AssertionError("no springSecurityFilterChain registration in " + registrations));
        assertEquals(-100, security.getOrder(), "Spring Security's default filter order");
        assertTrue(wsguard.getOrder() < security.getOrder());
        for (Map.Entry<String, RegistrationBean> r : registrations.entrySet()) {
            assertTrue(wsguard.getOrder() <= r.getValue().getOrder(), r.getKey() + " comes before wsguard");
        }

        // What the container was given.
        FilterRegistration inContainer = app.servletContext().getFilterRegistration(WsguardAutoConfiguration.FILTER_NAME);
        assertNotNull(inContainer, "no filter named wsguard in the servlet context");
        assertEquals(WebSocketGuardFilter.class.getName(), inContainer.getClassName());
        assertEquals(List.of("/*"), List.copyOf(inContainer.getUrlPatternMappings()));
        assertNull(inContainer.getInitParameter("endpoints"), "Spring's endpoints are discovered, not configured");
    }

    @Test
    void aHandshakeToAProtectedPathGetsTheLoginRedirectAndWsguardSeesItFirst() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/secure/ws"))) {
            assertEquals(302, response.status(), response.head());
            assertTrue(response.header("Location").orElse("").endsWith("/login"), response.head());
        }
        // Spring Security answered; wsguard saw that answer only because it runs before Security's chain.
        String line = WsguardLines.await(log, "WSG07", "/secure/ws");
        assertTrue(line.contains("302") && line.contains("/login"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }

    @Test
    void aCorrectHandshakeGets101AndAnEchoAndNothingIsLogged() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/echo"))) {
            assertEquals(101, response.status(), response.head());
            assertEquals(RawRequest.SAMPLE_ACCEPT, response.header("Sec-WebSocket-Accept").orElse(null));
            WebSocketFrames.sendText(response.upgradedOutput(), "over the raw socket");
            assertEquals("over the raw socket", WebSocketFrames.read(response.upgradedInput()).text());
        }
        ClientOutcome jdk = JdkWebSocketClient.connect(URI.create("ws://127.0.0.1:" + app.port() + "/echo"));
        assertTrue(jdk.connected(), jdk.summary());
        assertEquals(JdkWebSocketClient.TEXT, jdk.echoed());
        log.assertNoRequestLineBefore(Marker.at(app.port(), ""), mark);
    }

    @Test
    void aTypoAnsweredByTheFallbackIsWsg01NamingTheEndpointTheStarterDiscovered() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ecco"))) {
            assertEquals(200, response.status(), "log mode changes no response: " + response.head());
            assertEquals(WsguardBootApp.SPA_SHELL, response.bodyText());
        }
        String line = WsguardLines.await(log, "WSG01", "/ecco");
        assertTrue(line.contains("Closest endpoint: /echo"), line);
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }

    @Test
    void aTypoNothingAnswersIsWsg02SpringsOwn404() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/nothing/ecco"))) {
            assertEquals(404, response.status(), response.head());
        }
        String line = WsguardLines.await(log, "WSG02", "/nothing/ecco");
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }
}
