package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.JettyEe10Container;
import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.jetty.ee10.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee10.webapp.Configuration;
import org.eclipse.jetty.ee10.webapp.Configurations;
import org.eclipse.jetty.ee10.webapp.WebAppClassLoader;
import org.eclipse.jetty.ee10.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/**
 * Deploys exploded WARs on Jetty 12 (ee10; 12.0 or 12.1, whichever the module has) the way the distribution does with the {@code annotations}
 * module: a {@link WebAppContext} per WAR with Jetty's default configurations, annotation scanning and
 * {@code ServletContainerInitializer} discovery included. WebSocket support is Jetty's
 * {@code JakartaWebSocketConfiguration} (module {@code ee10-websocket-jakarta}) on or off.
 *
 * <p>References no WebSocket type, so the same class also runs inside a class loader without any
 * WebSocket jar ({@link IsolatedServers}).
 */
public final class JettyWarDeployer {

    static final String JAKARTA_WEBSOCKET_CONFIGURATION =
            "org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketConfiguration";

    static final String JAKARTA_WEBSOCKET_INITIALIZER =
            "org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer";

    /**
     * Initializers on the test class path that a real Jetty would not have: Tomcat's (tomcat-embed-websocket
     * sits beside Jetty here), and Jetty's own WebSocket initializer when its support is off.
     */
    private static final String NOT_JETTY = "org\\.apache\\.tomcat\\..*";
    private static final String JETTY_WEBSOCKET = "org\\.eclipse\\.jetty\\.ee10\\.websocket\\..*";

    private JettyWarDeployer() {
    }

    public static DeployedServer start(boolean webSocket, List<WebApp> apps) throws Exception {
        Path work = WorkDirs.create("jetty-war");
        Server server = JettyEe10Container.newServer();
        try {

            ClassLoader parent = WithoutGuardClassLoader.of(JettyWarDeployer.class.getClassLoader());
            ContextHandlerCollection contexts = new ContextHandlerCollection();
            List<WebAppContext> webapps = new ArrayList<>();
            int n = 0;
            for (WebApp app : apps) {
                WebAppContext context = new WebAppContext();
                context.setContextPath(app.contextPath());
                context.setWar(app.dir().toString());
                // Parent: this class's loader (the test class path, or an isolated loader) without wsguard,
                // whatever the thread's context class loader.
                context.setClassLoader(webAppClassLoader(parent, context));
                context.setTempDirectory(Files.createDirectories(work.resolve("tmp-" + n++)).toFile());
                context.setConfigurations(configurations(webSocket));
                context.setAttribute(AnnotationConfiguration.SERVLET_CONTAINER_INITIALIZER_EXCLUSION_PATTERN,
                        webSocket ? NOT_JETTY : NOT_JETTY + "|" + JETTY_WEBSOCKET);
                // Jetty's own WebSocket initializer first, then the rest in discovery order. Without an order
                // Jetty's varies between runs, which matters when a second implementation (Tyrus) is present.
                context.setAttribute(AnnotationConfiguration.SERVLET_CONTAINER_INITIALIZER_ORDER,
                        JAKARTA_WEBSOCKET_INITIALIZER + ", *");
                // A failing initializer, filter or servlet fails the start instead of leaving a 503 context.
                context.setThrowUnavailableOnStartupException(true);
                contexts.addHandler(context);
                webapps.add(context);
            }
            server.setHandler(contexts);
            server.start();
            for (WebAppContext context : webapps) {
                if (!context.isAvailable()) {
                    throw new IllegalStateException("Jetty webapp " + context.getContextPath() + " is not available",
                            context.getUnavailableException());
                }
            }
            return new DeployedServer(JettyEe10Container.port(server), () -> JettyEe10Container.stopQuietly(server),
                    work);
        } catch (Exception | Error e) {
            JettyEe10Container.stopQuietly(server);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    /**
     * {@code new WebAppClassLoader(parent, context)}, found by reflection: its second parameter is
     * {@code WebAppClassLoader.Context}, nested in the ee10 class on Jetty 12.0 and moved to
     * {@code org.eclipse.jetty.ee.webapp} on 12.1, so one compiled call cannot serve both.
     */
    static ClassLoader webAppClassLoader(ClassLoader parent, WebAppContext context) throws ReflectiveOperationException {
        for (java.lang.reflect.Constructor<?> c : WebAppClassLoader.class.getConstructors()) {
            Class<?>[] types = c.getParameterTypes();
            if (types.length == 2 && types[0] == ClassLoader.class && types[1].isInstance(context)) {
                return (ClassLoader) c.newInstance(parent, context);
            }
        }
        throw new NoSuchMethodException("WebAppClassLoader(ClassLoader, Context) in this Jetty");
    }

    /** Jetty's default configurations (annotations included), less or plus Jakarta WebSocket support. */
    static Configuration[] configurations(boolean webSocket) throws ReflectiveOperationException {
        Configurations configurations = Configurations.getServerDefault(null);
        // An array: a single String would pick AbstractList.remove(Object).
        configurations.remove(new String[] {JAKARTA_WEBSOCKET_CONFIGURATION});
        if (configurations.get(AnnotationConfiguration.class) == null) {
            configurations.add(new AnnotationConfiguration());
        }
        if (webSocket) {
            configurations.add((Configuration) Class.forName(JAKARTA_WEBSOCKET_CONFIGURATION)
                    .getConstructor().newInstance());
        }
        configurations.sort();
        return configurations.getConfigurations().toArray(new Configuration[0]);
    }

    /**
     * Entry point for a copy of this class loaded by an isolated class loader: JDK types only.
     *
     * @param contexts context path and WAR directory, alternating
     * @return a {@link DeployedServer}, seen by the caller as an {@code AutoCloseable} and {@code IntSupplier}
     */
    public static Object startIsolated(boolean webSocket, String[] contexts) throws Exception {
        return start(webSocket, WebApp.fromPairs(contexts));
    }
}
