package dev.wsguard.realclients;

import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.suite.scenarios.EnforceAction;

/**
 * What each client reports, as data: for a failed handshake, the exact exception chain (class and message,
 * causes included) with the status in it, and whether it exposes the status and wsguard's header.
 */
final class ClientExpectations {

    private ClientExpectations() {
    }

    /**
     * @param connects whether the client opens a session
     * @param exception the exception chain for a failed handshake
     * @param status the status the client exposes, 0 where none
     * @param guardCode the WSGuard-Code the client exposes, or null
     */
    record Expected(boolean connects, String exception, int status, String guardCode) {
    }

    static Expected expect(WebSocketClientUnderTest client, ContainerKind container, ClientScenario scenario,
                           boolean enforce) {
        if (scenario.containerStatus() == 101) {
            return new Expected(true, null, 0, null);
        }
        // In enforce mode wsguard answers as the row says (400 for a 2xx, 426 for stripped headers) and leaves a
        // 404 alone; its answer carries WSGuard-Code, the container's never does.
        EnforceAction action = enforce ? scenario.enforceAction() : EnforceAction.UNCHANGED;
        boolean replaced = action != EnforceAction.UNCHANGED;
        int status = replaced ? action.status() : scenario.containerStatus();
        String code = replaced ? scenario.code() : null;
        return new Expected(false, exception(client, container, status), status, code);
    }

    /** The exception chain each client throws for a handshake answered with this status. */
    static String exception(WebSocketClientUnderTest client, ContainerKind container, int status) {
        switch (client) {
            case TYRUS:
                return "org.glassfish.tyrus.client.exception.DeploymentHandshakeException: Handshake error."
                        + " <- org.glassfish.tyrus.core.HandshakeException: Response code was not 101: " + status + ".";
            case JDK:
                // Its public exception only: the cause is a jdk.internal class, worded by each JDK its own way.
                return "java.net.http.WebSocketHandshakeException";
            case JETTY:
                // Jetty's client quotes the reason phrase, and Tomcat sends none: "null" then. nginx passes the
                // backend's status line on as it is, so the same holds through the proxy.
                String core = "org.eclipse.jetty.websocket.core.exception.UpgradeException: Failed to upgrade to websocket:"
                        + " Unexpected HTTP Response Status Code: " + status + " " + reason(container, status);
                return "org.eclipse.jetty.websocket.api.exceptions.UpgradeException: " + core + " <- " + core;
            default:
                throw new IllegalStateException(client.name());
        }
    }

    private static String reason(ContainerKind container, int status) {
        if (container.product().equals("Tomcat")) {
            return "null";
        }
        switch (status) {
            case 200:
                return "OK";
            case 400:
                return "Bad Request";
            case 404:
                return "Not Found";
            case 426:
                return "Upgrade Required";
            default:
                throw new IllegalArgumentException("no reason phrase recorded for " + status);
        }
    }
}
