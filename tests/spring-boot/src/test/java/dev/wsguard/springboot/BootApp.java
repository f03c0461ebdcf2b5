package dev.wsguard.springboot;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.springboot.app.WsguardBootApp;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * One running {@link WsguardBootApp}, started as an application starts ({@link SpringApplicationBuilder}, its
 * {@code application.properties} and the given profile), on 127.0.0.1 and a free port; closed by the test class that
 * started it. Uses nothing that moved between Boot 3.5 and 4.0, so the same source compiles against both.
 */
final class BootApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private BootApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    /**
     * Starts the application with a profile ({@code application-<profile>.properties}, or null for none), extra
     * configuration classes, and command-line arguments ({@code --wsguard.log-window=0}).
     */
    static BootApp start(String profile, List<Class<?>> extraSources, String... args) {
        List<Class<?>> sources = new ArrayList<>();
        sources.add(WsguardBootApp.class);
        sources.addAll(extraSources);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(sources.toArray(new Class<?>[0]));
        if (profile != null) {
            builder.profiles(profile);
        }
        return new BootApp(builder.run(args));
    }

    static BootApp start(String profile) {
        return start(profile, List.of());
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    ServletContext servletContext() {
        return ((WebApplicationContext) context).getServletContext();
    }

    /** wsguard's filters as the servlet context has them registered: name to URL patterns (comma-separated). */
    Map<String, String> guardRegistrations() {
        return servletContext().getFilterRegistrations().values().stream()
                .filter(f -> WebSocketGuardFilter.class.getName().equals(f.getClassName()))
                .collect(Collectors.toMap(FilterRegistration::getName, f -> String.join(",", f.getUrlPatternMappings())));
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }
}
