package dev.wsguard.startup;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.containers.ContainerEndpoints;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.containers.WebSocketImplementation;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.EndpointTemplate;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.ScanState;
import dev.wsguard.report.JmxContextDirectory;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Gathers the startup facts of one context: what wsguard's initializer found, what the container
 * mapped, which WebSocket filters are registered, and what the webapp packages. Every probe is
 * guarded: a container that refuses one question still gets the others answered.
 */
public final class StartupInspector {

    private StartupInspector() {
    }

    /**
     * The cheap facts, for {@code init}: endpoints, containers, registrations, API copies. The
     * webapp scan is left to {@link #scanWebapp}, which the filter runs off the deployment's path.
     */
    public static StartupFacts inspect(ServletContext context, GuardConfig config, String version) {
        long start = System.nanoTime();
        String serverInfo = context.getServerInfo();
        ContainerProfile profile = ContainerProfile.fromServerInfo(serverInfo);
        Object jakarta = attribute(context, StartupReport.JAKARTA_SERVER_CONTAINER);
        ClassLoader loader = classLoader(context);

        List<KnownEndpoint> endpoints = new ArrayList<>();
        Map<String, String> scanned = EndpointScanInitializer.endpointsIn(context);
        Object status = attribute(context, EndpointScanInitializer.STATUS_ATTRIBUTE);
        ScanState scan;
        if (scanned == null) {
            scan = !WebSocketApi.isPresent(loader) ? ScanState.NO_API
                    : orderedOut(context) ? ScanState.ORDERED_OUT : ScanState.NOT_RUN;
        } else {
            scan = status instanceof String && ((String) status).startsWith("failed") ? ScanState.FAILED : ScanState.RAN;
            // Containers hand over classes in no set order; sorted, WSG00 reads the same every start.
            for (Map.Entry<String, String> e : new java.util.TreeMap<>(scanned).entrySet()) {
                EndpointSource source = EndpointSource.ofLabel(e.getValue());
                add(endpoints, e.getKey(), source != null ? source : EndpointSource.ANNOTATION_SCAN);
            }
        }
        endpoints.addAll(config.endpoints());
        List<String> mapped = config.mode() == dev.wsguard.config.Mode.OFF ? null
                : ContainerEndpoints.listInContext(name -> attribute(context, name));
        if (mapped != null) {
            for (String path : mapped) {
                add(endpoints, path, EndpointSource.CONTAINER);
            }
        }
        String contextPath = context.getContextPath();
        // A container may run contexts in several Jakarta EE environments; the classes it hands the webapp say which.
        String environment = ContainerProfile.environmentOf(context.getClass().getName(),
                jakarta == null ? null : jakarta.getClass().getName());
        Deployment deployment = new Deployment(contextPath, profile, environment,
                EndpointRegistry.of(endpoints, scan, mapped != null), config.mode(),
                new JmxContextDirectory(contextPath, serverInfo),
                path -> ContainerEndpoints.findMappingInContext(name -> attribute(context, name), path));

        StartupFacts facts = new StartupFacts(config, deployment, serverInfo, version);
        if (config.mode() == dev.wsguard.config.Mode.OFF) {
            return facts;
        }
        facts.scanStatus = status instanceof String ? (String) status : null;
        facts.jakartaContainer = jakarta == null ? null : jakarta.getClass().getName();
        Object javax = attribute(context, StartupReport.JAVAX_SERVER_CONTAINER);
        facts.javaxContainer = javax == null ? null : javax.getClass().getName();
        registrations(context, jakarta, facts);
        facts.jakartaApiCopies = copies(loader, WebSocketApi.JAKARTA_PROBE);
        facts.javaxApiCopies = copies(loader, WebSocketApi.JAVAX_PROBE);
        facts.nanos = System.nanoTime() - start;
        return facts;
    }

