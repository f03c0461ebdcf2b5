package dev.wsguard.startup;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.text.Namespace;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * Learns the webapp's WebSocket endpoints the way the container does: the container hands over
 * every class annotated with {@code @ServerEndpoint}, every {@code Endpoint} subclass and every
 * {@code ServerApplicationConfig}, and {@link EndpointScan} applies the configs' filtering. The
 * initializer only keeps what it was handed, in a context attribute of a plain JDK type: it runs on
 * the deployment's thread, where every class wsguard loads costs the deployment about half a
 * millisecond (docs/performance.md), so it loads nothing of wsguard's but itself. The filter runs the
 * scan on its own thread once the deployment is over ({@link #endpointsIn}), whichever class loader
 * the initializer and the filter each came from.
 *
 * <p>Containers read {@code @HandlesTypes} before anything of ours runs, and some fail the whole
 * deployment if one of its classes cannot be loaded. So when the WebSocket API is absent the
 * constructor refuses: a container that tolerates a failing initializer then skips this one and
 * deploys the webapp (the filter reports WSG10); where the deployment fails either way, the
 * message names the ways out ({@code ContainerProfile} knows which containers do what).
 */
@HandlesTypes({
    jakarta.websocket.server.ServerEndpoint.class,
    jakarta.websocket.Endpoint.class,
    jakarta.websocket.server.ServerApplicationConfig.class
})
public final class EndpointScanInitializer implements ServletContainerInitializer {

    /**
     * A {@code Map<String, String>}: endpoint path template to where it was found, as the name of an
     * {@code EndpointSource} constant ({@code ANNOTATION_SCAN}, {@code APPLICATION_CONFIG}); written by
     * {@link #endpointsIn}, the first time the filter asks.
     */
    public static final String ENDPOINTS_ATTRIBUTE = "dev.wsguard.scan.endpoints";
    /** A {@code String}: how the scan went ({@code ran}, or what kept it from running); written with the endpoints. */
    public static final String STATUS_ATTRIBUTE = "dev.wsguard.scan.status";
    /** A {@code Set<Class<?>>}: what the container handed the initializer, until the filter scanned it. */
    public static final String HANDED_ATTRIBUTE = "dev.wsguard.scan.handed";

    /** Refuses to be created where the WebSocket API is missing, before the container reads @HandlesTypes. */
    public EndpointScanInitializer() {
        if (!webSocketApiPresent()) {
            throw new IllegalStateException("wsguard: no " + Namespace.home("websocket") + " API on this class path, so its endpoint"
                    + " scan is skipped (the filter will report WSG10). If this stops the deployment ("
                    + ContainerProfile.deploymentStoppedWithoutWebSocketApi() + ", or put <absolute-ordering/> in"
                    + " web.xml to keep wsguard's initializer out.");
        }
    }

    /**
     * Whether this class's own loader sees the WebSocket API, as the container will when it reads
     * {@code @HandlesTypes}: a class literal, resolved where it stands, so nothing else of wsguard's loads for it.
     */
    private static boolean webSocketApiPresent() {
        try {
            return jakarta.websocket.server.ServerEndpoint.class.getName() != null;
        } catch (LinkageError e) {
            return false;
        }
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        // A copy: the container may reuse its set once initializers have run.
        context.setAttribute(HANDED_ATTRIBUTE, classes == null ? Collections.<Class<?>>emptySet()
                : Collections.unmodifiableSet(new LinkedHashSet<>(classes)));
    }

    /**
     * The endpoints the initializer's classes deploy, or null if it did not run in this context: the first call scans
     * what it was handed (off the deployment's path: the filter asks on its own thread) and leaves the result, and its
     * status, in plain JDK types for any later call, whichever class loader that comes from. A scan that fails counts
     * as run and found nothing; its status says why. Two filters asking at once scan twice, with the same result.
     */
    @SuppressWarnings("unchecked")
    public static Map<String, String> endpointsIn(ServletContext context) {
        // The classes first: a filter that scans writes the endpoints before it removes them, so one of the two is
        // always seen by a second filter of the same context asking meanwhile.
        Object handed = context.getAttribute(HANDED_ATTRIBUTE);
        Object o = context.getAttribute(ENDPOINTS_ATTRIBUTE);
        if (o == null && handed instanceof Set) {
            try {
                EndpointScan.Result result = EndpointScan.scan((Set<Class<?>>) handed);
                o = Collections.unmodifiableMap(result.endpoints());
                context.setAttribute(STATUS_ATTRIBUTE, result.status());
            } catch (RuntimeException | LinkageError e) {
                // Never fail the startup: the filter falls back to its other sources and says so.
                o = Collections.<String, String>emptyMap();
                context.setAttribute(STATUS_ATTRIBUTE, "failed: " + e);
            }
            context.setAttribute(ENDPOINTS_ATTRIBUTE, o);
            context.removeAttribute(HANDED_ATTRIBUTE);
        }
        return o instanceof Map ? (Map<String, String>) o : null;
    }
}
