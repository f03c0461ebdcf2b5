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
import jakarta.servlet.Filter;
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
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * wsguard: explains WebSocket handshakes that an ordinary resource answered instead of an endpoint
 * (the browser's "Unexpected response code: 200"), in the container's own log; in enforce mode it
 * also answers them with a clear 400/426.
 *
 * <p>Declare it first among the filters, mapped to {@code /*}, async-supported. A request that is
 * no upgrade attempt (no {@code Upgrade} naming websocket, no {@code Sec-WebSocket-Key} or
 * {@code Sec-WebSocket-Version}) costs three header look-ups and a token scan (and, for GETs to
 * known endpoint paths, a path match): no wrapping, no allocation.
 *
 * <p>A framework that registers the filter itself and deploys endpoints of its own creates it with
 * {@link #forFramework()} and tells it those endpoints with {@link #frameworkReady} (the Spring Boot starter does).
 */
public class WebSocketGuardFilter implements Filter {

    /**
     * The request attribute the filter sets on a request it handles: a second wsguard filter, or a container-level
     * reporter (wsguard-jetty's request log), leaves such a request alone.
     */
    public static final String HANDLED_ATTRIBUTE = "dev.wsguard.handled";

    /**
     * How long a request waits at most for wsguard's thread to build the guard just after {@code init} (a few
     * milliseconds as a rule); past it, the request is passed on unguarded.
     */
    static final long START_WAIT_SECONDS = 10;

    /** What requests go through once wsguard's thread built it; null in mode off, before and after. */
    private volatile RequestPath requests;
    /** The guard in every mode once built, so destroy() always stops it and unregisters its MBean. */
    private volatile Guard started;
    /** Open while wsguard's thread builds the guard after {@code init}: requests and snapshots wait for it. */
    private volatile CountDownLatch building;
    /** wsguard's own thread, from {@code init} to {@code destroy}. */
    private volatile Sweeper thread;
    /** What wsguard's thread waits for before its startup work; a request or a snapshot ends the wait. */
    private volatile DeploymentEnd deploymentEnd;
    /** Guards {@link #destroyed} against a guard that wsguard's thread finishes building meanwhile. */
    private final Object life = new Object();
    private boolean destroyed;
    /** Where a framework's own endpoints come in; awaited by WSG00 only in a filter made by {@link #forFramework}. */
    private final FrameworkHandover framework;
    /** Who observes what the filter counts; empty unless a framework added one. */
    private final Listeners listeners = new Listeners();
    /** Who answered inside the servlet, as a framework describes it; none unless a framework set one. */
    private final Answerer answerer = new Answerer();
    /** How the framework that registered the filter turns WebSocket support on; null for the container's own fix. */
    private volatile String webSocketSupportFix;
    /** Whether the framework keeps JMX off, so {@code init} registers the MBean only into a running MBean server. */
    private volatile boolean mbeanOnlyWhereJmxRuns;
    /** What {@code init} leaves for wsguard's thread ({@link #startOnThisThread}); written before it starts. */
    private volatile ServletContext startContext;
    private volatile GuardConfig startConfig;
    private volatile boolean startMBeanServer;

    /** The no-argument constructor containers use. */
    public WebSocketGuardFilter() {
        this(FrameworkHandover.notAwaited());
    }

    /** A filter with this handover; for {@link #forFramework} and for tests with other bounds. */
    WebSocketGuardFilter(FrameworkHandover framework) {
        this.framework = framework;
    }

    /**
     * A filter for a framework that registers it itself and deploys WebSocket endpoints that neither wsguard's
     * initializer nor the container can see (Spring's WebSocket handlers, STOMP and SockJS endpoints). Configured as
     * any other, by init-params. Its startup line {@code WSG00} waits until the framework calls
     * {@link #frameworkReady} once its application is ready, so it lists those endpoints, and incident lines
     * that come meanwhile wait with it (at most 64, as during the startup scan). The wait is bounded: 5 seconds after
     * the first line that waits, and 60 seconds after the filter's {@code init} with none; then {@code WSG00} is
     * written saying the framework did not tell them in time, and the held lines follow.
     */
    public static WebSocketGuardFilter forFramework() {
        return new WebSocketGuardFilter(FrameworkHandover.awaited());
    }

    /**
     * Tells wsguard the WebSocket endpoints the framework deploys itself, once its application is ready (Spring: when
     * its application context was refreshed). Callable from any thread, before or after the container called
     * {@code init}. They count as the {@code endpoints} init-param's do (closest-endpoint hints, {@code WSG06}), each
     * named by its own source label; the {@code endpoints} init-param's still add to them. Only the first call counts.
     * A filter made by {@link #forFramework} writes {@code WSG00} now (or once its startup scan is done); another
     * filter only learns the endpoints. Ignored in mode {@code off}.
     *
     * @param endpoints the framework's endpoints, context-relative; an empty list says it has none; more than 1000
     *                  are cut to the first 1000
     * @return false if endpoints were told before, so these were ignored
     */
    public boolean frameworkReady(Collection<FrameworkEndpoint> endpoints) {
        return framework.tell(endpoints);
    }

    /**
     * {@link #frameworkReady(Collection)} with a startup check of the framework's own (Spring: whether its security's
     * CSRF protection covers SockJS's POST transports) that a filter made by {@link #forFramework} runs on wsguard's
     * thread just before it writes {@code WSG00}: the framework's startup does not wait for it, and what it says comes
     * before that line. Where no {@code WSG00} waits for it (another filter, or {@code WSG00} written already) it runs
     * at once on the caller's thread; in mode {@code off} it does not run. A check that throws there counts as an
     * internal error ({@code WSG99}). Not run if endpoints were told before.
     *
     * @param beforeStartupLine the check, or null for none
     */
    public boolean frameworkReady(Collection<FrameworkEndpoint> endpoints, Runnable beforeStartupLine) {
        return framework.tell(endpoints, beforeStartupLine);
    }

    /**
     * Adds a listener that hears every incident counted and every upgrade attempt's outcome from now on (a framework
     * exporting them as metrics). Add it before the container calls {@code init} to miss nothing; callable from any
     * thread. A filter without listeners calls none and pays one volatile read per upgrade attempt or incident; no
     * listener is called for a plain request that is no incident. Internal errors ({@code WSG99}) are counted, not
     * told. In mode {@code off} nothing is counted, so nothing is told.
     */
    public void addListener(GuardListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Lets the framework behind the servlet say who answered a request (Spring: the handler and pattern its
     * DispatcherServlet chose), for lines that otherwise can only name the servlet. The describer is called only for an
     * upgrade attempt's (or a plain request to an endpoint's) answer being diagnosed, after the chain returned, on the
     * thread that concludes the request; never for a request that goes well. Its result reads after "answered ... by",
     * e.g. {@code Spring handler SpaController#fallback (pattern /{page})}, followed by the servlet's name; it is
     * trimmed, cut to 160 characters and escaped as request data is. A null or blank result, or an exception, leaves
     * the line naming the servlet mapping as before. Its {@link AnswerDescriber#shadowFix} replaces wsguard's general
     * fix where a handshake to one of the framework's endpoints, by its exact path, was answered by another of its
     * handlers. Its {@link AnswerDescriber#refusal} replaces wsguard's general explanation of a refusal
     * ({@code WSG07}: 3xx, 401, 403, 5xx) with the framework's cause and fix, escaped as request data is; its
     * {@link AnswerDescriber#pathMeaning} says what a misrouted handshake's path is to the framework (a STOMP
     * destination) where no endpoint is at it, and its {@link AnswerDescriber#answeredInServlet} whether the answerer
     * sat inside the servlet or in a filter before it. A later call replaces an earlier one; null removes it.
     */
    public void describeAnswerer(AnswerDescriber describer) {
        answerer.set(describer);
    }

    /**
     * Says how the framework that registered the filter turns the container's WebSocket support on (Spring Boot: the
     * embedded server's WebSocket dependency), as one clause that reads after "Fix: ". {@code WSG10} and the request
     * lines that point at it give this instead of the container's own fix (its modules, its lib folder), which an
     * application bringing its embedded server does not have. Call it before {@link #frameworkReady} so that
     * {@code WSG10} has it; callable from any thread; null or blank restores the container's fix. It is written as
     * given: it must hold no request data.
     */
    public void webSocketSupportFix(String fix) {
        this.webSocketSupportFix = fix;
    }

    /**
     * Registers the filter's MBean only where the JVM already runs an MBean server, instead of starting the platform
     * one (about 130 ms of wsguard's own thread, once per JVM): for a framework that keeps JMX off unless asked (Spring
     * Boot's {@code spring.jmx.enabled}) and shows what wsguard counts its own way. Without an MBean server the filter
     * works as ever, without its MBean. Call it before {@code init}.
     */
    public void mbeanOnlyWhereJmxRuns() {
        this.mbeanOnlyWhereJmxRuns = true;
    }

    /**
     * What the filter knows and counted now (mode, known endpoints with their sources, counts per code, the last
     * incident lines), for a framework's management view; null before {@code init} and after {@code destroy}.
     */
    public GuardSnapshot snapshot() {
        startedRequests();
        Guard g = started;
        return g == null ? null : g.snapshot();
    }

    /**
     * Reads the configuration (a bad value fails {@code init}) and starts wsguard's own thread, which builds the rest
     * off the deployment's path, once the deployment is over ({@link DeploymentEnd}): nothing JVM-wide happens here (no
     * MBean server, no logger set-up), and wsguard's other classes load on that thread. A request that comes before
     * the thread is done waits for it (bounded). In mode off the cheap rest is done here and the startup line written
     * at once; only the MBean waits for a thread.
     */
    @Override
    public void init(FilterConfig filterConfig) throws ServletException {
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
        startContext = context;
        startConfig = config;
        startMBeanServer = !mbeanOnlyWhereJmxRuns;
        deploymentEnd = new DeploymentEnd(Thread.currentThread(), initNanos, DeploymentEnd.AT_MOST);
        if (config.mode() == Mode.OFF) {
            // Off: the startup line says so, and doFilter passes everything on.
            StartupFacts facts = StartupInspector.inspect(context, config, version(), framework.isAwaited());
            Guard g = build(context, config, facts);
            g.reportNow(facts);
            started = g;
            thread = Sweeper.start("wsguard-mbean " + contextName(context), this);
            return;
        }
        building = new CountDownLatch(1);
        thread = Sweeper.start("wsguard-log-window " + contextName(context), this);
    }

    /**
     * On wsguard's thread ({@link Sweeper}), once the deployment is over: the startup facts and the guard, which
     * requests then go through; then the guard's own start (the MBean, the scan, the report). A failure here leaves
     * requests passing on unguarded, and says so once. In mode off only the MBean is registered here.
     *
     * @return whether the thread goes on sweeping log windows
     */
    boolean startOnThisThread() {
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
            facts = StartupInspector.inspect(context, config, version(), framework.isAwaited());
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
        facts.deployment().frameworkWebSocketFix(() -> webSocketSupportFix);
        LogOutput output = LogOutput.to(config.logSink(), context::log);
        return new Guard(config, facts.deployment(), context, output, new GuardCounters(), framework, listeners,
                answerer);
    }

    /** wsguard's every-second work (log windows that ran out, endpoints deployed late); on its thread ({@link Sweeper}). */
    void sweep() {
        Guard g = started;
        if (g != null) {
            g.sweep();
        }
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

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
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

    /** Stops wsguard's thread and waits for it to end, then stops the guard (its windows, its MBean). */
    @Override
    public void destroy() {
        Guard g;
        Sweeper t;
        synchronized (life) {
            destroyed = true;
            g = started;
            t = thread;
            requests = null;
            started = null;
            thread = null;
        }
        if (t != null) {
            t.stop();
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
        try (InputStream in = WebSocketGuardFilter.class.getResourceAsStream("wsguard.properties")) {
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
