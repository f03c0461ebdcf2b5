package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.RunningServer;
import java.io.IOException;
import java.lang.reflect.InvocationTargetException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * Runs a container in a class loader of its own, built from the test class path less some jars, with
 * the platform class loader as parent: nothing of the test's own class path leaks in. The deployer
 * classes are loaded again inside it and driven through JDK types only ({@code String[]} in,
 * {@code AutoCloseable} and {@code IntSupplier} out). {@code java.util.logging} belongs to the JDK, so
 * a {@link dev.wsguard.testkit.log.GuardLogCapture} attached outside still sees wsguard's lines.
 */
public final class IsolatedServers {

    private IsolatedServers() {
    }

    /** Jars that carry a WebSocket API or implementation: Jetty's, Tomcat's, Tyrus's. */
    public static final Predicate<Path> WEBSOCKET_JARS = p -> {
        String name = LocalJars.fileName(p);
        return name.endsWith(".jar") && (name.contains("websocket") || name.contains("tyrus"));
    };

    /**
     * Starts the container with these WARs in a class loader made of the test class path less every jar
     * that {@code excluded} accepts. Closing the server also closes that class loader.
     */
    public static RunningServer start(WarContainer container, WarContainer.WebSocket webSocket,
                                      Predicate<Path> excluded, WebApp... apps) throws Exception {
        return start(container, webSocket, excluded, List.of(), apps);
    }

    /**
     * As {@link #start(WarContainer, WarContainer.WebSocket, Predicate, WebApp...)}, with jars added to the
     * server's class path (a library installed in the container's own lib directory).
     */
    public static RunningServer start(WarContainer container, WarContainer.WebSocket webSocket,
                                      Predicate<Path> excluded, List<Path> added, WebApp... apps) throws Exception {
        URLClassLoader loader = new URLClassLoader("isolated-" + container, urls(excluded, added),
                ClassLoader.getPlatformClassLoader());
        Thread thread = Thread.currentThread();
        ClassLoader previous = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            Class<?> deployer = Class.forName(container.deployerClassName(), true, loader);
            Object server = deployer.getMethod("startIsolated", boolean.class, String[].class)
                    .invoke(null, webSocket == WarContainer.WebSocket.ON, WebApp.toPairs(List.of(apps)));
            return new Isolated((AutoCloseable) server, ((IntSupplier) server).getAsInt(), loader);
        } catch (InvocationTargetException e) {
            closeQuietly(loader);
            Throwable cause = e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        } catch (Exception | Error e) {
            closeQuietly(loader);
            throw e;
        } finally {
            thread.setContextClassLoader(previous);
        }
    }

    /** The test class path entries the isolated loader gets. */
    public static List<Path> classPath(Predicate<Path> excluded) {
        List<Path> kept = new ArrayList<>();
        for (Path entry : LocalJars.testClassPath()) {
            if (!excluded.test(entry)) {
                kept.add(entry);
            }
        }
        return kept;
    }

    private static URL[] urls(Predicate<Path> excluded, List<Path> added) throws MalformedURLException {
        List<Path> kept = classPath(excluded);
        kept.addAll(added);
        URL[] urls = new URL[kept.size()];
        for (int i = 0; i < urls.length; i++) {
            urls[i] = kept.get(i).toUri().toURL();
        }
        return urls;
    }

    private static void closeQuietly(URLClassLoader loader) {
        try {
            loader.close();
        } catch (IOException ignored) {
            // Only open jar files; the JVM ends after the run.
        }
    }

    private record Isolated(AutoCloseable server, int port, URLClassLoader loader) implements RunningServer {

        @Override
        public void close() {
            Thread thread = Thread.currentThread();
            ClassLoader previous = thread.getContextClassLoader();
            thread.setContextClassLoader(loader);
            try {
                server.close();
            } catch (Exception ignored) {
                // DeployedServer.close never throws; nothing else to do.
            } finally {
                thread.setContextClassLoader(previous);
                closeQuietly(loader);
            }
        }
    }
}
