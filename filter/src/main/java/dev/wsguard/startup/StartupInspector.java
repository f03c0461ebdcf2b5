package dev.wsguard.startup;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.Mode;
import dev.wsguard.containers.ContainerEndpoints;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.containers.WebSocketImplementation;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.EndpointTemplate;
import dev.wsguard.endpoints.FrameworkState;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.ScanState;
import dev.wsguard.report.JmxContextDirectory;
import dev.wsguard.text.Namespace;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContext;
import java.io.IOException;
import java.net.URL;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

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
        return inspect(context, config, version, false);
    }

    /**
     * As {@link #inspect(ServletContext, GuardConfig, String)}, for a filter that a framework registered and that
     * awaits the framework's own endpoints ({@code frameworkAwaited}): its registry says so until they come.
     */
    public static StartupFacts inspect(ServletContext context, GuardConfig config, String version,
            boolean frameworkAwaited) {
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
            for (Map.Entry<String, String> e : new TreeMap<>(scanned).entrySet()) {
                EndpointSource source = initializerSource(e.getValue());
                add(endpoints, e.getKey(), source != null ? source : EndpointSource.ANNOTATION_SCAN);
            }
        }
        endpoints.addAll(config.endpoints());
        List<String> mapped = config.mode() == Mode.OFF ? null
                : ContainerEndpoints.list(jakarta, attribute(context, ContainerEndpoints.JETTY_MAPPINGS_ATTRIBUTE));
        if (mapped != null) {
            for (String path : mapped) {
                add(endpoints, path, EndpointSource.CONTAINER);
            }
        }
        String contextPath = context.getContextPath();
        // A container may run contexts in several Jakarta EE environments; the classes it hands the webapp say which.
        String environment = ContainerProfile.environmentOf(context.getClass().getName(),
                jakarta == null ? null : jakarta.getClass().getName());
        EndpointRegistry registry = EndpointRegistry.of(endpoints, scan, mapped != null,
                frameworkAwaited && config.mode() != Mode.OFF ? FrameworkState.AWAITED : FrameworkState.NONE);
        Deployment deployment = Deployment.builder(contextPath, profile, registry).environment(environment)
                .directory(new JmxContextDirectory(contextPath, serverInfo))
                .mappings(path -> liveMapping(context, path))
                .build();

        StartupFacts.Builder facts = StartupFacts.builder(config, deployment, serverInfo, version);
        if (config.mode() == Mode.OFF) {
            return facts.build();
        }
        Object javax = attribute(context, StartupReport.JAVAX_SERVER_CONTAINER);
        facts.scanStatus(status instanceof String ? (String) status : null)
                .jakartaContainer(jakarta == null ? null : jakarta.getClass().getName())
                .javaxContainer(javax == null ? null : javax.getClass().getName());
        registrations(context, jakarta, facts);
        return facts.jakartaApiCopies(copies(loader, WebSocketApi.JAKARTA_PROBE))
                .javaxApiCopies(copies(loader, WebSocketApi.JAVAX_PROBE))
                .nanos(System.nanoTime() - start)
                .build();
    }

    /**
     * The registry once the framework that registered the filter told its endpoints: what wsguard's initializer
     * found, then the framework's endpoints, then the {@code endpoints} parameter's, then the container's mappings,
     * read again now (endpoints the application deployed after {@code init}, by Spring's
     * {@code ServerEndpointExporter} say, are there by now). For a path listed twice, the earlier source wins.
     */
    public static EndpointRegistry withFrameworkEndpoints(ServletContext context, EndpointRegistry before,
            List<KnownEndpoint> framework) {
        List<KnownEndpoint> merged = new ArrayList<>();
        for (KnownEndpoint e : before.all()) {
            if (e.source() == EndpointSource.ANNOTATION_SCAN || e.source() == EndpointSource.APPLICATION_CONFIG) {
                merged.add(e);
            }
        }
        merged.addAll(framework);
        for (KnownEndpoint e : before.all()) {
            if (e.source() == EndpointSource.INIT_PARAM) {
                merged.add(e);
            }
        }
        List<String> mapped = mappedNow(context);
        if (mapped != null) {
            for (String path : mapped) {
                add(merged, path, EndpointSource.CONTAINER);
            }
        } else {
            for (KnownEndpoint e : before.all()) {
                if (e.source() == EndpointSource.CONTAINER) {
                    merged.add(e);
                }
            }
        }
        return EndpointRegistry.of(merged, before.scan(), before.containerListed() || mapped != null,
                FrameworkState.TOLD);
    }

    /**
     * Walks WEB-INF for javax endpoints and packaged API jars (the costly part: every class file is
     * read); returns the facts with what it found. Stops early when the calling thread is interrupted.
     */
    public static StartupFacts scanWebapp(ServletContext context, StartupFacts facts) {
        long start = System.nanoTime();
        ScanFindings webapp = WebappScanner.scan(ScanResources.of(context), ScanBudget.standard(), System::nanoTime);
        List<KnownEndpoint> javax = new ArrayList<>();
        for (JavaxEndpoint e : webapp.javaxEndpoints()) {
            if (e.path() != null) {
                add(javax, e.path(), EndpointSource.JAVAX_CLASS_SCAN);
            }
        }
        facts.deployment().noteJavaxEndpoints(javax);
        StartupFacts.Builder scanned = facts.toBuilder().webapp(webapp);
        if (hasPackagedApi(webapp, Namespace.HOME)) {
            // The packaged jar is already reported on its own; it is also the second copy.
            scanned.jakartaApiCopies(Collections.emptyList());
        }
        return scanned.nanos(facts.nanos() + System.nanoTime() - start).build();
    }

    /**
     * The source wsguard's initializer wrote for an endpoint: its constant's name, or, from an initializer of an
     * earlier build, its label; null for anything else.
     */
    static EndpointSource initializerSource(String written) {
        try {
            return EndpointSource.valueOf(written);
        } catch (IllegalArgumentException | NullPointerException notAName) {
            return EndpointSource.ofLabel(written);
        }
    }

    /**
     * Whether the webapp's {@code <absolute-ordering>} leaves wsguard's jar out: containers publish the jars it
     * keeps as {@code ServletContext.ORDERED_LIBS}, and wsguard's own jar is not among them.
     */
    static boolean orderedOut(ServletContext context) {
        // ServletContext.ORDERED_LIBS spelled out: javac copies the constant's jakarta.servlet.context.orderedLibs
        // into this class, where the Eclipse Transformer does not recognise it as a package name.
        Object ordered = attribute(context, Namespace.home("servlet.context.orderedLibs"));
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

    /**
     * The registry with the endpoints the container maps now and the registry lacks, each added as the container's;
     * {@code before} itself where there is none new or the mappings cannot be read. For an application that deploys
     * endpoints after wsguard read the mappings at startup (Spring's {@code ServerEndpointExporter} in a Boot start
     * that outlasts wsguard's wait), without which a handshake to a typo would be told the context deploys none.
     */
    public static EndpointRegistry withLateMappings(ServletContext context, EndpointRegistry before) {
        List<String> mapped = mappedNow(context);
        if (mapped == null) {
            return before;
        }
        List<KnownEndpoint> merged = new ArrayList<>(before.all());
        for (String path : mapped) {
            add(merged, path, EndpointSource.CONTAINER);
        }
        // A path known before keeps its first source (of() keeps the first of each path).
        EndpointRegistry after = EndpointRegistry.of(merged, before.scan(), true, before.framework());
        return after.size() == before.size() ? before : after;
    }

    /** The endpoint paths the container maps in the context now, or null where its mappings cannot be read. */
    private static List<String> mappedNow(ServletContext context) {
        return ContainerEndpoints.list(attribute(context, StartupReport.JAKARTA_SERVER_CONTAINER),
                attribute(context, ContainerEndpoints.JETTY_MAPPINGS_ATTRIBUTE));
    }

    /** The container's answer, asked at diagnosis time, to which endpoint it maps at a context-relative path. */
    private static String liveMapping(ServletContext context, String path) {
        return ContainerEndpoints.findMapping(attribute(context, StartupReport.JAKARTA_SERVER_CONTAINER),
                attribute(context, ContainerEndpoints.JETTY_MAPPINGS_ATTRIBUTE), path);
    }

    private static void add(List<KnownEndpoint> endpoints, String path, EndpointSource source) {
        try {
            endpoints.add(new KnownEndpoint(EndpointTemplate.parse(path), source));
        } catch (IllegalArgumentException notATemplate) {
            // A container mapping wsguard cannot express (a regex path spec, say): not an endpoint it can suggest.
        }
    }

    private static void registrations(ServletContext context, Object jakarta, StartupFacts.Builder facts) {
        try {
            Map<String, ? extends FilterRegistration> filters = context.getFilterRegistrations();
            if (filters != null) {
                for (FilterRegistration r : filters.values()) {
                    WebSocketImplementation impl = WebSocketImplementation.ofFilter(r.getClassName());
                    if (impl != null) {
                        facts.registration(impl, r.getClassName());
                    }
                }
            }
        } catch (RuntimeException e) {
            // Some containers refuse this outside their own listeners; the ServerContainer still tells.
        }
        if (jakarta != null) {
            WebSocketImplementation impl = WebSocketImplementation.ofClass(jakarta.getClass().getName());
            if (impl != null) {
                facts.registration(impl, jakarta.getClass().getName());
            }
        }
    }

    private static boolean hasPackagedApi(ScanFindings webapp, String namespace) {
        for (ApiJar jar : webapp.apiJars()) {
            if (jar.namespace().equals(namespace)) {
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
}
