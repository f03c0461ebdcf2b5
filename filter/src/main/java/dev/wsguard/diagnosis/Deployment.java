package dev.wsguard.diagnosis;

import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.endpoints.ContextDirectory;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.FrameworkState;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.MappingLookup;
import java.util.Collections;
import java.util.List;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;

/**
 * What wsguard knows about the context it guards: fixed at {@code init}, but for what the startup scan
 * learns a moment later on wsguard's own thread ({@link #noteJavaxEndpoints}) and, where a framework registered
 * the filter, the endpoints that framework tells once its application is ready ({@link #updateEndpoints}).
 */
public final class Deployment {

    private final String contextPath;
    private final ContainerProfile container;
    private final String environment;
    private volatile EndpointRegistry endpoints;
    private final ContextDirectory directory;
    private final MappingLookup mappings;
    private volatile List<KnownEndpoint> javaxEndpoints = Collections.emptyList();
    private volatile Supplier<String> frameworkWebSocketFix = () -> null;

    private Deployment(Builder b) {
        this.contextPath = b.contextPath == null ? "" : b.contextPath;
        this.container = b.container;
        this.environment = b.environment;
        this.endpoints = b.endpoints;
        this.directory = b.directory;
        this.mappings = b.mappings;
    }

    /**
     * A deployment of the context at {@code contextPath} ({@code ""} for ROOT) on {@code container}, with the
     * endpoints wsguard knows there; it sees no other context and asks the container for no mapping unless the
     * builder is told how.
     */
    public static Builder builder(String contextPath, ContainerProfile container, EndpointRegistry endpoints) {
        return new Builder(contextPath, container, endpoints);
    }

    /**
     * The javax.websocket endpoints the startup scan found (WSG11): never deployed by a jakarta container, so
     * a handshake to one of their paths is explained by them. Set once, after the scan.
     */
    public void noteJavaxEndpoints(List<KnownEndpoint> endpoints) {
        this.javaxEndpoints = List.copyOf(endpoints);
    }

    /**
     * Replaces the endpoint registry by what {@code update} makes of it, atomically against other updates; requests
     * read the new one from then on. Returns it.
     */
    public synchronized EndpointRegistry updateEndpoints(UnaryOperator<EndpointRegistry> update) {
        EndpointRegistry updated = update.apply(endpoints);
        endpoints = updated;
        return updated;
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

    /**
     * Whether this context has nothing to serve over WebSocket on a container that publishes no ServerContainer in such
     * a context (Tyrus in GlassFish and Payara): no endpoint is known (the registry complete, no framework still to tell
     * its own) and no javax endpoint was found either. There a missing ServerContainer means only that the WAR holds no
     * endpoint, not that WebSocket support is off: no WSG10 at startup, and a handshake is diagnosed as in any context
     * without endpoints (another context's endpoint first).
     */
    public boolean nothingToServe() {
        EndpointRegistry registry = endpoints;
        return container.publishesNoContainerWithoutEndpoints() && registry.isEmpty() && registry.isComplete()
                && registry.framework() != FrameworkState.AWAITED && javaxEndpoints.isEmpty();
    }

    /** The Jakarta EE environment of the context ({@code ee10}, {@code ee11}). */
    public String environment() {
        return environment;
    }

    /**
     * How to turn on WebSocket support for this context, as one clause: the framework's own where the framework that
     * registered wsguard gave one ({@link #frameworkWebSocketFix}), else the container's.
     */
    public String enableWebSocketFix() {
        String framework = frameworkWebSocketFix.get();
        return framework != null && !framework.isBlank() ? framework : container.enableWebSocketFix(environment);
    }

    /**
     * Where the fix of the framework that registered wsguard comes from, read whenever a line needs it: an
     * application that brings its own embedded server turns its WebSocket support on by a dependency, not by the
     * container's modules or lib folder. The supplier answers null while the framework has none.
     */
    public void frameworkWebSocketFix(Supplier<String> fix) {
        this.frameworkWebSocketFix = fix;
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

    /** The parts of a deployment that only some contexts have; each defaults to knowing nothing. */
    public static final class Builder {
        private final String contextPath;
        private final ContainerProfile container;
        private final EndpointRegistry endpoints;
        private String environment = ContainerProfile.DEFAULT_ENVIRONMENT;
        private ContextDirectory directory = ContextDirectory.NONE;
        private MappingLookup mappings = MappingLookup.NONE;

        private Builder(String contextPath, ContainerProfile container, EndpointRegistry endpoints) {
            this.contextPath = contextPath;
            this.container = container;
            this.endpoints = endpoints;
        }

        /** The Jakarta EE environment the container runs the context in ({@link ContainerProfile#environmentOf}). */
        public Builder environment(String value) {
            this.environment = value;
            return this;
        }

        public Builder directory(ContextDirectory value) {
            this.directory = value;
            return this;
        }

        public Builder mappings(MappingLookup value) {
            this.mappings = value;
            return this;
        }

        public Deployment build() {
            return new Deployment(this);
        }
    }
}
