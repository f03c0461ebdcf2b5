package dev.wsguard.diagnosis;

import dev.wsguard.config.Mode;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.endpoints.ContextDirectory;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.MappingLookup;
import java.util.Collections;
import java.util.List;

/**
 * What wsguard knows about the context it guards: fixed at {@code init}, but for what the startup scan
 * learns a moment later on wsguard's own thread ({@link #noteJavaxEndpoints}).
 */
public final class Deployment {

    private final String contextPath;
    private final ContainerProfile container;
    private final String environment;
    private final EndpointRegistry endpoints;
    private final Mode mode;
    private final ContextDirectory directory;
    private final MappingLookup mappings;
    private volatile List<KnownEndpoint> javaxEndpoints = Collections.emptyList();

    public Deployment(String contextPath, ContainerProfile container, EndpointRegistry endpoints, Mode mode) {
        this(contextPath, container, endpoints, mode, ContextDirectory.NONE);
    }

    public Deployment(String contextPath, ContainerProfile container, EndpointRegistry endpoints, Mode mode,
            ContextDirectory directory) {
        this(contextPath, container, endpoints, mode, directory, MappingLookup.NONE);
    }

    public Deployment(String contextPath, ContainerProfile container, EndpointRegistry endpoints, Mode mode,
            ContextDirectory directory, MappingLookup mappings) {
        this(contextPath, container, ContainerProfile.DEFAULT_ENVIRONMENT, endpoints, mode, directory, mappings);
    }

    /**
     * @param environment the Jakarta EE environment the container runs the context in
     *                    ({@link ContainerProfile#environmentOf}); some containers' fixes name it
     */
    public Deployment(String contextPath, ContainerProfile container, String environment, EndpointRegistry endpoints,
            Mode mode, ContextDirectory directory, MappingLookup mappings) {
        this.contextPath = contextPath == null ? "" : contextPath;
        this.container = container;
        this.environment = environment;
        this.endpoints = endpoints;
        this.mode = mode;
        this.directory = directory;
        this.mappings = mappings;
    }

    /**
     * The javax.websocket endpoints the startup scan found (WSG11): never deployed by a jakarta container, so
     * a handshake to one of their paths is explained by them. Set once, after the scan.
     */
    public void noteJavaxEndpoints(List<KnownEndpoint> endpoints) {
        this.javaxEndpoints = List.copyOf(endpoints);
    }

    /** The javax.websocket endpoint whose path matches this context-relative path, or null. */
    public KnownEndpoint javaxEndpointAt(String path) {
        for (KnownEndpoint e : javaxEndpoints) {
            if (e.template().matches(path)) {
                return e;
            }
        }
        return null;
    }

    /** The Jakarta EE environment of the context ({@code ee10}, {@code ee11}). */
    public String environment() {
        return environment;
    }

    /** How to turn on WebSocket support for this context, as one clause. */
    public String enableWebSocketFix() {
        return container.enableWebSocketFix(environment);
    }

    /** The container's live mappings, asked at diagnosis time. */
    public MappingLookup mappings() {
        return mappings;
    }

    /** Other contexts and their endpoints, for "the endpoint is in another context" hints. */
    public ContextDirectory directory() {
        return directory;
    }

    public String contextPath() {
        return contextPath;
    }

    /** The context path as a name: {@code ROOT} for the root context. */
    public String contextName() {
        return contextPath.isEmpty() ? "ROOT" : contextPath;
    }

    public ContainerProfile container() {
        return container;
    }

    public EndpointRegistry endpoints() {
        return endpoints;
    }

    public Mode mode() {
        return mode;
    }
}