    /**
     * Walks WEB-INF for javax endpoints and packaged API jars (the costly part: every class file is
     * read), and adds what it finds to the facts. Stops early when the calling thread is interrupted.
     */
    public static void scanWebapp(ServletContext context, StartupFacts facts) {
        long start = System.nanoTime();
        facts.webapp = WebappScanner.scan(resources(context), WebappScanner.Budget.standard(), System::nanoTime);
        List<KnownEndpoint> javax = new ArrayList<>();
        for (WebappScanner.JavaxEndpoint e : facts.webapp.javaxEndpoints()) {
            if (e.path != null) {
                add(javax, e.path, EndpointSource.JAVAX_CLASS_SCAN);
            }
        }
        facts.deployment.noteJavaxEndpoints(javax);
        if (hasPackagedApi(facts, "jakarta")) {
            // The packaged jar is already reported on its own; it is also the second copy.
            facts.jakartaApiCopies = Collections.emptyList();
        }
        facts.nanos += System.nanoTime() - start;
    }

    /**
     * Whether the webapp's {@code <absolute-ordering>} leaves wsguard's jar out: containers publish the jars it
     * keeps as {@code ServletContext.ORDERED_LIBS}, and wsguard's own jar is not among them.
     */
    static boolean orderedOut(ServletContext context) {
        Object ordered = attribute(context, ServletContext.ORDERED_LIBS);
        if (!(ordered instanceof List)) {
            return false;
        }
        String jar = ownJarName();
        return jar != null && !((List<?>) ordered).contains(jar);
    }

    /** The file name of the jar wsguard was loaded from, or null (classes in a directory, or not known). */
    private static String ownJarName() {
        try {
            java.security.CodeSource source = StartupInspector.class.getProtectionDomain().getCodeSource();
            String path = source == null || source.getLocation() == null ? null : source.getLocation().getPath();
            if (path == null || !path.endsWith(".jar")) {
                return null;
            }
            return path.substring(path.lastIndexOf('/') + 1);
        } catch (SecurityException e) {
            return null;
        }
    }

    private static void add(List<KnownEndpoint> endpoints, String path, EndpointSource source) {
        try {
            endpoints.add(new KnownEndpoint(EndpointTemplate.parse(path), source));
        } catch (IllegalArgumentException notATemplate) {
            // A container mapping wsguard cannot express (a regex path spec, say): not an endpoint it can suggest.
        }
    }

    private static void registrations(ServletContext context, Object jakarta, StartupFacts facts) {
        try {
            Map<String, ? extends FilterRegistration> filters = context.getFilterRegistrations();
            if (filters != null) {
                for (FilterRegistration r : filters.values()) {
                    WebSocketImplementation impl = WebSocketImplementation.ofFilter(r.getClassName());
                    if (impl != null) {
                        facts.registrations.putIfAbsent(impl, r.getClassName());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Some containers refuse this outside their own listeners; the ServerContainer still tells.
        }
        if (jakarta != null) {
            WebSocketImplementation impl = WebSocketImplementation.ofClass(jakarta.getClass().getName());
            if (impl != null) {
                facts.registrations.putIfAbsent(impl, jakarta.getClass().getName());
            }
        }
    }

    private static boolean hasPackagedApi(StartupFacts facts, String namespace) {
        for (WebappScanner.ApiJar jar : facts.webapp.apiJars) {
            if (jar.namespace.equals(namespace)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> copies(ClassLoader loader, String resource) {
        if (loader == null) {
            return Collections.emptyList();
        }
        try {
            List<String> urls = new ArrayList<>();
            Enumeration<URL> e = loader.getResources(resource);
            while (e.hasMoreElements() && urls.size() < 16) {
                String u = e.nextElement().toString();
                if (!urls.contains(u)) {
                    urls.add(u);
                }
            }
            return urls;
        } catch (IOException | RuntimeException e) {
            return Collections.emptyList();
        }
    }

    private static Object attribute(ServletContext context, String name) {
        try {
            return context.getAttribute(name);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static ClassLoader classLoader(ServletContext context) {
        try {
            ClassLoader l = context.getClassLoader();
            return l != null ? l : Thread.currentThread().getContextClassLoader();
        } catch (RuntimeException e) {
            return Thread.currentThread().getContextClassLoader();
        }
    }

    private static WebappScanner.Resources resources(ServletContext context) {
        return new WebappScanner.Resources() {
            @Override
            public Set<String> list(String directory) {
                try {
                    return context.getResourcePaths(directory);
                } catch (RuntimeException e) {
                    return null;
                }
            }

            @Override
            public InputStream open(String path) {
                return context.getResourceAsStream(path);
            }

            @Override
            public File file(String path) {
                try {
                    String real = context.getRealPath(path);
                    return real == null ? null : new File(real);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        };
    }
}
