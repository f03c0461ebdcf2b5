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
        this.contextPath = contextPath == null ? "" : contextPath;
        this.container = container;
        this.endpoints = endpoints;
        this.mode = mode;
        this.directory = directory;
        this.mappings = mappings;
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
