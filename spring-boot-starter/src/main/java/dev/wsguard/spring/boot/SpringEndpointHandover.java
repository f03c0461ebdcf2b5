package dev.wsguard.spring.boot;

import dev.wsguard.FrameworkEndpoint;
import dev.wsguard.WebSocketGuardFilter;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;

/**
 * Tells wsguard's filter Spring's own WebSocket endpoints ({@link SpringEndpoints}) when the application context has
 * been refreshed: every singleton exists then, the handler mappings included, and the embedded server has started,
 * before the application's runners and {@code ApplicationReadyEvent}. Boot's embedded Tomcat, Jetty and Undertow all
 * call the filter's {@code init} earlier, while the context creates its web server, so its {@code WSG00} waits for
 * this (the filter's {@code frameworkReady}). Only this application context's own refresh counts: a child's (an
 * actuator management context on its own port) reaches this listener too.
 *
 * <p>Whatever goes wrong while reading the endpoints stays here: the filter is told what was found, or none, so it
 * does not wait for nothing, and the application starts as it would without wsguard.
 */
final class SpringEndpointHandover implements ApplicationListener<ContextRefreshedEvent> {

    private static final Log LOG = LogFactory.getLog(SpringEndpointHandover.class);

    private final ApplicationContext context;

    SpringEndpointHandover(ApplicationContext context) {
        this.context = context;
    }

    /** What names the Spring handler, or the security chain, that answered, for this application's lines. */
    static SpringAnswerer answerer(ApplicationContext context) {
        return new SpringAnswerer(() -> context.containsBean(SpringAnswerer.SECURITY_FILTER_CHAIN));
    }

    @Override
    public void onApplicationEvent(ContextRefreshedEvent event) {
        if (event.getApplicationContext() != context) {
            return;
        }
        List<FrameworkEndpoint> endpoints;
        try {
            endpoints = SpringEndpoints.discover(context);
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("wsguard could not read Spring's WebSocket endpoints; its lines will not name them: " + e);
            endpoints = List.of();
        }
        if (LOG.isDebugEnabled()) {
            LOG.debug("wsguard told Spring's WebSocket endpoints: " + endpoints);
        }
        for (WebSocketGuardFilter filter : registeredFilters()) {
            // The application's own registration has no describer yet; the starter's gets the same kind again.
            filter.describeAnswerer(answerer(context));
            filter.frameworkReady(endpoints);
        }
    }

    /**
     * wsguard's filters in this application: the starter's registration, or those the application registered itself
     * (a registration bean, or a filter bean that Boot registers), each once.
     */
    private List<WebSocketGuardFilter> registeredFilters() {
        Map<WebSocketGuardFilter, Boolean> found = new IdentityHashMap<>();
        for (FilterRegistrationBean<?> registration : context.getBeansOfType(FilterRegistrationBean.class, false, false).values()) {
            if (registration.getFilter() instanceof WebSocketGuardFilter) {
                found.put((WebSocketGuardFilter) registration.getFilter(), Boolean.TRUE);
            }
        }
        for (WebSocketGuardFilter filter : context.getBeansOfType(WebSocketGuardFilter.class, false, false).values()) {
            found.put(filter, Boolean.TRUE);
        }
        return new ArrayList<>(found.keySet());
    }
}
