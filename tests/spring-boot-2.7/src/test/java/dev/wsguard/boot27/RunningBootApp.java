package dev.wsguard.boot27;

import dev.wsguard.boot27.app.Boot27App;
import java.util.ArrayList;
import java.util.List;
import javax.servlet.ServletContext;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.context.WebApplicationContext;

/**
 * One running {@link Boot27App}, started as an application starts ({@link SpringApplicationBuilder} and its
 * {@code application.properties}) with command-line arguments on top ({@code --wsguard.mode=enforce}).
 */
final class RunningBootApp implements AutoCloseable {

    private final ConfigurableApplicationContext context;
    private final int port;

    private RunningBootApp(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = context.getEnvironment().getRequiredProperty("local.server.port", Integer.class);
    }

    static RunningBootApp start(String... args) {
        return start(List.of(), args);
    }

    /** With configuration classes besides {@link Boot27App}. */
    static RunningBootApp start(List<Class<?>> extraSources, String... args) {
        List<Class<?>> sources = new ArrayList<>();
        sources.add(Boot27App.class);
        sources.addAll(extraSources);
        return new RunningBootApp(new SpringApplicationBuilder(sources.toArray(new Class<?>[0])).run(args));
    }

    ConfigurableApplicationContext context() {
        return context;
    }

    ServletContext servletContext() {
        return ((WebApplicationContext) context).getServletContext();
    }

    int port() {
        return port;
    }

    @Override
    public void close() {
        context.close();
    }
}
