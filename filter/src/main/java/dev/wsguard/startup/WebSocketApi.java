package dev.wsguard.startup;

/** Whether a class loader sees the Jakarta (or old javax) WebSocket API, without loading anything of it. */
final class WebSocketApi {

    static final String JAKARTA_PROBE = "jakarta/websocket/server/ServerEndpoint.class";
    static final String JAVAX_PROBE = "javax/websocket/server/ServerEndpoint.class";

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
