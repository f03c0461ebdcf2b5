package dev.wsguard;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.InvalidConfigException;
import dev.wsguard.config.Mode;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.LogOutput;
import dev.wsguard.startup.StartupFacts;
import dev.wsguard.startup.StartupInspector;
import dev.wsguard.text.Sanitizer;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * All that {@link WebSocketGuardFilter} does: its configuration, wsguard's own thread and the guard that requests go
 * through once that thread built it. The public filter only passes calls on: a container's look at its members
 * (Jetty's injection scan reads every declared field and method) loads every type they name, on the deployment's
 * thread, and nothing looks at this class's (docs/performance.md, "Startup cost").
 *
 * <p>wsguard's thread, one per filter, runs {@link #run}: the startup work first (building the guard, the MBean, the
 * webapp scan and the report), once the deployment is over, so the deployment does not wait for it; then it ends log
 * windows as their time runs out, every second, so summaries appear even when traffic stops. Destroying the filter
 * waits for the thread to end, so a container's leak check at undeploy finds nothing. The thread runs this class
 * itself rather than a lambda: it is started on the deployment's thread, where each lambda's first use costs a fresh
 * JVM its linkage.
 */
final class FilterCore implements Runnable {

    /**
     * How long a request waits at most for wsguard's thread to build the guard just after {@code init} (a few
     * milliseconds as a rule); past it, the request is passed on unguarded.
     */
    static final long START_WAIT_SECONDS = 10;
    /** How long destroying the filter waits at most for wsguard's thread to end. */
    private static final long STOP_WAIT_SECONDS = 5;

    /** What requests go through once wsguard's thread built it; null in mode off, before and after. */
    private volatile RequestPath requests;
    /** The guard in every mode once built, so destroy() always stops it and unregisters its MBean. */
    private volatile Guard started;
    /** Open while wsguard's thread builds the guard after {@code init}: requests and snapshots wait for it. */
    private volatile CountDownLatch building;
    /** wsguard's own thread, from {@code init} to {@code destroy}. */
    private volatile Thread thread;
    /** What wsguard's thread waits for before its startup work; a request or a snapshot ends the wait. */
    private volatile DeploymentEnd deploymentEnd;
    /** Guards {@link #destroyed} against a guard that wsguard's thread finishes building meanwhile. */
    private final Object life = new Object();
    private boolean destroyed;
    /** Whether a framework made the filter for itself, so {@code WSG00} waits for its endpoints. */
    private final boolean forFramework;
    /** What a framework tells the filter; made when first needed ({@link #framework()}). */
    private volatile FrameworkLink framework;
    /** What {@code init} leaves for wsguard's thread ({@link #startOnThisThread}); written before it starts. */
    private volatile ServletContext startContext;
    private volatile GuardConfig startConfig;
    private volatile boolean startMBeanServer;

    /** @param forFramework whether {@code WSG00} waits for a framework's endpoints, with the standard bounds */
    FilterCore(boolean forFramework) {
        this.forFramework = forFramework;
    }

    /** With this hand-over; for tests with other bounds. */
    FilterCore(FrameworkHandover handover) {
        this.forFramework = handover.isAwaited();
        this.framework = new FrameworkLink(handover);
    }

    /** What a framework tells the filter, made on the first call from any thread. */
    FrameworkLink framework() {
        FrameworkLink f = framework;
        if (f == null) {
            synchronized (life) {
                f = framework;
                if (f == null) {
                    f = new FrameworkLink(forFramework ? FrameworkHandover.awaited() : FrameworkHandover.notAwaited());
                    framework = f;
                }
            }
        }
        return f;
    }

    /** See {@link WebSocketGuardFilter#snapshot()}. */
    GuardSnapshot snapshot() {
        startedRequests();
        Guard g = started;
        return g == null ? null : g.snapshot();
    }

