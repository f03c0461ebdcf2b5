package dev.wsguard.startup;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.text.Namespace;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.Collections;
import java.util.Map;
import java.util.Set;

/**
 * Learns the webapp's WebSocket endpoints the way the container does: the container hands over
 * every class annotated with {@code @ServerEndpoint}, every {@code Endpoint} subclass and every
 * {@code ServerApplicationConfig}, and {@link EndpointScan} applies the configs' filtering. The
 * result goes into context attributes of plain JDK types, which the filter reads in {@code init}
 * whichever class loader each of them came from.
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
     * {@code EndpointSource} constant ({@code ANNOTATION_SCAN}, {@code APPLICATION_CONFIG}).
     */
    public static final String ENDPOINTS_ATTRIBUTE = "dev.wsguard.scan.endpoints";
    /** A {@code String}: how the scan went ({@code ran}, or what kept it from running). */
    public static final String STATUS_ATTRIBUTE = "dev.wsguard.scan.status";

    /** Refuses to be created where the WebSocket API is missing, before the container reads @HandlesTypes. */
    public EndpointScanInitializer() {
        if (!WebSocketApi.isPresent(EndpointScanInitializer.class.getClassLoader())) {
            throw new IllegalStateException("wsguard: no " + Namespace.home("websocket") + " API on this class path, so its endpoint"
                    + " scan is skipped (the filter will report WSG10). If this stops the deployment ("
                    + ContainerProfile.deploymentStoppedWithoutWebSocketApi() + ", or put <absolute-ordering/> in"
                    + " web.xml to keep wsguard's initializer out.");
        }
    }

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        try {
            EndpointScan.Result result = EndpointScan.scan(classes == null ? Collections.emptySet() : classes);
            context.setAttribute(ENDPOINTS_ATTRIBUTE, Collections.unmodifiableMap(result.endpoints()));
            context.setAttribute(STATUS_ATTRIBUTE, result.status());
        } catch (RuntimeException | LinkageError e) {
            // Never fail a deployment: the filter falls back to its other sources and says so.
            context.setAttribute(ENDPOINTS_ATTRIBUTE, Collections.<String, String>emptyMap());
            context.setAttribute(STATUS_ATTRIBUTE, "failed: " + e);
        }
    }

    /** The endpoints the initializer left in a context, or null if it did not run there. */
    @SuppressWarnings("unchecked")
    public static Map<String, String> endpointsIn(ServletContext context) {
        Object o = context.getAttribute(ENDPOINTS_ATTRIBUTE);
        return o instanceof Map ? (Map<String, String>) o : null;
    }
}
