package dev.wsguard.containers;

import dev.wsguard.text.Namespace;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Which WebSocket implementations cannot work where they are registered (WSG13): Tyrus's servlet
 * integration on Jetty 12 or Tomcat, and two implementations in one context. The sentences name
 * what breaks and the fix; they hold no request data.
 */
public final class Compatibility {

    private Compatibility() {
    }

    /**
     * The problems of a context's registrations.
     *
     * @param container     the container the context runs in
     * @param environment   its Jakarta EE environment ({@link ContainerProfile#environmentOf}), which names
     *                      Jetty's module in the fix
     * @param serverInfo    its {@code ServletContext.getServerInfo()}, which tells Jetty 12.0 from 12.1
     * @param registrations implementation to the class that shows it (its handshake filter or
     *                      its ServerContainer), in registration order
     */
    public static List<String> problems(ContainerProfile container, String environment, String serverInfo,
                                        Map<WebSocketImplementation, String> registrations) {
        if (registrations.isEmpty()) {
            return Collections.emptyList();
        }
        List<String> problems = new ArrayList<>();
        String tyrus = registrations.get(WebSocketImplementation.TYRUS);
        if (tyrus != null && container == ContainerProfile.JETTY) {
            problems.add("Tyrus's servlet integration (" + tyrus + ") is registered on Jetty 12, where it cannot work:"
                    + " Tyrus flushes the 101 after request.upgrade(), and " + jettyFailure(serverInfo)
                    + ". Fix: remove the Tyrus jars (tyrus-container-servlet, tyrus-server...) from the webapp"
                    + " and use Jetty's own " + Namespace.WEBSOCKET_API + " (module " + ContainerProfile.jettyWebSocketModule(environment)
                    + ")");
        }
        if (tyrus != null && container == ContainerProfile.TOMCAT) {
            problems.add("Tyrus's servlet integration (" + tyrus + ") is registered on Tomcat, where it cannot work:"
                    + " the handshake gets its 101 and the first write fails (\"It is illegal to call canWrite()"
                    + " ...\"), which only the endpoint's @OnError hears: neither Tomcat nor Tyrus logs it. Fix: remove the Tyrus jars from the webapp and use Tomcat's own WebSocket"
                    + " (tomcat-websocket / tomcat-embed-websocket)");
        }
        if (registrations.size() > 1) {
            StringBuilder names = new StringBuilder();
            int i = 0;
            for (Map.Entry<WebSocketImplementation, String> e : registrations.entrySet()) {
                names.append(i == 0 ? "" : i == registrations.size() - 1 ? " and " : ", ").append(e.getKey()
                        .displayName()).append(" (").append(e.getValue()).append(')');
                i++;
            }
            problems.add("two WebSocket implementations are registered at once: " + names + "; they compete for the"
                    + " same handshakes, and the " + Namespace.home("websocket.server.ServerContainer") + " attribute names only one of"
                    + " them, so endpoints end up on the one that does not answer. Fix: keep the container's own"
                    + " implementation and remove the other one's jars (from WEB-INF/lib, or from the container's"
                    + " lib folder)");
        }
        return problems;
    }

    /**
     * What the user sees on this Jetty: the two lines fail differently (observed on 12.0.30 and 12.1.14), and a
     * user who reads "hangs" while getting 500s would doubt the whole line.
     */
    static String jettyFailure(String serverInfo) {
        String info = serverInfo == null ? "" : serverInfo.toLowerCase(Locale.ROOT);
        if (info.startsWith("jetty/12.0.")) {
            return "Jetty 12.0 answers every handshake 500 \"Not implemented\" from upgrade()";
        }
        if (info.startsWith("jetty/12.")) {
            return "Jetty 12.1 sends the 101, then a thread loops on \"Cannot upgrade committed response\", so every"
                    + " connection hangs";
        }
        return "Jetty 12.1 then loops on \"Cannot upgrade committed response\" (Jetty 12.0 answers 500 \"Not"
                + " implemented\"), so every handshake hangs or fails";
    }
}
