package dev.wsguard.reliability.harness;

/** The two real containers this module runs wsguard on. */
public enum Container {
    /** Jetty 12.1, ee10, embedded {@code ServletContextHandler}; its WebSocket filter runs before every app filter. */
    JETTY("Jetty 12.1"),
    /** Tomcat 11, embedded {@code addContext} with {@code WsSci}; its WsFilter runs after wsguard. */
    TOMCAT("Tomcat 11");

    private final String displayName;

    Container(String displayName) {
        this.displayName = displayName;
    }

    public String displayName() {
        return displayName;
    }

    /** Whether wsguard sees valid upgrades to a deployed endpoint (Tomcat) or never (Jetty answers them first). */
    public boolean guardSeesValidUpgrades() {
        return this == TOMCAT;
    }

    @Override
    public String toString() {
        return displayName;
    }
}
