package dev.wsguard.startup;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.containers.WebSocketImplementation;
import dev.wsguard.diagnosis.Deployment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the startup checks learned about one context, gathered from the ServletContext by
 * {@link StartupInspector}: first the cheap facts in {@code init}, then, once the webapp scan has run, the same
 * facts with its findings. {@link StartupReport} turns them into lines. Immutable: each stage builds its own.
 */
public final class StartupFacts {

    private final GuardConfig config;
    private final Deployment deployment;
    private final String serverInfo;
    private final String version;
    private final String jakartaContainer;
    private final String javaxContainer;
    private final Map<WebSocketImplementation, String> registrations;
    private final ScanFindings webapp;
    private final List<String> jakartaApiCopies;
    private final List<String> javaxApiCopies;
    private final String scanStatus;
    private final long nanos;
    private final long frameworkWaitNanos;

    private StartupFacts(Builder b) {
        this.config = b.config;
        this.deployment = b.deployment;
        this.serverInfo = b.serverInfo;
        this.version = b.version;
        this.jakartaContainer = b.jakartaContainer;
        this.javaxContainer = b.javaxContainer;
        this.registrations = Collections.unmodifiableMap(new LinkedHashMap<>(b.registrations));
        this.webapp = b.webapp;
        this.jakartaApiCopies = List.copyOf(b.jakartaApiCopies);
        this.javaxApiCopies = List.copyOf(b.javaxApiCopies);
        this.scanStatus = b.scanStatus;
        this.nanos = b.nanos;
        this.frameworkWaitNanos = b.frameworkWaitNanos;
    }

    /**
     * Facts about the context at {@code deployment}, on the server that calls itself {@code serverInfo}, guarded
     * by wsguard {@code version} with {@code config}; nothing else known yet.
     */
    static Builder builder(GuardConfig config, Deployment deployment, String serverInfo, String version) {
        return new Builder(config, deployment, serverInfo, version);
    }

    /** A builder holding these facts, to add what a later stage learned. */
    Builder toBuilder() {
        Builder b = new Builder(config, deployment, serverInfo, version).jakartaContainer(jakartaContainer)
                .javaxContainer(javaxContainer).webapp(webapp).jakartaApiCopies(jakartaApiCopies)
                .javaxApiCopies(javaxApiCopies).scanStatus(scanStatus).nanos(nanos)
                .frameworkWaitNanos(frameworkWaitNanos);
        b.registrations.putAll(registrations);
        return b;
    }

    public Deployment deployment() {
        return deployment;
    }

    GuardConfig config() {
        return config;
    }

    /** {@code ServletContext.getServerInfo()}. */
    String serverInfo() {
        return serverInfo;
    }

    /** wsguard's own version. */
    String version() {
        return version;
    }

    /** The class of the context's {@code jakarta.websocket.server.ServerContainer}, or null. */
    String jakartaContainer() {
        return jakartaContainer;
    }

    /** The class of the context's {@code javax.websocket.server.ServerContainer}, or null. */
    String javaxContainer() {
        return javaxContainer;
    }

    /** Each WebSocket implementation registered in the context, with the class that shows it, in order. */
    Map<WebSocketImplementation, String> registrations() {
        return registrations;
    }

    /** What the webapp scan found; nothing before it ran. */
    ScanFindings webapp() {
        return webapp;
    }

    /** Where the jakarta.websocket API is visible from (URLs), apart from a copy packaged in WEB-INF/lib. */
    List<String> jakartaApiCopies() {
        return jakartaApiCopies;
    }

    /** Where a javax.websocket API is visible from (URLs). */
    List<String> javaxApiCopies() {
        return javaxApiCopies;
    }

    /** How wsguard's initializer said its scan went, or null. */
    String scanStatus() {
        return scanStatus;
    }

    /** What the startup checks cost so far. */
    long nanos() {
        return nanos;
    }

    /** How long wsguard waited for the framework that registered it to tell its endpoints. */
    long frameworkWaitNanos() {
        return frameworkWaitNanos;
    }

    /** The facts with how long wsguard waited for the framework's endpoints. */
    public StartupFacts withFrameworkWait(long nanos) {
        return toBuilder().frameworkWaitNanos(nanos).build();
    }

    /** Collects the facts of one stage. */
    static final class Builder {
        private final GuardConfig config;
        private final Deployment deployment;
        private final String serverInfo;
        private final String version;
        private final Map<WebSocketImplementation, String> registrations = new LinkedHashMap<>();
        private String jakartaContainer;
        private String javaxContainer;
        private ScanFindings webapp = ScanFindings.none();
        private List<String> jakartaApiCopies = Collections.emptyList();
        private List<String> javaxApiCopies = Collections.emptyList();
        private String scanStatus;
        private long nanos;
        private long frameworkWaitNanos;

        private Builder(GuardConfig config, Deployment deployment, String serverInfo, String version) {
            this.config = config;
            this.deployment = deployment;
            this.serverInfo = serverInfo;
            this.version = version;
        }

        Builder jakartaContainer(String className) {
            this.jakartaContainer = className;
            return this;
        }

        Builder javaxContainer(String className) {
            this.javaxContainer = className;
            return this;
        }

        /** Records an implementation, unless an earlier class already showed it. */
        Builder registration(WebSocketImplementation implementation, String className) {
            registrations.putIfAbsent(implementation, className);
            return this;
        }

        Builder webapp(ScanFindings findings) {
            this.webapp = findings;
            return this;
        }

        Builder jakartaApiCopies(List<String> urls) {
            this.jakartaApiCopies = urls;
            return this;
        }

        Builder javaxApiCopies(List<String> urls) {
            this.javaxApiCopies = urls;
            return this;
        }

        Builder scanStatus(String status) {
            this.scanStatus = status;
            return this;
        }

        Builder nanos(long value) {
            this.nanos = value;
            return this;
        }

        Builder frameworkWaitNanos(long value) {
            this.frameworkWaitNanos = value;
            return this;
        }

        StartupFacts build() {
            return new StartupFacts(this);
        }
    }
}
