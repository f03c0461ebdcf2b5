package dev.wsguard.boot27.app;

import dev.wsguard.WebSocketGuardFilter;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.Ordered;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * A Spring Boot 2.7 application as its users commonly have one: Spring MVC with a single-page app's fallback
 * ({@link SpaFallbackController}) and a javax endpoint ({@link EchoEndpoint}) deployed into embedded Tomcat 9 by
 * Spring's {@link ServerEndpointExporter}; wsguard-filter-javax registered as a plain filter, first, as docs/javax.md
 * shows it (the starter is built for Boot 3.5 and 4.0 only).
 *
 * <p>Its settings are in {@code application.properties}; {@code wsguard.mode} and {@code wsguard.endpoints} are this
 * application's own properties, handed to the filter as its init-params.
 */
@SpringBootApplication
public class Boot27App {

    /** The body of the SPA fallback's answer. */
    public static final String SHELL = "single-page app shell";

    /** The filter's name in the servlet context. */
    public static final String FILTER_NAME = "wsguard";

    /**
     * wsguard first on every request, as web.xml would declare it: before Spring's own filters, so it sees the answer
     * the whole application gives. Async-supported, since a filter that is not makes every async servlet behind it
     * fail. {@code endpoints}: Boot's embedded Tomcat runs no ServletContainerInitializer from jars, so wsguard's own
     * endpoint scan never runs, and Tomcat's mappings, which wsguard reads once the deploying thread is quiet (at most
     * 1 s after the filter's init), hold the exporter's endpoints only if the rest of the startup was quicker than
     * that (the exporter deploys them once every singleton exists). wsguard learns them later from the mappings
     * (it reads them again every second for a minute), but its startup line WSG00 is written before; listed, they
     * are in WSG00 however long the startup takes (Boot27SlowStartTest).
     */
    @Bean
    public FilterRegistrationBean<WebSocketGuardFilter> wsguard(@Value("${wsguard.mode:log}") String mode,
                                                                @Value("${wsguard.endpoints:}") String endpoints) {
        FilterRegistrationBean<WebSocketGuardFilter> registration = new FilterRegistrationBean<>(new WebSocketGuardFilter());
        registration.setName(FILTER_NAME);
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE);
        registration.addUrlPatterns("/*");
        registration.setAsyncSupported(true);
        registration.addInitParameter("mode", mode);
        if (!endpoints.isBlank()) {
            registration.addInitParameter("endpoints", endpoints);
        }
        return registration;
    }

    /** Deploys {@link EchoEndpoint} into Tomcat's javax ServerContainer once every singleton exists. */
    @Bean
    public ServerEndpointExporter serverEndpointExporter() {
        ServerEndpointExporter exporter = new ServerEndpointExporter();
        exporter.setAnnotatedEndpointClasses(EchoEndpoint.class);
        return exporter;
    }
}
