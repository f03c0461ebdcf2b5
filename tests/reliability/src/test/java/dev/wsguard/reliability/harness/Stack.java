package dev.wsguard.reliability.harness;

import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.TomcatContainer;
import dev.wsguard.testkit.server.WorkDirs;
import jakarta.servlet.DispatcherType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.descriptor.web.FilterDef;
import org.apache.tomcat.util.descriptor.web.FilterMap;
import org.apache.tomcat.websocket.server.WsSci;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;
import org.eclipse.jetty.http.UriCompliance;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** A started container with one {@link StackSpec}'s app at {@code /app} on 127.0.0.1, port 0. Closing stops it. */
public final class Stack implements AutoCloseable {

    private final Container container;
    private final int port;
    private final Runnable stop;
    private final Path work;

    private Stack(Container container, int port, Runnable stop, Path work) {
        this.container = container;
        this.port = port;
        this.stop = stop;
        this.work = work;
    }

    public int port() {
        return port;
    }

    public Container container() {
        return container;
    }

    public String authority() {
        return Loopback.HOST + ":" + port;
    }

    /** Stops the server (wsguard's destroy runs here) and removes its work directory; never throws. */
    @Override
    public void close() {
        try {
            stop.run();
        } finally {
            WorkDirs.deleteQuietly(work);
        }
    }

    static Stack startJetty(StackSpec spec) throws Exception {
        Path work = WorkDirs.create("rel-jetty");
        Server server = new Server();
        HttpConfiguration http = new HttpConfiguration();
        if (spec.requestHeaderLimit > 0) {
            http.setRequestHeaderSize(spec.requestHeaderLimit);
        }
        if (spec.lenientParsing) {
            http.setUriCompliance(UriCompliance.UNSAFE);
        }
        ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
        connector.setHost(Loopback.HOST);
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        try {
            ServletContextHandler context = new ServletContextHandler();
            context.setContextPath(StackSpec.CONTEXT_PATH);
            context.setBaseResourceAsPath(Files.createDirectories(work.resolve("docroot")));
            context.setTempDirectory(Files.createDirectories(work.resolve("tmp")).toFile());
            for (StackSpec.FilterEntry f : spec.filters) {
                FilterHolder holder = new FilterHolder(f.filter().get());
                holder.setName(f.name());
                holder.setAsyncSupported(true);
                holder.setInitParameters(f.initParams());
                context.addFilter(holder, "/*", EnumSet.of(DispatcherType.REQUEST));
            }
            for (StackSpec.ServletEntry s : spec.servlets) {
                ServletHolder holder = new ServletHolder(s.name(), s.servlet().get());
                holder.setAsyncSupported(true);
                context.addServlet(holder, s.mapping());
            }
            if (spec.echoEndpoint) {
                Class<?> endpoint = spec.endpointClass();
                JakartaWebSocketServletContainerInitializer.configure(context,
                        (servletContext, container) -> container.addEndpoint(endpoint));
            }
            if (spec.lenientParsing) {
                context.getServletHandler().setDecodeAmbiguousURIs(true);
            }
            server.setHandler(context);
            server.start();
            if (!context.isAvailable()) {
                throw new IllegalStateException("Jetty context " + StackSpec.CONTEXT_PATH + " is not available");
            }
            return new Stack(Container.JETTY, connector.getLocalPort(), () -> JettyEe10Container.stopQuietly(server),
                    work);
        } catch (Exception | Error e) {
            JettyEe10Container.stopQuietly(server);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    static Stack startTomcat(StackSpec spec) throws Exception {
        Path work = WorkDirs.create("rel-tomcat");
        Tomcat tomcat = TomcatContainer.newTomcat(work.toString());
        if (spec.requestHeaderLimit > 0) {
            tomcat.getConnector().setProperty("maxHttpHeaderSize", String.valueOf(spec.requestHeaderLimit));
        }
        if (spec.lenientParsing) {
            tomcat.getConnector().setProperty("relaxedPathChars", "\"<>[\\]^`{|}");
            tomcat.getConnector().setProperty("relaxedQueryChars", "\"<>[\\]^`{|}");
        }
        try {
            Path docBase = Files.createDirectories(work.resolve("docbase"));
            Context context = tomcat.addContext(StackSpec.CONTEXT_PATH, docBase.toString());
            if (context instanceof StandardContext standard) {
                standard.setClearReferencesThreadLocals(false);
                standard.setClearReferencesRmiTargets(false);
            }
            for (StackSpec.FilterEntry f : spec.filters) {
                FilterDef def = new FilterDef();
                def.setFilterName(f.name());
                def.setFilter(f.filter().get());
                def.setFilterClass(def.getFilter().getClass().getName());
                def.setAsyncSupported("true");
                for (Map.Entry<String, String> p : f.initParams().entrySet()) {
                    def.addInitParameter(p.getKey(), p.getValue());
                }
                context.addFilterDef(def);
                FilterMap map = new FilterMap();
                map.setFilterName(f.name());
                map.addURLPatternDecoded("/*");
                map.setDispatcher(DispatcherType.REQUEST.name());
                context.addFilterMap(map);
            }
            for (StackSpec.ServletEntry s : spec.servlets) {
                Wrapper wrapper = Tomcat.addServlet(context, s.name(), s.servlet().get());
                wrapper.setAsyncSupported(true);
                context.addServletMappingDecoded(s.mapping(), s.name());
            }
            if (spec.echoEndpoint) {
                Set<Class<?>> endpoints = new LinkedHashSet<>();
                endpoints.add(spec.endpointClass());
                context.addServletContainerInitializer(new WsSci(), endpoints);
            }
            tomcat.start();
            if (context.getState() != LifecycleState.STARTED) {
                throw new IllegalStateException("Tomcat context " + StackSpec.CONTEXT_PATH + " is " + context.getState());
            }
            int port = TomcatContainer.port(tomcat);
            if (port <= 0) {
                throw new IllegalStateException("Tomcat connector did not bind (local port " + port + ")");
            }
            return new Stack(Container.TOMCAT, port, () -> TomcatContainer.stopQuietly(tomcat), work);
        } catch (Exception | Error e) {
            TomcatContainer.stopQuietly(tomcat);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }
}
