package dev.wsguard.startup;

import dev.wsguard.text.Namespace;

/** Whether a class loader sees the Jakarta (or old javax) WebSocket API, without loading anything of it. */
final class WebSocketApi {

    static final String JAKARTA_PROBE = Namespace.homePath("websocket/server/ServerEndpoint.class");
    static final String JAVAX_PROBE = Namespace.otherPath("websocket/server/ServerEndpoint.class");

    private WebSocketApi() {
    }

    static boolean isPresent(ClassLoader loader) {
        try {
            Class.forName(EndpointScan.SERVER_ENDPOINT, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false;
        }
    }
}
