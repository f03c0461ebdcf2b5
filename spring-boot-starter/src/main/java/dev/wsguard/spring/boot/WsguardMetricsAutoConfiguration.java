package dev.wsguard.spring.boot;

import dev.wsguard.GuardListener;
import dev.wsguard.WebSocketGuardFilter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Where the application has Micrometer and a {@link MeterRegistry}, counts wsguard's incidents and upgrade attempts
 * into it ({@link MicrometerGuardListener}). Ordered after the registry's auto-configuration by name, in its Boot 3.5
 * package and in its Boot 4.0 one, so one jar serves both without loading either.
 */
@AutoConfiguration(after = WsguardAutoConfiguration.class, afterName = {
        "org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration" })
@ConditionalOnClass({ MeterRegistry.class, WebSocketGuardFilter.class })
@ConditionalOnBean(type = "io.micrometer.core.instrument.MeterRegistry",
        name = WsguardAutoConfiguration.REGISTRATION_BEAN_NAME)
public class WsguardMetricsAutoConfiguration {

    /** The listener's bean name. */
    public static final String METRICS_BEAN_NAME = "wsguardMetrics";

    /** The listener, added to the registered filter before its container serves a request. */
    @Bean(METRICS_BEAN_NAME)
    GuardListener wsguardMetrics(MeterRegistry registry,
            @Qualifier(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME)
            FilterRegistrationBean<WebSocketGuardFilter> registration) {
        MicrometerGuardListener listener = new MicrometerGuardListener(registry);
        registration.getFilter().addListener(listener);
        return listener;
    }
}
