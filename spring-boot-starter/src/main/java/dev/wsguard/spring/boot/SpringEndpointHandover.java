package dev.wsguard.spring.boot;

import dev.wsguard.FrameworkEndpoint;
import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.report.LogOutput;
import dev.wsguard.spring.boot.SpringStartupProblem.EmbeddedServer;
import jakarta.servlet.ServletContext;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Logger;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextRefreshedEvent;
import org.springframework.util.ClassUtils;
import org.springframework.web.context.WebApplicationContext;

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
    /** Where the container publishes its WebSocket support in the servlet context (Jakarta WebSocket 2.1, 6.4). */
    private static final String SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";

    private final ApplicationContext context;

    SpringEndpointHandover(ApplicationContext context) {
        this.context = context;
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
        Object webServer = webServer(context);
        String webSocketSupportFix = webSocketSupportFix(context, webServer);
        if (webServer == null) {
            warnOfExporterInExternalContainer(context);
        }
        // Asking Spring Security costs tens of milliseconds of class loading: the filter runs it on its own thread,
        // before its WSG00, so the application's startup does not wait for it.
        Runnable csrfCheck = () -> warnOfSockJsTransportsUnderCsrf(context);
        for (WebSocketGuardFilter filter : registeredFilters()) {
            // The application's own registration has no describer yet; the starter's gets the same kind again.
            filter.describeAnswerer(SpringAnswerer.of(context));
            // Before the endpoints: WSG10, written once they are told, gives it.
            filter.webSocketSupportFix(webSocketSupportFix);
            filter.frameworkReady(endpoints, csrfCheck);
            // One warning, from the first filter.
            csrfCheck = null;
        }
    }

    /**
     * wsguard's filters in this application: the starter's registration, or those the application registered itself
     * (a registration bean, or a filter bean that Boot registers), each once.
     */
    private List<WebSocketGuardFilter> registeredFilters() {
        Map<WebSocketGuardFilter, Boolean> found = new IdentityHashMap<>();
        for (FilterRegistrationBean<?> registration
                : context.getBeansOfType(FilterRegistrationBean.class, false, false).values()) {
            if (registration.getFilter() instanceof WebSocketGuardFilter) {
                found.put((WebSocketGuardFilter) registration.getFilter(), Boolean.TRUE);
            }
        }
        for (WebSocketGuardFilter filter : context.getBeansOfType(WebSocketGuardFilter.class, false, false).values()) {
            found.put(filter, Boolean.TRUE);
        }
        return new ArrayList<>(found.keySet());
    }

    /** The embedded server the application started, or null: an external container runs it (a WAR), or unknown. */
    private static Object webServer(ApplicationContext context) {
        try {
            // WebServerApplicationContext moved package between Boot 3.5 and 4.0; its method did not.
            Method getWebServer = context.getClass().getMethod("getWebServer");
            return getWebServer.invoke(context);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /**
     * In an external container, the {@code @ServerEndpoint} classes of the WAR that the application's exporters deploy
     * again ({@link SpringStartupProblem#EXPORTER_IN_EXTERNAL_CONTAINER}), said on wsguard's logger beside its
     * startup lines: the container deployed them itself, its class loader being the one that loaded them.
     */
    private static void warnOfExporterInExternalContainer(ApplicationContext context) {
        try {
            ServletContext servletContext = context instanceof WebApplicationContext
                    ? ((WebApplicationContext) context).getServletContext() : null;
            ClassLoader loader = context.getClassLoader();
            if (servletContext == null || !ClassUtils.isPresent(ExportedEndpoints.EXPORTER_CLASS, loader)
                    || !ClassUtils.isPresent(ExportedEndpoints.SERVER_ENDPOINT_CLASS, loader)) {
                return;
            }
            ClassLoader webapp = servletContext.getClassLoader();
            List<String> again = new ArrayList<>();
            for (Map.Entry<Class<?>, String> e : ExportedEndpoints.annotatedClasses(context).entrySet()) {
                if (webapp != null && e.getKey().getClassLoader() == webapp) {
                    again.add(e.getKey().getName() + " at " + e.getValue());
                }
            }
            if (again.isEmpty()) {
                return;
            }
            warn(SpringStartupProblem.EXPORTER_IN_EXTERNAL_CONTAINER, Map.of("endpoints", String.join(", ", again),
                    "server", String.valueOf(servletContext.getServerInfo())));
        } catch (RuntimeException | LinkageError e) {
            // Only a warning: the application runs as it would without it.
        }
    }

    /**
     * Each SockJS endpoint whose POST transports Spring Security's CSRF protection covers
     * ({@link SpringStartupProblem#SOCKJS_TRANSPORTS_UNDER_CSRF}), where the application has both.
     */
    private static void warnOfSockJsTransportsUnderCsrf(ApplicationContext context) {
        ClassLoader loader = context.getClassLoader();
        if (!ClassUtils.isPresent(SockJsCsrfCheck.SECURITY_CLASS, loader)
                || !ClassUtils.isPresent(WebSocketHandlerMappings.MAPPING_CLASS, loader)) {
            return;
        }
        try {
            ServletContext servletContext = context instanceof WebApplicationContext
                    ? ((WebApplicationContext) context).getServletContext() : null;
            for (Map<String, String> values : SockJsCsrfCheck.covered(context, servletContext,
                    SpringEndpoints.dispatcherServletPrefix(context))) {
                warn(SpringStartupProblem.SOCKJS_TRANSPORTS_UNDER_CSRF, values);
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A Spring Security that keeps its CSRF matcher elsewhere, or a matcher that cannot judge a made-up
            // request: nothing is known, so nothing is said.
            LOG.debug("wsguard could not tell whether CSRF protection covers SockJS's transports", e);
        }
    }

    /** A startup problem on wsguard's logger, beside its startup lines: what is wrong, then the fix. */
    private static void warn(SpringStartupProblem problem, Map<String, String> values) {
        Logger.getLogger(LogOutput.LOGGER_NAME).warning(problem.description(values) + " Fix: "
                + problem.action(values));
    }

    /**
     * How the embedded server the application runs gets its WebSocket support, for {@code WSG10}
     * ({@link SpringStartupProblem#CONTAINER_WEBSOCKET_MISSING}); null in an external container (a WAR), whose own
     * fix wsguard already gives, where the server's WebSocket support runs, or where it cannot tell.
     */
    private static String webSocketSupportFix(ApplicationContext context, Object webServer) {
        try {
            EmbeddedServer server = EmbeddedServer.ofWebServer(webServer);
            ServletContext servletContext = context instanceof WebApplicationContext
                    ? ((WebApplicationContext) context).getServletContext() : null;
            // With the server's WebSocket support running, the fix is never given; reading its text costs startup.
            if (server == null || servletContext != null && servletContext.getAttribute(SERVER_CONTAINER) != null) {
                return null;
            }
            // Jetty names its Jakarta EE environment in the classes it hands the application.
            String environment = servletContext != null && servletContext.getClass().getName().contains(".ee11.")
                    ? "ee11" : "ee10";
            return SpringStartupProblem.CONTAINER_WEBSOCKET_MISSING.action(Map.of("fix", server.fix(environment)));
        } catch (RuntimeException e) {
            return null;
        }
    }
}
