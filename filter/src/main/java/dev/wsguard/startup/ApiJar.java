package dev.wsguard.startup;

/** A WebSocket API jar packaged in WEB-INF/lib (WSG12). */
final class ApiJar {

    private final String path;
    private final String namespace;

    ApiJar(String path, String namespace) {
        this.path = path;
        this.namespace = namespace;
    }

    /** The jar's path in the webapp, e.g. {@code WEB-INF/lib/jakarta.websocket-api-2.1.1.jar}. */
    String path() {
        return path;
    }

    /** {@code jakarta} or {@code javax}. */
    String namespace() {
        return namespace;
    }
}
