package dev.wsguard;

import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import java.io.IOException;
import java.util.Collection;
import java.util.Objects;

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
     * All that the filter does. This class only passes calls on, so that the types its members name are few: a
     * container's look at them (Jetty's injection scan) loads each on the deployment's thread.
     */
    private final FilterCore core;

    /** The no-argument constructor containers use. */
    public WebSocketGuardFilter() {
        this(new FilterCore(false));
    }

    /** A filter over this core; for {@link #forFramework} and for tests with other bounds. */
    WebSocketGuardFilter(FilterCore core) {
        this.core = core;
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
        return new WebSocketGuardFilter(new FilterCore(true));
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
        return core.framework().handover.tell(endpoints);
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
        return core.framework().handover.tell(endpoints, beforeStartupLine);
    }

    /**
     * Adds a listener that hears every incident counted and every upgrade attempt's outcome from now on (a framework
     * exporting them as metrics). Add it before the container calls {@code init} to miss nothing; callable from any
     * thread. A filter without listeners calls none and pays one volatile read per upgrade attempt or incident; no
     * listener is called for a plain request that is no incident. Internal errors ({@code WSG99}) are counted, not
     * told. In mode {@code off} nothing is counted, so nothing is told.
     */
    public void addListener(GuardListener listener) {
        core.framework().listeners.add(Objects.requireNonNull(listener, "listener"));
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
        core.framework().answerer.set(describer);
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
        core.framework().webSocketSupportFix = fix;
    }

    /**
     * Registers the filter's MBean only where the JVM already runs an MBean server, instead of starting the platform
     * one (about 130 ms of wsguard's own thread, once per JVM): for a framework that keeps JMX off unless asked (Spring
     * Boot's {@code spring.jmx.enabled}) and shows what wsguard counts its own way. Without an MBean server the filter
     * works as ever, without its MBean. Call it before {@code init}.
     */
    public void mbeanOnlyWhereJmxRuns() {
        core.framework().mbeanOnlyWhereJmxRuns = true;
    }

    /**
     * What the filter knows and counted now (mode, known endpoints with their sources, counts per code, the last
     * incident lines), for a framework's management view; null before {@code init} and after {@code destroy}.
     */
    public GuardSnapshot snapshot() {
        return core.snapshot();
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
        core.init(filterConfig);
    }

    @Override
    public void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        core.doFilter(request, response, chain);
    }

    /** Stops wsguard's thread and waits for it to end, then stops the guard (its windows, its MBean). */
    @Override
    public void destroy() {
        core.destroy();
    }

    /** The filter's core; for tests in this package. */
    FilterCore core() {
        return core;
    }
}
