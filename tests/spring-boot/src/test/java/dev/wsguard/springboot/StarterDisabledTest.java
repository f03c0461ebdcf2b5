package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.spring.boot.WsguardAutoConfiguration;
import dev.wsguard.spring.boot.WsguardProperties;
import dev.wsguard.springboot.app.WsguardBootApp;
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

/**
 * {@code wsguard.enabled=false} ({@code application-disabled.properties}, which also sets {@code wsguard.mode=enforce}
 * so that a wsguard left in place would show by its 400): the starter registers nothing.
 *
 * <p>A marker needs a wsguard in the context to log it, so this application declares one by hand, mapped to
 * {@code /markers/*} only, as a user who wants wsguard on some paths only would (the starter off, their own
 * registration): the typo's request never passes through it, and the marker, sent after the typo, proves that no line
 * came of the typo without waiting for one.
 */
class StarterDisabledTest extends OneBootAppTest {

    @Override
    protected BootApp startApp() {
        return BootApp.start("disabled", List.of(MarkerGuard.class));
    }

    @Test
    void theStarterRegistersNothing() {
        assertFalse(app.context().containsBean(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME));
        assertTrue(app.context().getBeansOfType(WsguardProperties.class).isEmpty());
        assertTrue(app.context().getBeansOfType(WsguardAutoConfiguration.class).isEmpty());
        assertEquals(Map.of(MarkerGuard.NAME, "/markers/*"), app.guardRegistrations(),
                "only the hand-made one, for markers");
    }

    @Test
    void aTypoIsAnsweredByTheApplicationAndLogsNothing() throws Exception {
        int mark = log.mark();
        try (RawResponse response = RawHttp.exchange(app.port(), RawRequest.validUpgrade("/ecco"))) {
            assertEquals(200, response.status(), "an enforcing wsguard would have answered 400: " + response.head());
            assertEquals(WsguardBootApp.SPA_SHELL, response.bodyText());
            assertTrue(response.header("WSGuard-Code").isEmpty(), response.head());
        }
        log.assertNoRequestLineBefore(Marker.at(app.port(), MarkerGuard.PATH), mark);
    }

    /** wsguard registered by hand for {@code /markers/*} alone, in log mode (its default). */
    @Configuration(proxyBeanMethods = false)
    static class MarkerGuard {
        static final String NAME = "wsguard-markers";
        static final String PATH = "/markers";

        @Bean
        FilterRegistrationBean<WebSocketGuardFilter> markerGuard() {
            FilterRegistrationBean<WebSocketGuardFilter> registration =
                    new FilterRegistrationBean<>(new WebSocketGuardFilter());
            registration.setName(NAME);
            registration.addUrlPatterns(PATH + "/*");
            return registration;
        }
    }
}