    /** See {@link WebSocketGuardFilter#init}. */
    void init(FilterConfig filterConfig) throws ServletException {
        long initNanos = System.nanoTime();
        ServletContext context = filterConfig.getServletContext();
        GuardConfig config;
        try {
            config = GuardConfig.parse(initParams(filterConfig), contextParams(context));
        } catch (InvalidConfigException e) {
            throw new ServletException(e.getMessage(), e);
        }
        synchronized (life) {
            destroyed = false;
        }
        FrameworkLink f = framework;
        startContext = context;
        startConfig = config;
        startMBeanServer = f == null || !f.mbeanOnlyWhereJmxRuns;
        deploymentEnd = new DeploymentEnd(Thread.currentThread(), initNanos, DeploymentEnd.AT_MOST);
        if (config.mode() == Mode.OFF) {
            // Off: the startup line says so, and doFilter passes everything on.
            StartupFacts facts = StartupInspector.inspect(context, config, version(), forFramework);
            Guard g = build(context, config, facts);
            g.reportNow(facts);
            started = g;
            startThread("wsguard-mbean " + contextName(context));
            return;
        }
        building = new CountDownLatch(1);
        startThread("wsguard-log-window " + contextName(context));
    }

    private void startThread(String name) {
        Thread t = new Thread(this, name);
        t.setDaemon(true);
        thread = t;
        t.start();
    }

    /**
     * wsguard's thread: its startup work, then, if that says so, sweeping log windows every second until the filter
     * is destroyed. Not for other callers.
     */
    @Override
    public void run() {
        boolean sweep = startOnThisThread();
        while (sweep && !Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            // Log windows that ran out, endpoints deployed late.
            Guard g = started;
            if (g != null) {
                g.sweep();
            }
        }
    }

    /**
     * On wsguard's thread, once the deployment is over: the startup facts and the guard, which requests then go
     * through; then the guard's own start (the MBean, the scan, the report). A failure here leaves requests passing
     * on unguarded, and says so once. In mode off only the MBean is registered here.
     *
     * @return whether the thread goes on sweeping log windows
     */
    private boolean startOnThisThread() {
        ServletContext context = startContext;
        GuardConfig config = startConfig;
        DeploymentEnd end = deploymentEnd;
        if (config.mode() == Mode.OFF) {
            Guard g = started;
            if (end.await() && g != null) {
                g.registerMBean(startMBeanServer);
            }
            return false;
        }
        CountDownLatch b = building;
        Guard g;
        StartupFacts facts;
        try {
            if (!end.await()) {
                return false;
            }
            facts = StartupInspector.inspect(context, config, version(), forFramework);
            g = build(context, config, facts);
            synchronized (life) {
                if (destroyed) {
                    return false;
                }
                started = g;
                requests = g.requests();
            }
        } catch (RuntimeException | LinkageError e) {
            LogOutput.to(config.logSink(), context::log).write(Level.SEVERE, DiagnosisCode.WSG99 + " wsguard could not"
                    + " start and passes every request on unchanged: " + Sanitizer.field(String.valueOf(e), 512));
            return false;
        } finally {
            b.countDown();
        }
        g.startHere(facts, startMBeanServer, end.initNanos());
        return true;
    }

    private Guard build(ServletContext context, GuardConfig config, StartupFacts facts) {
        FrameworkLink f = framework();
        facts.deployment().frameworkWebSocketFix(() -> f.webSocketSupportFix);
        LogOutput output = LogOutput.to(config.logSink(), context::log);
        return new Guard(config, facts.deployment(), context, output, new GuardCounters(), f.handover, f.listeners,
                f.answerer);
    }

    /**
     * What requests go through, once wsguard's thread built it: waits (bounded) while it is being built just after
     * {@code init}; null in mode off, before {@code init} and after {@code destroy}, or if the guard did not start.
     */
    private RequestPath startedRequests() {
        CountDownLatch b = building;
        if (b != null && b.getCount() > 0) {
            DeploymentEnd end = deploymentEnd;
            if (end != null) {
                end.wanted();
            }
            try {
                if (!b.await(START_WAIT_SECONDS, TimeUnit.SECONDS)) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return null;
            }
        }
        return requests;
    }

