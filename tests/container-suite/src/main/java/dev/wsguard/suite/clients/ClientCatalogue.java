package dev.wsguard.suite.clients;

import dev.wsguard.suite.scenarios.EnforceAction;
import dev.wsguard.testkit.server.ContainerKind;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * What each real client reports, as data: per container, what the container does that a client's report depends on
 * (the reason phrase of its status lines, which Jetty's client quotes), which Tyrus runs beside it, and any client
 * that cannot run there with the reason. {@code RealClientContract} runs every client that runs on the container; a
 * container with nothing recorded fails until what it did is recorded here.
 */
public final class ClientCatalogue {

    /** What a container does that the clients' reports depend on. */
    public static final class Answers {
        private final Map<Integer, String> reasonPhrases;
        private final List<String> tyrusClassPath;
        private final Map<RealClient, String> notRun = new EnumMap<>(RealClient.class);

        private Answers(Map<Integer, String> reasonPhrases, List<String> tyrusClassPath) {
            this.reasonPhrases = reasonPhrases;
            this.tyrusClassPath = tyrusClassPath;
        }

        /** This client cannot run beside the container, and why. */
        Answers notOn(RealClient client, String reason) {
            notRun.put(client, reason);
            return this;
        }
    }

    /** Every status line carries the standard reason phrase. */
    private static final Map<Integer, String> STANDARD_PHRASES = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            426, "Upgrade Required");
    /** Grizzly (GlassFish) words a 426 "CUSTOM": it knows no phrase for that status. */
    private static final Map<Integer, String> GRIZZLY_PHRASES = Map.of(200, "OK", 400, "Bad Request", 404, "Not Found",
            426, "CUSTOM");
    /** Tomcat sends status lines without a reason phrase; Jetty's client then quotes "null". */
    private static final Map<Integer, String> NO_PHRASE = Map.of();

    /**
     * Tyrus 2.2.0's client with its Grizzly container, and the WebSocket API the module resolves: kept off the class
     * path the servers run with, where Tyrus's servlet jars are kept off too (tests/embedded/*: pom).
     */
    private static final List<String> TYRUS_CLIENT = List.of("tyrus-client", "tyrus-core", "tyrus-spi",
            "tyrus-container-grizzly-client", "grizzly-framework", "grizzly-http", "grizzly-http-server",
            "jakarta.websocket-api", "jakarta.websocket-client-api");
    /** GlassFish bundles Tyrus, its Grizzly client container and the API in its one jar: that client runs. */
    private static final List<String> GLASSFISH_TYRUS = List.of("glassfish-embedded-all");

    private static final Map<ContainerKind, Answers> ANSWERS = new EnumMap<>(ContainerKind.class);

    static {
        ANSWERS.put(ContainerKind.JETTY_12_1, new Answers(STANDARD_PHRASES, TYRUS_CLIENT));
        ANSWERS.put(ContainerKind.JETTY_12_0, new Answers(STANDARD_PHRASES, TYRUS_CLIENT));
        ANSWERS.put(ContainerKind.TOMCAT_11, new Answers(NO_PHRASE, TYRUS_CLIENT));
        ANSWERS.put(ContainerKind.TOMCAT_10_1, new Answers(NO_PHRASE, TYRUS_CLIENT));
        ANSWERS.put(ContainerKind.UNDERTOW_2_3, new Answers(STANDARD_PHRASES, TYRUS_CLIENT));
        ANSWERS.put(ContainerKind.GLASSFISH_7, new Answers(GRIZZLY_PHRASES, GLASSFISH_TYRUS));
    }

    private ClientCatalogue() {
    }

    /** Whether anything is recorded for this container. */
    public static boolean recordsSomethingFor(ContainerKind container) {
        return ANSWERS.containsKey(container);
    }

    public static boolean runsOn(RealClient client, ContainerKind container) {
        return !answers(container).notRun.containsKey(client);
    }

    /** Why the client cannot run beside this container, or null where it does. */
    public static String notRunReason(RealClient client, ContainerKind container) {
        return answers(container).notRun.get(client);
    }

    /** The jars, by artifact, of the Tyrus client that runs beside this container. */
    static List<String> tyrusClassPath(ContainerKind container) {
        return answers(container).tyrusClassPath;
    }

    private static Answers answers(ContainerKind container) {
        Answers answers = ANSWERS.get(container);
        if (answers == null) {
            throw new IllegalStateException("ClientCatalogue records nothing for " + container + ": run RealClientContract"
                    + " there and record what the container does (its reason phrases, the Tyrus beside it)");
        }
        return answers;
    }

    /**
     * @param connects whether the client opens a session
     * @param exception the exception chain for a failed handshake
     * @param status the status the client exposes, 0 where none
     * @param guardCode the WSGuard-Code the client exposes, or null
     */
    public record Expected(boolean connects, String exception, int status, String guardCode) {
    }

    public static Expected expect(RealClient client, ContainerKind container, ClientScenario scenario, boolean enforce) {
        if (scenario.containerStatus == 101) {
            return new Expected(true, null, 0, null);
        }
        // In enforce mode wsguard answers as the row says (400 for a 2xx, 426 for stripped headers) and leaves a
        // 404 alone; its answer carries WSGuard-Code, the container's never does.
        EnforceAction action = enforce ? scenario.enforceAction : EnforceAction.UNCHANGED;
        boolean replaced = action != EnforceAction.UNCHANGED;
        int status = replaced ? action.status() : scenario.containerStatus;
        String code = replaced ? scenario.code : null;
        return new Expected(false, exception(client, container, status), status, code);
    }

    /** The exception chain each client throws for a handshake answered with this status. */
    static String exception(RealClient client, ContainerKind container, int status) {
        switch (client) {
            case TYRUS:
                return "org.glassfish.tyrus.client.exception.DeploymentHandshakeException: Handshake error."
                        + " <- org.glassfish.tyrus.core.HandshakeException: Response code was not 101: " + status + ".";
            case JDK:
                // Its public exception only: the cause is a jdk.internal class, worded by each JDK its own way.
                return "java.net.http.WebSocketHandshakeException";
            case JETTY:
                // Jetty's client quotes the reason phrase ("null" where there is none). nginx passes the backend's
                // status line on as it is, so the same holds through the proxy.
                String core = "org.eclipse.jetty.websocket.core.exception.UpgradeException: Failed to upgrade to websocket:"
                        + " Unexpected HTTP Response Status Code: " + status + " " + reason(container, status);
                return "org.eclipse.jetty.websocket.api.exceptions.UpgradeException: " + core + " <- " + core;
            default:
                throw new IllegalStateException(client.name());
        }
    }

    private static String reason(ContainerKind container, int status) {
        Map<Integer, String> phrases = answers(container).reasonPhrases;
        if (phrases.isEmpty()) {
            return "null";
        }
        String phrase = phrases.get(status);
        if (phrase == null) {
            throw new IllegalArgumentException("no reason phrase recorded for " + status + " on " + container);
        }
        return phrase;
    }
}
