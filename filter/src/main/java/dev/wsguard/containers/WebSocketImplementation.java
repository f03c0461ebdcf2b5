package dev.wsguard.containers;

/**
 * The Jakarta WebSocket implementations wsguard recognises, by the class names of the filter each
 * registers and of the {@code ServerContainer} it publishes.
 */
public enum WebSocketImplementation {
    JETTY("Jetty", "org.eclipse.jetty."),
    TOMCAT("Tomcat", "org.apache.tomcat.websocket."),
    TYRUS("Tyrus", "org.glassfish.tyrus."),
    UNDERTOW("Undertow", "io.undertow.websockets.");

    private final String displayName;
    private final String packagePrefix;

    WebSocketImplementation(String displayName, String packagePrefix) {
        this.displayName = displayName;
        this.packagePrefix = packagePrefix;
    }

    public String displayName() {
        return displayName;
    }

    /** The implementation a class belongs to, or null. */
    public static WebSocketImplementation ofClass(String className) {
        if (className == null) {
            return null;
        }
        for (WebSocketImplementation i : values()) {
            if (className.startsWith(i.packagePrefix)) {
                return i;
            }
        }
        return null;
    }

    /** Whether a filter class is an implementation's handshake filter (as opposed to any filter of that vendor). */
    public static WebSocketImplementation ofFilter(String filterClassName) {
        if (filterClassName == null) {
            return null;
        }
        if (filterClassName.endsWith(".websocket.servlet.WebSocketUpgradeFilter")
                && filterClassName.startsWith("org.eclipse.jetty.")) {
            return JETTY;
        }
        if (filterClassName.equals("org.apache.tomcat.websocket.server.WsFilter")) {
            return TOMCAT;
        }
        if (filterClassName.equals("org.glassfish.tyrus.servlet.TyrusServletFilter")) {
            return TYRUS;
        }
        if (filterClassName.startsWith("io.undertow.websockets.jsr.") && filterClassName.endsWith("Filter")) {
            return UNDERTOW;
        }
        return null;
    }
}
