package dev.wsguard.suite.reliability;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerSettings;
import java.util.Map;

/** How the container is set up for the hostile requests. */
public enum Profile {

    /** The container as it comes: its own request-head limit (8 KiB on Jetty and Tomcat), URI and header rules. */
    DEFAULTS("defaults", ContainerSettings.DEFAULTS, Map.of()),

    /**
     * As lenient as the container can be made: 256 KiB request heads and every request target it can be told to
     * accept ({@link ContainerSettings}), so that the most hostile data that can reach wsguard does.
     */
    PERMISSIVE("permissive", new ContainerSettings(256 * 1024, true), Map.of(ContainerKind.GLASSFISH_7,
            "GlassFish's request-head limit and URI rules belong to its HTTP listener, shared by every"
                    + " deployment of the one server the module runs, so they cannot be raised for one deployment"));

    private final String label;
    private final ContainerSettings settings;
    private final Map<ContainerKind, String> notRun;

    Profile(String label, ContainerSettings settings, Map<ContainerKind, String> notRun) {
        this.label = label;
        this.settings = settings;
        this.notRun = notRun;
    }

    public ContainerSettings settings() {
        return settings;
    }

    /** Whether this profile runs on the container (false where it cannot be applied to one deployment there). */
    public boolean runsOn(ContainerKind kind) {
        return !notRun.containsKey(kind);
    }

    /** Why the profile does not run on the container, or null where it does. */
    public String notRunReason(ContainerKind kind) {
        return notRun.get(kind);
    }

    @Override
    public String toString() {
        return label;
    }
}
