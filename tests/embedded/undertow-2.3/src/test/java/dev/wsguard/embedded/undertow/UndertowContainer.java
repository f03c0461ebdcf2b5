package dev.wsguard.embedded.undertow;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerSettings;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.ServletSpec;
import dev.wsguard.testkit.server.WorkDirs;
import io.undertow.Handlers;
import io.undertow.Undertow;
import io.undertow.UndertowOptions;
import io.undertow.Version;
import io.undertow.server.DefaultByteBufferPool;
import io.undertow.server.handlers.PathHandler;
import io.undertow.server.handlers.resource.PathResourceManager;
import io.undertow.servlet.Servlets;
import io.undertow.servlet.api.DeploymentInfo;
import io.undertow.servlet.api.DeploymentManager;
import io.undertow.servlet.api.FilterInfo;
import io.undertow.servlet.api.ServletInfo;
import io.undertow.servlet.handlers.DefaultServlet;
import io.undertow.servlet.util.ImmediateInstanceFactory;
import io.undertow.websockets.jsr.WebSocketDeploymentInfo;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Servlet;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.xnio.OptionMap;
import org.xnio.Options;
import org.xnio.Xnio;
import org.xnio.XnioWorker;

/**
 * Embedded Undertow 2.3: a servlet deployment ({@code undertow-servlet}) at {@code /app} behind a path handler,
 * with Jakarta WebSocket support the way embedded code enables it: a {@link WebSocketDeploymentInfo} servlet
 * context attribute carrying the endpoints, which makes undertow-websockets-jsr's servlet extension register
 * its JsrWebSocketFilter. Without that attribute (the NO_WEBSOCKET setup) Undertow has no WebSocket support
 * at all. The container settings are server options ({@code MAX_HEADER_SIZE}, 1 MiB by default, and
 * {@code ALLOW_UNESCAPED_CHARACTERS_IN_URL}). A fresh server, worker and deployment per call.
 */
public final class UndertowContainer implements ContainerUnderTest {

    @Override
    public String version() {
        return Version.getVersionString();
    }

    @Override
    public RunningServer start(Deployment deployment) throws Exception {
        Path work = WorkDirs.create("undertow");
        XnioWorker worker = Xnio.getInstance().createWorker(OptionMap.builder()
                .set(Options.WORKER_IO_THREADS, 2)
                .set(Options.WORKER_TASK_CORE_THREADS, 4)
                .set(Options.WORKER_TASK_MAX_THREADS, 16)
                .set(Options.TCP_NODELAY, true)
                .getMap());
        DeploymentManager manager = null;
        Undertow server = null;
        try {
            AppSetup app = deployment.app();
            Path docRoot = Files.createDirectories(work.resolve("docroot"));
            app.writeResourceBase(docRoot);
            DeploymentInfo info = Servlets.deployment()
                    .setClassLoader(UndertowContainer.class.getClassLoader())
                    .setContextPath(AppSetup.CONTEXT_PATH)
                    .setDeploymentName("app")
                    .setResourceManager(new PathResourceManager(docRoot));
            deployment.allFilters().forEach(spec -> addFilter(info, spec));
            for (ServletSpec servlet : deployment.allServlets()) {
                Servlet instance = servlet.servlet().get();
                info.addServlet(Servlets.servlet(servlet.name(), instance.getClass().asSubclass(Servlet.class),
                                new ImmediateInstanceFactory<>(instance))
                        .addMapping(servlet.mapping())
                        .setAsyncSupported(true));
            }
            if (app.containerDefaultServlet()) {
                ServletInfo defaultServlet = Servlets.servlet("default", DefaultServlet.class)
                        .addInitParam("directory-listing", "false")
                        .addMapping("/")
                        .setAsyncSupported(true);
                info.addServlet(defaultServlet);
            }
            if (app.webSocketSupport()) {
                WebSocketDeploymentInfo webSockets = new WebSocketDeploymentInfo()
                        .setWorker(worker)
                        .setBuffers(new DefaultByteBufferPool(false, 8192));
                for (Class<?> endpoint : app.endpointClasses()) {
                    webSockets.addEndpoint(endpoint);
                }
                info.addServletContextAttribute(WebSocketDeploymentInfo.ATTRIBUTE_NAME, webSockets);
            }

            manager = Servlets.newContainer().addDeployment(info);
            manager.deploy();
            PathHandler root = Handlers.path().addPrefixPath(AppSetup.CONTEXT_PATH, manager.start());
            Undertow.Builder builder = Undertow.builder()
                    .setWorker(worker)
                    .addHttpListener(0, Loopback.HOST)
                    .setHandler(root);
            ContainerSettings settings = deployment.settings();
            if (settings.requestHeadLimit() > 0) {
                builder.setServerOption(UndertowOptions.MAX_HEADER_SIZE, settings.requestHeadLimit());
            }
            if (settings.lenientUris()) {
                builder.setServerOption(UndertowOptions.ALLOW_UNESCAPED_CHARACTERS_IN_URL, true);
            }
            server = builder.build();
            server.start();
            int port = ((InetSocketAddress) server.getListenerInfo().get(0).getAddress()).getPort();
            return new Running(server, manager, worker, port, work);
        } catch (Exception | Error e) {
            stopQuietly(server, manager, worker);
            WorkDirs.deleteQuietly(work);
            throw e;
        }
    }

    private static void addFilter(DeploymentInfo info, FilterSpec spec) {
        FilterInfo filter = Servlets.filter(spec.name(), spec.loadClass()).setAsyncSupported(true);
        for (Map.Entry<String, String> param : spec.initParams().entrySet()) {
            filter.addInitParam(param.getKey(), param.getValue());
        }
        info.addFilter(filter);
        info.addFilterUrlMapping(spec.name(), spec.urlPattern(), DispatcherType.REQUEST);
    }

    private static void stopQuietly(Undertow server, DeploymentManager manager, XnioWorker worker) {
        try {
            if (server != null) {
                server.stop();
            }
        } catch (RuntimeException ignored) {
            // Best effort: the port is ephemeral and the JVM ends after the run.
        }
        try {
            if (manager != null) {
                manager.stop();
                manager.undeploy();
            }
        } catch (Exception ignored) {
            // As above.
        }
        worker.shutdownNow();
    }

    private record Running(Undertow server, DeploymentManager manager, XnioWorker worker, int port, Path work)
            implements RunningServer {

        @Override
        public void close() {
            stopQuietly(server, manager, worker);
            WorkDirs.deleteQuietly(work);
        }
    }
}
