package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.TomcatContainer;
import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.catalina.Context;
import org.apache.catalina.Lifecycle;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.Wrapper;
import org.apache.catalina.core.StandardContext;
import org.apache.catalina.startup.ContextConfig;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.webresources.TomcatURLStreamHandlerFactory;
import org.apache.tomcat.JarScanner;
import org.apache.tomcat.util.scan.StandardJarScanner;

/**
 * Deploys exploded WARs on embedded Tomcat (10.1 or 11, whichever the module has) with {@code Tomcat.addWebapp}: web.xml, fragments,
 * annotation scanning and {@code ServletContainerInitializer} discovery as in a Tomcat installation.
 * WebSocket support is Tomcat's {@code WsSci}, discovered as a container initializer in
 * tomcat-embed-websocket; off, it is filtered out as a merged fat jar that lost its service file would.
 *
 * <p>References no WebSocket type, so the same class also runs inside a class loader without any
 * WebSocket jar ({@link IsolatedServers}).
 */
public final class TomcatWarDeployer {

    /** Initializers on the test class path that a real Tomcat would not have: Jetty's. */
    private static final String NOT_TOMCAT = "org\\.eclipse\\.jetty\\..*";
    private static final String TOMCAT_WEBSOCKET = "org\\.apache\\.tomcat\\.websocket\\.server\\.WsSci";

    private TomcatWarDeployer() {
    }

    public static DeployedServer start(boolean webSocket, List<WebApp> apps) throws Exception {
        // Webapp class loaders get this class's loader (less wsguard) as parent. Tomcat's default is the
        // system class loader, which would mix class spaces when this runs inside an isolated loader.
        return start(webSocket, apps, WithoutGuardClassLoader.of(TomcatWarDeployer.class.getClassLoader()));
    }

    /**
     * As {@link #start(boolean, List)}, with {@code parent} as the webapps' parent class loader (tests/javax hides the
     * jakarta APIs its test class path holds from Tomcat 9's webapps, as a Tomcat 9 installation has none).
     */
    public static DeployedServer start(boolean webSocket, List<WebApp> apps, ClassLoader parent) throws Exception {
        Path work = WorkDirs.create("tomcat-war");
        Tomcat tomcat = TomcatContainer.newTomcat(work.toString());
        try {
            tomcat.getServer().setParentClassLoader(parent);

            List<Context> contexts = new ArrayList<>();
            for (WebApp app : apps) {
                String path = "/".equals(app.contextPath()) ? "" : app.contextPath();
                // Tomcat's defaults less its JSP servlet (Jasper is not here, and its load failure is noise):
                // no global web.xml, the default servlet on '/', overridable by the WAR's own mapping.
                tomcat.setAddDefaultWebXmlToWebapp(false);
                ContextConfig config = new ContextConfig();
                config.setDefaultWebXml(tomcat.noDefaultWebXmlPath());
                Context context = tomcat.addWebapp(tomcat.getHost(), path, app.dir().toString(), config);
                context.addLifecycleListener(event -> {
                    if (Lifecycle.BEFORE_START_EVENT.equals(event.getType())) {
                        addDefaultServlet(context);
                    }
                });
                context.setContainerSciFilter(webSocket ? NOT_TOMCAT : NOT_TOMCAT + "|" + TOMCAT_WEBSOCKET);
                JarScanner scanner = context.getJarScanner();
                if (scanner instanceof StandardJarScanner standard) {
                    // The test class path is no container's lib/: do not scan it for fragments and
                    // @HandlesTypes matches (its directories hold every fixture endpoint of the suite).
                    standard.setScanClassPath(false);
                }
                if (context instanceof StandardContext standard) {
                    standard.setClearReferencesThreadLocals(false);
                    standard.setClearReferencesRmiTargets(false);
                }
                contexts.add(context);
            }
            tomcat.start();
            for (Context context : contexts) {
                if (context.getState() != LifecycleState.STARTED) {
                    throw new IllegalStateException("Tomcat webapp '" + context.getPath() + "' is " + context.getState());
                }
            }
            int port = TomcatContainer.port(tomcat);
            if (port <= 0) {
                throw new IllegalStateException("Tomcat connector did not bind (local port " + port + ")");
            }
            return new DeployedServer(port, () -> TomcatContainer.stopQuietly(tomcat), work);
        } catch (Exception | Error e) {
            TomcatContainer.stopQuietly(tomcat);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    private static void addDefaultServlet(Context context) {
        Wrapper servlet = Tomcat.addServlet(context, "default", "org.apache.catalina.servlets.DefaultServlet");
        servlet.addInitParameter("listings", "false");
        servlet.setLoadOnStartup(1);
        servlet.setOverridable(true);
        context.addServletMappingDecoded("/", "default");
    }

    /** Entry point for a copy of this class in an isolated class loader; see {@link JettyWarDeployer}. */
    public static Object startIsolated(boolean webSocket, String[] contexts) throws Exception {
        // URL.setURLStreamHandlerFactory is JVM-wide and the Tomcat of the test class path already set it.
        TomcatURLStreamHandlerFactory.disable();
        return start(webSocket, WebApp.fromPairs(contexts));
    }
}
