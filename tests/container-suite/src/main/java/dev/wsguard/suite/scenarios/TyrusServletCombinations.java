package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.server.ContainerKind;
import java.util.List;

/**
 * Tyrus's servlet integration where it cannot work, as data: per container and setup, what happens to the
 * deployment, which WSG13 lines wsguard must log (each named by the phrases it must contain), and what one
 * upgrade request gets where sending one is safe. Observed with Tyrus 2.2.0 ({@code tyrus-container-servlet}).
 */
public final class TyrusServletCombinations {

    private TyrusServletCombinations() {
    }

    /** Where Tyrus sits and whether the container's own WebSocket support is on. */
    public enum Setup {
        IN_WEB_INF_LIB_CONTAINER_WEBSOCKET_OFF(true, false,
                "Tyrus in WEB-INF/lib, the container's own WebSocket off"),
        IN_WEB_INF_LIB_CONTAINER_WEBSOCKET_ON(true, true,
                "Tyrus in WEB-INF/lib, the container's own WebSocket on"),
        IN_CONTAINER_LIB_CONTAINER_WEBSOCKET_ON(false, true,
                "Tyrus in the container's lib, the container's own WebSocket on");

        public final boolean tyrusInWebInfLib;
        public final boolean containerWebSocket;
        public final String description;

        Setup(boolean tyrusInWebInfLib, boolean containerWebSocket, String description) {
            this.tyrusInWebInfLib = tyrusInWebInfLib;
            this.containerWebSocket = containerWebSocket;
            this.description = description;
        }
    }

    /**
     * @param deployment how the deployment ends: {@code deployed}, or the start of {@code deployment failed: <error>}
     * @param wsg13Phrases one entry per WSG13 line wsguard must log: the phrases that line contains
     * @param upgrade what one upgrade request gets (the start of it), where one is sent
     * @param upgradeNotSentBecause why no upgrade is sent, or null when one is
     * @param note what the combination shows, for the compatibility document
     * @param failureSays what the failure after that upgrade says, as the endpoint's {@code @OnError} receives it (the
     *        one place it shows: neither the container nor Tyrus logs it, even at FINEST), or empty
     */
    public record Expected(String deployment, List<List<String>> wsg13Phrases, String upgrade,
                           String upgradeNotSentBecause, String note, String failureSays) {

        public Expected(String deployment, List<List<String>> wsg13Phrases, String upgrade,
                        String upgradeNotSentBecause, String note) {
            this(deployment, wsg13Phrases, upgrade, upgradeNotSentBecause, note, "");
        }
    }

    private static final String NO_DEFAULT_CONSTRUCTOR = "deployment failed: java.lang.NoSuchMethodException:"
            + " org.glassfish.tyrus.server.TyrusServerConfiguration.<init>()";
    private static final String SPINS = "Jetty 12.1's thread spins on \"Cannot upgrade committed response\" after"
            + " Tyrus's 101 (docs/scenarios.md, S18)";
    // Each Jetty line is named with the failure a user of that line sees, and not the other's.
    private static final List<String> TYRUS_ON_JETTY_12_1 = List.of("Tyrus", "registered on Jetty 12",
            "Jetty 12.1 sends the 101, then a thread loops on \"Cannot upgrade committed response\"",
            "ee10-websocket-jakarta");
    private static final List<String> TYRUS_ON_JETTY_12_0 = List.of("Tyrus", "registered on Jetty 12",
            "Jetty 12.0 answers every handshake 500 \"Not implemented\" from upgrade()", "ee10-websocket-jakarta");
    private static final List<String> TYRUS_ON_TOMCAT = List.of("Tyrus", "registered on Tomcat", "canWrite()",
            "tomcat-embed-websocket");

    private static List<String> twoImplementations(String container) {
        return List.of("two WebSocket implementations", container + " (", "Tyrus (org.glassfish.tyrus.servlet.TyrusServletFilter)");
    }

    public static Expected expect(ContainerKind container, Setup setup) {
        boolean jetty = container == ContainerKind.JETTY_12_1 || container == ContainerKind.JETTY_12_0;
        boolean tomcat = container == ContainerKind.TOMCAT_11 || container == ContainerKind.TOMCAT_10_1;
        if (!jetty && !tomcat) {
            throw new IllegalArgumentException("Tyrus's servlet integration is checked on Jetty and Tomcat, not " + container);
        }
        List<String> tyrusOnJetty = container == ContainerKind.JETTY_12_1 ? TYRUS_ON_JETTY_12_1 : TYRUS_ON_JETTY_12_0;
        switch (setup) {
            case IN_WEB_INF_LIB_CONTAINER_WEBSOCKET_OFF:
                if (container == ContainerKind.JETTY_12_1) {
                    return new Expected("deployed", List.of(tyrusOnJetty), null, SPINS,
                            "Deploys; every handshake would get 101 and then a dead connection.");
                }
                if (jetty) {
                    return new Expected("deployed", List.of(tyrusOnJetty),
                            "HTTP/1.1 500 Server Error (Error 500 jakarta.servlet.ServletException: Not implemented", null,
                            "Deploys; Jetty 12.0 answers the handshake 500 from request.upgrade().");
                }
                return new Expected("deployed", List.of(TYRUS_ON_TOMCAT), "HTTP/1.1 101, then no echo", null,
                        "Deploys; the handshake gets 101, then the first write fails and nothing comes back. Neither"
                                + " Tomcat nor Tyrus logs the failure, even at FINEST: only the endpoint's @OnError"
                                + " receives it.",
                        "java.io.IOException: java.lang.IllegalStateException: It is illegal to call canWrite() when"
                                + " the ServletOutputStream is not in non-blocking mode");
            case IN_WEB_INF_LIB_CONTAINER_WEBSOCKET_ON:
                // The container's own initializer finds Tyrus's ServerApplicationConfig and cannot instantiate it.
                return new Expected(NO_DEFAULT_CONSTRUCTOR, List.of(), null, "the WAR does not deploy",
                        "The container's own WebSocket initializer instantiates Tyrus's TyrusServerConfiguration"
                                + " (a ServerApplicationConfig without a no-argument constructor): the deployment fails"
                                + " before wsguard can say anything.");
            case IN_CONTAINER_LIB_CONTAINER_WEBSOCKET_ON:
                if (jetty) {
                    return new Expected("deployed", List.of(tyrusOnJetty, twoImplementations("Jetty")), null,
                            container == ContainerKind.JETTY_12_1 ? SPINS : "two implementations: not a combination"
                                    + " anyone should serve traffic with",
                            "Deploys with both implementations registered; wsguard names both problems.");
                }
                return new Expected("deployment failed: java.lang.ClassCastException: class"
                        + " org.glassfish.tyrus.servlet.TyrusServletContainerInitializer$TyrusServerContainerImpl cannot"
                        + " be cast to class org.apache.tomcat.websocket.server.WsServerContainer", List.of(), null,
                        "the WAR does not deploy",
                        "Tomcat's WsFilter finds Tyrus's ServerContainer in the context attribute and fails to start:"
                                + " the context stops.");
            default:
                throw new IllegalStateException(setup.name());
        }
    }
}
