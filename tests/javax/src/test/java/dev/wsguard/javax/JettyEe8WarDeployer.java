package dev.wsguard.javax;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.war.DeployedServer;
import java.lang.reflect.Constructor;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.jetty.ee8.annotations.AnnotationConfiguration;
import org.eclipse.jetty.ee8.webapp.Configuration;
import org.eclipse.jetty.ee8.webapp.Configurations;
import org.eclipse.jetty.ee8.webapp.WebAppClassLoader;
import org.eclipse.jetty.ee8.webapp.WebAppContext;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * Deploys an exploded javax WAR on Jetty 12's ee8 environment the way the distribution does with the
 * {@code ee8-annotations} and {@code ee8-websocket-javax} modules: a WebAppContext with annotation scanning and
 * initializer discovery, Jetty's javax WebSocket configuration on or off. The test kit's JettyWarDeployer does the
 * same for ee10; its classes are ee10's, so this one is ee8's.
 */
final class JettyEe8WarDeployer {

    private static final String JAVAX_WEBSOCKET_CONFIGURATION =
            "org.eclipse.jetty.ee8.websocket.javax.server.config.JavaxWebSocketConfiguration";
    /** Tomcat 9's WsSci sits on this class path too; a real Jetty has none. */
    private static final String NOT_JETTY = "org\\.apache\\.tomcat\\..*";
    private static final String JETTY_WEBSOCKET = "org\\.eclipse\\.jetty\\.ee8\\.websocket\\..*";

    private JettyEe8WarDeployer() {
    }

    static DeployedServer start(boolean webSocket, Path war) throws Exception {
        Path work = WorkDirs.create("jetty-ee8-war");
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(Loopback.HOST);
        connector.setPort(0);
        server.addConnector(connector);
        server.setStopTimeout(0);
        try {
            WebAppContext context = new WebAppContext();
            context.setContextPath(AppSetup.CONTEXT_PATH);
            context.setWar(war.toString());
            // Parent: the test class path (which holds no wsguard: pom.xml) less its jakarta APIs, whatever the
            // thread's context class loader.
            context.setClassLoader(webAppClassLoader(
                    new JavaxOnlyParent(JettyEe8WarDeployer.class.getClassLoader()), context));
            context.setTempDirectory(Files.createDirectories(work.resolve("tmp")).toFile());
            context.setConfigurations(configurations(webSocket));
            context.setAttribute(AnnotationConfiguration.SERVLET_CONTAINER_INITIALIZER_EXCLUSION_PATTERN,
                    webSocket ? NOT_JETTY : NOT_JETTY + "|" + JETTY_WEBSOCKET);
            // A failing initializer, filter or servlet fails the start instead of leaving a 503 context.
            context.setThrowUnavailableOnStartupException(true);
            server.setHandler(context.get());
            server.start();
            if (!context.isAvailable()) {
                throw new IllegalStateException("Jetty ee8 webapp is not available", context.getUnavailableException());
            }
            int port = connector.getLocalPort();
            return new DeployedServer(port, () -> stopQuietly(server), work);
        } catch (Exception | Error e) {
            stopQuietly(server);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    /**
     * {@code new WebAppClassLoader(parent, context)}, found by reflection: its second parameter is
     * {@code org.eclipse.jetty.ee8.webapp.WebAppClassLoader.Context} on Jetty 12.0 and
     * {@code org.eclipse.jetty.ee.webapp.WebAppClassLoader.Context} on 12.1 (WebAppContext implements it on each), so
     * a compiled call links on one of them only, and this class, compiled once against 12.0, runs on both
     * (tests/javax-jetty-12.1 runs it from tests/javax's test jar).
     */
    private static ClassLoader webAppClassLoader(ClassLoader parent, WebAppContext context)
            throws ReflectiveOperationException {
        for (Constructor<?> constructor : WebAppClassLoader.class.getConstructors()) {
            Class<?>[] parameters = constructor.getParameterTypes();
            if (parameters.length == 2 && parameters[0] == ClassLoader.class && parameters[1].isInstance(context)) {
                return (ClassLoader) constructor.newInstance(parent, context);
            }
        }
        throw new NoSuchMethodException("WebAppClassLoader(ClassLoader, " + context.getClass().getName()
                + ") on Jetty " + org.eclipse.jetty.util.Jetty.VERSION);
    }

    private static Configuration[] configurations(boolean webSocket) throws ReflectiveOperationException {
        Configurations configurations = Configurations.getServerDefault(null);
        configurations.remove(new String[] {JAVAX_WEBSOCKET_CONFIGURATION});
        if (configurations.get(AnnotationConfiguration.class) == null) {
            configurations.add(new AnnotationConfiguration());
        }
        if (webSocket) {
            configurations.add((Configuration) Class.forName(JAVAX_WEBSOCKET_CONFIGURATION)
                    .getConstructor().newInstance());
        }
        configurations.sort();
        return configurations.getConfigurations().toArray(new Configuration[0]);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception ignored) {
            // Best effort: the port is ephemeral and the JVM ends after the run.
        }
        server.destroy();
    }
}
