package dev.wsguard.suite.clients;

import dev.wsguard.testkit.http.ClientOutcome;
import dev.wsguard.testkit.http.JdkWebSocketClient;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.war.LocalJars;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The real WebSocket clients, each driven the way its users drive it: connect to a {@code ws://} URL, send one text,
 * wait (bounded) for the echo, close. A failed handshake ends in the exception the client throws, and, where the
 * client exposes them, the HTTP status and wsguard's {@code WSGuard-Code} header.
 *
 * <p>Tyrus's client runs in a class loader of its own, made of the jars {@link ClientCatalogue} names for the
 * container: it must not meet the Tyrus servlet jars the WSG13 checks keep off the servers' class path, nor the
 * container's own WebSocket implementation; on GlassFish it is the Tyrus GlassFish bundles. Jetty's client runs from
 * the module's class path (Jetty 12.0's in the 12.0 module), the JDK's from the JDK.
 */
public enum RealClient {

    /** Tyrus with its Grizzly client container (the Jakarta WebSocket client API). */
    TYRUS("Tyrus client", "dev.wsguard.suite.clients.TyrusClientDriver"),
    /** The JDK's {@code java.net.http} WebSocket. */
    JDK(JdkWebSocketClient.DISPLAY_NAME, null),
    /** Jetty's own WebSocket client (its native API). */
    JETTY("Jetty WebSocket client", "dev.wsguard.suite.clients.JettyClientDriver");

    /** Isolated class loaders, one per class path, kept for the run: loading Tyrus and Grizzly once is enough. */
    private static final Map<List<Path>, ClassLoader> LOADERS = new ConcurrentHashMap<>();

    private final String name;
    private final String driver;

    RealClient(String name, String driver) {
        this.name = name;
        this.driver = driver;
    }

    /** Connects, echoes once, closes; or returns what the client reported. Bounded by the JDK client's timeout. */
    public ClientOutcome connect(URI uri, ContainerKind container) throws Exception {
        if (driver == null) {
            return JdkWebSocketClient.connect(uri);
        }
        return DriverOutcome.from((String[]) call(container, "connect", new Class<?>[] {String.class, String.class,
            long.class}, uri.toString(), JdkWebSocketClient.TEXT, JdkWebSocketClient.TIMEOUT.toMillis()));
    }

    /** The client and the version that runs beside this container, for tables. */
    public String displayName(ContainerKind container) throws Exception {
        return driver == null ? name : name + " " + call(container, "version", new Class<?>[0]);
    }

    private Object call(ContainerKind container, String method, Class<?>[] types, Object... args) throws Exception {
        ClassLoader loader = this == TYRUS ? isolated(ClientCatalogue.tyrusClassPath(container))
                : RealClient.class.getClassLoader();
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        // Tyrus finds its client container through the context class loader.
        thread.setContextClassLoader(loader);
        try {
            return Class.forName(driver, true, loader).getMethod(method, types).invoke(null, args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Exception cause) {
                throw cause;
            }
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** This module's drivers and the kit's {@code ClientOutcome}, plus the client's jars; the JDK as parent. */
    private static ClassLoader isolated(List<String> artifacts) {
        List<Path> jars = new ArrayList<>();
        artifacts.forEach(artifact -> jars.add(LocalJars.jar(artifact)));
        return LOADERS.computeIfAbsent(jars, key -> {
            List<URL> urls = new ArrayList<>();
            try {
                urls.add(location(RealClient.class));
                urls.add(location(ClientOutcome.class));
                for (Path jar : key) {
                    urls.add(jar.toUri().toURL());
                }
            } catch (MalformedURLException | java.net.URISyntaxException e) {
                throw new IllegalStateException(e);
            }
            return new URLClassLoader("real-client", urls.toArray(new URL[0]), ClassLoader.getPlatformClassLoader());
        });
    }

    private static URL location(Class<?> type) throws MalformedURLException, java.net.URISyntaxException {
        return Paths.get(type.getProtectionDomain().getCodeSource().getLocation().toURI()).toUri().toURL();
    }
}