    private static String contextName(ServletContext context) {
        try {
            String path = context.getContextPath();
            return path == null || path.isEmpty() ? "ROOT" : path;
        } catch (RuntimeException e) {
            return "(unknown context)";
        }
    }

    /** See {@link WebSocketGuardFilter#doFilter}. */
    void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        RequestPath r = requests;
        if (r == null) {
            // Mode off, or just after init while wsguard's thread builds the guard.
            r = startedRequests();
        }
        if (r == null || !(request instanceof HttpServletRequest) || !(response instanceof HttpServletResponse)) {
            chain.doFilter(request, response);
            return;
        }
        HttpServletRequest http = (HttpServletRequest) request;
        String upgrade = http.getHeader(HandshakeClassifier.UPGRADE);
        if (HandshakeClassifier.mayBeAttempt(upgrade, http.getHeader(HandshakeClassifier.SEC_WEBSOCKET_KEY),
                http.getHeader(HandshakeClassifier.SEC_WEBSOCKET_VERSION))
                || upgrade != null && laterUpgradeNamesWebSocket(http)) {
            r.onUpgradeHeaders(http, (HttpServletResponse) response, chain);
            return;
        }
        KnownEndpoint endpoint = r.plainRequestEndpoint(http);
        if (endpoint != null) {
            r.onPlainRequest(http, (HttpServletResponse) response, chain);
            return;
        }
        chain.doFilter(request, response);
    }

    /**
     * An Upgrade to another protocol first ({@code h2c}, say) may still name websocket in a later line; only
     * such requests pay for reading every Upgrade value.
     */
    private static boolean laterUpgradeNamesWebSocket(HttpServletRequest request) {
        try {
            return HandshakeClassifier.upgradesToWebSocket(
                    new ServletHandshakeRequest(request).values(HandshakeClassifier.UPGRADE));
        } catch (RuntimeException e) {
            // A request that cannot list its headers is not an upgrade wsguard can judge.
            return false;
        }
    }

    /** Stops wsguard's thread and waits (bounded) for it to end, then stops the guard (its windows, its MBean). */
    void destroy() {
        Guard g;
        Thread t;
        synchronized (life) {
            destroyed = true;
            g = started;
            t = thread;
            requests = null;
            started = null;
            thread = null;
        }
        if (t != null) {
            // A scan in progress stops early.
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(STOP_WAIT_SECONDS));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (g != null) {
            g.stop();
        }
    }

    /** The live working parts once built, or null in mode off; for tests in this package. */
    Guard guard() {
        return startedRequests() == null ? null : started;
    }

    /** The guard in every mode once built (waiting for it as requests do), or null; for tests in this package. */
    Guard anyGuard() {
        startedRequests();
        return started;
    }

    private static Map<String, String> initParams(FilterConfig config) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : names(config.getInitParameterNames())) {
            params.put(name, config.getInitParameter(name));
        }
        return params;
    }

    private static Map<String, String> contextParams(ServletContext context) {
        Map<String, String> params = new LinkedHashMap<>();
        for (String name : names(context.getInitParameterNames())) {
            if (name.startsWith(GuardConfig.CONTEXT_PARAM_PREFIX)) {
                params.put(name, context.getInitParameter(name));
            }
        }
        return params;
    }

    private static Iterable<String> names(Enumeration<String> e) {
        return e == null ? Collections.emptyList() : Collections.list(e);
    }

    /** The jar's version, from a resource the build fills in. */
    static String version() {
        try (InputStream in = FilterCore.class.getResourceAsStream("wsguard.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException | RuntimeException e) {
            // The version only decorates the startup line.
        }
        return "unknown";
    }
}
