package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.spring.boot.WsguardAutoConfiguration;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;

/**
 * An application that registers wsguard itself (as the README's manual install for Boot did before the starter, here
 * in enforce mode by its own init-param) and has the starter too: the starter registers no second filter, so each
 * request is judged once, and still tells the application's filter Spring's endpoints and who answered.
 */
class StarterStepsAsideTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start(null, List.of(OwnGuard.class));
    }

    @Test
    void theStarterRegistersNoSecondFilter() {
        assertFalse(app.context().containsBean(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME));
        assertEquals(Map.of(OwnGuard.NAME, "/*"), app.guardRegistrations(), "only the application's own");
    }

    @Test
    void theApplicationsFilterKnowsSpringsEndpointsAndWhoAnswered() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ecco"))) {
            // Its own init-param: enforce. The starter's properties (log mode by default) do not apply to it.
            assertEquals(400, response.status(), response.head());
            assertEquals("WSG01", response.header("WSGuard-Code").orElse(null), response.head());
        }
        String line = WsguardLines.await(log, "WSG01", "/ecco");
        assertTrue(line.contains(" by Spring handler HttpRequestHandler lambda in WsguardBootApp (pattern /{page})"),
                line);
        assertTrue(line.contains("Closest endpoint: /echo, ws://"), line);
        // One filter, one line.
        assertEquals(List.of(line), log.requestLinesBefore(Marker.at(app.port(), ""), mark));
    }

    /** wsguard registered by hand, first, for every path, in enforce mode. */
    @Configuration(proxyBeanMethods = false)
    static class OwnGuard {
        static final String NAME = "my-wsguard";

        @Bean
        FilterRegistrationBean<WebSocketGuardFilter> myGuard() {
            FilterRegistrationBean<WebSocketGuardFilter> registration =
                    new FilterRegistrationBean<>(new WebSocketGuardFilter());
            registration.setName(NAME);
            registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
            registration.setAsyncSupported(true);
            registration.addInitParameter("mode", "enforce");
            return registration;
        }
    }
}
