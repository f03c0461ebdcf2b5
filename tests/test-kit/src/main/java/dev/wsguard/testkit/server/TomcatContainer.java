package dev.wsguard.testkit.server;

import jakarta.servlet.DispatcherType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.connector.Connector;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.servlets.DefaultServlet;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;

/**
 * Embedded Tomcat (10.1 or 11, whichever the module has) with a programmatic context
 * ({@code Tomcat.addContext}: no web.xml, no annotation scanning). WebSocket support is Tomcat's
 * {@link WsSci}, handed the endpoint classes as if scanning had found them; it registers Tomcat's WsFilter
 * after the filters declared here. A fresh server per deployment.
 */
public final class TomcatContainer implements ContainerUnderTest {

    @Override
    public String version() {
        return ServerInfo.getServerNumber().replaceFirst("^(\\d+\\.\\d+\\.\\d+)\\.0$", "$1");
    }

    /** A Tomcat with its base in {@code baseDir}, one loopback connector on port 0, and quiet INFO logs. */
    public static Tomcat newTomcat(String baseDir) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir);
        // Keeps Tomcat's INFO lines (start, stop) out of the test output; warnings still show.
        tomcat.setSilent(true);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", Loopback.HOST);
        tomcat.setConnector(connector);
        return tomcat;
    }

    /** The port a started {@link #newTomcat(String)} listens on (-1 or 0 if it did not bind). */
    public static int port(Tomcat tomcat) {
        return tomcat.getConnector().getLocalPort();
    }

    /** Stops and destroys a Tomcat, best effort. */
    public static void stopQuietly(Tomcat tomcat) {
        try {
            tomcat.stop();
        } catch (Exception ignored) {
            // Best effort, as for Jetty.
        }
        try {
            tomcat.destroy();
        } catch (Exception ignored) {
            // As above.
        }
    }

    @Override
    public RunningServer start(Deployment deployment) throws Exception {
        Path work = WorkDirs.create("tomcat");
        Tomcat tomcat = newTomcat(work.toString());
        try {
            apply(deployment.settings(), tomcat.getConnector());
            AppSetup app = deployment.app();
            Path docBase = Files.createDirectories(work.resolve("docbase"));
            app.writeResourceBase(docBase);
            Context context = tomcat.addContext(AppSetup.CONTEXT_PATH, docBase.toString());
            if (context instanceof StandardContext standard) {
                // These leak checks need --add-opens and only print warnings on every stop.
                standard.setClearReferencesThreadLocals(false);
                standard.setClearReferencesRmiTargets(false);
            }

            deployment.allFilters().forEach(spec -> addFilter(context, spec));
            for (ServletSpec servlet : deployment.allServlets()) {
                Wrapper wrapper = Tomcat.addServlet(context, servlet.name(), servlet.servlet().get());
                wrapper.setAsyncSupported(true);
                context.addServletMappingDecoded(servlet.mapping(), servlet.name());
            }
            if (app.containerDefaultServlet()) {
                // Without a servlet that matches, Tomcat answers 404 before any filter runs.
                Wrapper wrapper = Tomcat.addServlet(context, "default", new DefaultServlet());
                wrapper.addInitParameter("listings", "false");
                context.addServletMappingDecoded("/", "default");
            }
            if (app.webSocketSupport()) {
                context.addServletContainerInitializer(new WsSci(), new LinkedHashSet<>(app.endpointClasses()));
            }

            tomcat.start();
            // Tomcat logs a failed context start (a filter whose init threw) and carries on serving 404s.
            if (context.getState() != LifecycleState.STARTED) {
                throw new IllegalStateException("Tomcat context " + AppSetup.CONTEXT_PATH + " is " + context.getState());
            }
            int port = port(tomcat);
            if (port <= 0) {
                throw new IllegalStateException("Tomcat connector did not bind (local port " + port + ")");
            }
            return new Running(tomcat, port, work);
        } catch (Exception | Error e) {
            stopQuietly(tomcat);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    /** Every character Tomcat can be told to accept in a request target, unencoded. */
    private static final String RELAXED_CHARS = "\"<>[\\]^`{|}";

    private static void apply(ContainerSettings settings, Connector connector) {
        if (settings.requestHeadLimit() > 0) {
            connector.setProperty("maxHttpHeaderSize", String.valueOf(settings.requestHeadLimit()));
        }
        if (settings.lenientUris()) {
            connector.setProperty("relaxedPathChars", RELAXED_CHARS);
            connector.setProperty("relaxedQueryChars", RELAXED_CHARS);
        }
    }

    private static void addFilter(Context context, FilterSpec spec) {
        FilterDef def = new FilterDef();
        def.setFilterName(spec.name());
        def.setFilterClass(spec.className());
        def.setAsyncSupported("true");
        for (Map.Entry<String, String> param : spec.initParams().entrySet()) {
            def.addInitParameter(param.getKey(), param.getValue());
        }
        context.addFilterDef(def);
        FilterMap map = new FilterMap();
        map.setFilterName(spec.name());
        map.addURLPatternDecoded(spec.urlPattern());
        map.setDispatcher(DispatcherType.REQUEST.name());
        context.addFilterMap(map);
    }

    private record Running(Tomcat tomcat, int port, Path work) implements RunningServer {

        @Override
        public void close() {
            stopQuietly(tomcat);
            WorkDirs.deleteQuietly(work);
        }
    }
}
