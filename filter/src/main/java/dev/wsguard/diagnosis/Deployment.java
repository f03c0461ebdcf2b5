package dev.wsguard.diagnosis;

import dev.wsguard.config.Mode;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.endpoints.ContextDirectory;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.MappingLookup;

/** What wsguard knows about the context it guards; fixed at {@code init}. */
public final class Deployment {

    private final String contextPath;
    private final ContainerProfile container;
    private final String environment;
    private final EndpointRegistry endpoints;
    private final Mode mode;
    private final ContextDirectory directory;
    private final MappingLookup mappings;

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
     *                    ({@link ContainerProfile#environmentOf}); it names Jetty's modules in fixes
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

    /** The Jakarta EE environment of the context, as Jetty names it (ee10, ee11). */
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
