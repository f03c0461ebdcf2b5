package dev.wsguard.startup;

/** A javax.websocket endpoint found in the webapp (WSG11): a jakarta container never deploys it. */
final class JavaxEndpoint {

    private final String className;
    private final String path;
    private final String location;
    private final boolean applicationConfig;

    private JavaxEndpoint(String className, String path, String location, boolean applicationConfig) {
        this.className = className;
        this.path = path;
        this.location = location;
        this.applicationConfig = applicationConfig;
    }

    /** A class annotated {@code @javax.websocket.server.ServerEndpoint(path)}. */
    static JavaxEndpoint annotated(String className, String path, String location) {
        return new JavaxEndpoint(className, path, location, false);
    }

    /** A class that extends {@code javax.websocket.Endpoint}: deployed programmatically, at a path no scan sees. */
    static JavaxEndpoint programmatic(String className, String location) {
        return new JavaxEndpoint(className, null, location, false);
    }

    /** A javax {@code ServerApplicationConfig}: it deploys programmatic endpoints the scan cannot see one by one. */
    static JavaxEndpoint applicationConfig(String className, String location) {
        return new JavaxEndpoint(className, null, location, true);
    }

    /** The binary name with dots, e.g. {@code com.example.Chat}. */
    String className() {
        return className;
    }

    /** The annotation's path, or null where the class does not say one. */
    String path() {
        return path;
    }

    /** Where it was found: {@code WEB-INF/classes} or the jar's path. */
    String location() {
        return location;
    }

    boolean isApplicationConfig() {
        return applicationConfig;
    }
}
