package dev.wsguard.spring.boot;

import dev.wsguard.WebSocketGuardFilter;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;

/**
 * Where the application has Actuator, the {@code wsguard} endpoint ({@link WsguardEndpoint}), available as any
 * endpoint is: once exposed ({@code management.endpoints.web.exposure.include=wsguard}). Actuator's endpoint
 * annotations and this condition are in the same packages in Boot 3.5 and 4.0.
 */
@AutoConfiguration(after = WsguardAutoConfiguration.class)
@ConditionalOnClass(name = {
        "org.springframework.boot.actuate.endpoint.annotation.Endpoint",
        "org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint" })
@ConditionalOnBean(name = WsguardAutoConfiguration.REGISTRATION_BEAN_NAME)
public class WsguardEndpointAutoConfiguration {

    @Bean
    @ConditionalOnAvailableEndpoint(endpoint = WsguardEndpoint.class)
    WsguardEndpoint wsguardEndpoint(@Qualifier(WsguardAutoConfiguration.REGISTRATION_BEAN_NAME)
            FilterRegistrationBean<WebSocketGuardFilter> registration) {
        return new WsguardEndpoint(registration.getFilter());
    }
}
