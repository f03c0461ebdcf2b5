package dev.wsguard.containers;

import dev.wsguard.text.Namespace;
import jakarta.servlet.ServletRequest;
import java.util.Locale;

/**
 * What wsguard knows about the servlet container it runs in, recognised from
 * {@code ServletContext.getServerInfo()}. Every container quirk that changes a diagnosis or a fix
 * lives here, and only here.
 */
public enum ContainerProfile {
    JETTY("Jetty", true,
            // Jetty 12 names its WebSocket module and initializer after the namespace: ee10-websocket-jakarta,
            // ee8-websocket-javax.
            "enable the Jetty module {ee}-websocket-" + Namespace.HOME + " (java -jar $JETTY_HOME/start.jar"
                    + " --add-modules={ee}-websocket-" + Namespace.HOME + "), or in embedded code call"
                    + " org.eclipse.jetty.{ee}.websocket." + Namespace.HOME + ".server.config." + Namespace.TITLE
                    + "WebSocketServletContainerInitializer.configure(context, ...)") {
        /** Jetty 12 sets its HttpStream.UPGRADE_CONNECTION_ATTRIBUTE on a request whose stream it upgraded. */
        @Override
        public boolean upgradedOverHttp2(ServletRequest request) {
            return request.getAttribute(JETTY_UPGRADED_STREAM_ATTRIBUTE) != null;
        }
    },
    TOMCAT("Tomcat", false,
            "put tomcat-embed-websocket (or Tomcat's lib/tomcat-websocket.jar) on the class path; in a merged fat jar keep"
                    + " org.apache.tomcat.websocket.server.WsSci in META-INF/services/"
                    + Namespace.home("servlet.ServletContainerInitializer")),
    UNDERTOW("Undertow", false,
            "add undertow-websockets-jsr and a WebSocketDeploymentInfo to the deployment (WildFly: the undertow subsystem's"
                    + " websockets element)") {
        /**
         * Undertow's WebSocket filter, when an endpoint's configurator refuses the Origin, passes the handshake on to
         * the servlets instead of answering 403 (observed on Undertow 2.3.21: Undertow23OriginCheckTest).
         */
        @Override
        public boolean passesOriginRefusalsOn() {
            return true;
        }
    },
    GLASSFISH("GlassFish/Payara (Tyrus)", false,
            // Observed on GlassFish 7.0.25: Tyrus sets up a webapp's WebSocket support only when the deployment
            // scan hands it endpoint classes found in the WAR; endpoints elsewhere leave the context without one.
            "package the endpoint classes (@ServerEndpoint, Endpoint subclasses, ServerApplicationConfig) inside the"
                    + " WAR, in WEB-INF/classes or WEB-INF/lib, where Tyrus's initializer is given them; endpoints"
                    + " only in the server's lib folder leave the webapp without WebSocket support") {
        /**
         * Grizzly takes any response with an Upgrade header for a protocol switch: it drops the
         * Content-Length, sends the body unframed and holds the connection open, so the client waits
         * for a body end until Grizzly closes the idle connection about 30 s later (observed on
         * GlassFish 7.0.25: GlassFish7ScenarioTest.a426CarryingUpgradeLosesItsFraming). Tyrus's own 426
         * carries no Upgrade header either.
         */
        @Override
        public boolean framesRefusalsWithUpgradeHeader() {
            return false;
        }

        /**
         * Tyrus's initializer, handed no endpoint class, returns without publishing a ServerContainer (observed on
         * GlassFish 7.0.25 and Payara 6.2025.9): a WAR without endpoints gets none, whatever the server supports.
         */
        @Override
        public boolean publishesNoContainerWithoutEndpoints() {
            return true;
        }
    },
    OTHER("this container", false,
            "enable the container's " + Namespace.WEBSOCKET_API + " support (Jetty: module "
                    + (Namespace.isJavax() ? "ee8" : "ee10") + "-websocket-" + Namespace.HOME + "; Tomcat:"
                    + " tomcat-embed-websocket / WsSci; Undertow: undertow-websockets-jsr)");

    /**
     * The environment assumed where the container does not show one: Jetty 12.0 has only ee10 for Servlet 6, and
     * ee8 is Jetty 12's only javax environment.
     */
    public static final String DEFAULT_ENVIRONMENT = Namespace.isJavax() ? "ee8" : "ee10";
    /** Jetty 12 keeps each Jakarta EE environment in its own package: org.eclipse.jetty.ee10..., ee11... */
    private static final String JETTY_ENVIRONMENT_PACKAGE = "org.eclipse.jetty.ee";
    private static final String ENVIRONMENT_PLACEHOLDER = "{ee}";

    /** Jetty 12's HttpStream.UPGRADE_CONNECTION_ATTRIBUTE: set on a request whose stream Jetty upgraded. */
    public static final String JETTY_UPGRADED_STREAM_ATTRIBUTE = "org.eclipse.jetty.server.HttpStream.upgradeConnection";

    private final String displayName;
    private final boolean webSocketFilterRunsFirst;
    private final String enableWebSocketFix;

    ContainerProfile(String displayName, boolean webSocketFilterRunsFirst, String enableWebSocketFix) {
        this.displayName = displayName;
        this.webSocketFilterRunsFirst = webSocketFilterRunsFirst;
        this.enableWebSocketFix = enableWebSocketFix;
    }

    /** Recognises the container from its server info string ({@code jetty/12.1.14}, {@code Apache Tomcat/11.0.27}...). */
    public static ContainerProfile fromServerInfo(String serverInfo) {
        String s = serverInfo == null ? "" : serverInfo.toLowerCase(Locale.ROOT);
        if (s.contains("jetty")) {
            return JETTY;
        }
        if (s.contains("tomcat")) {
            return TOMCAT;
        }
        if (s.contains("undertow") || s.contains("wildfly")) {
            return UNDERTOW;
        }
        if (s.contains("glassfish") || s.contains("payara")) {
            return GLASSFISH;
        }
        return OTHER;
    }

    public String displayName() {
        return displayName;
    }

    /**
     * Whether the container's WebSocket filter runs before the application's filters. Jetty 12
     * prepends its {@code WebSocketUpgradeFilter}, so an upgrade that reaches wsguard there was
     * already declined: no endpoint is mapped at that path. Elsewhere wsguard sees every upgrade,
     * the successful ones included.
     */
    public boolean webSocketFilterRunsFirst() {
        return webSocketFilterRunsFirst;
    }

    /**
     * Whether a non-101 answer may carry {@code Upgrade}/{@code Connection: Upgrade} (RFC 9110 wants
     * them on every 426) and still reach the client as a well-framed response.
     */
    public boolean framesRefusalsWithUpgradeHeader() {
        return true;
    }

    /**
     * Whether a handshake whose endpoint's {@code Configurator.checkOrigin} refused it goes on to the servlets as a
     * plain request, where the WebSocket specification has the container answer 403.
     */
    public boolean passesOriginRefusalsOn() {
        return false;
    }

    /**
     * Whether the container publishes no {@code jakarta.websocket.server.ServerContainer} in a context that deploys no
     * endpoint, while its WebSocket support is there all the same: a missing container then says nothing about that
     * support (see {@code Deployment#nothingToServe}).
     */
    public boolean publishesNoContainerWithoutEndpoints() {
        return false;
    }

    /** How to turn on WebSocket support in this container, as one clause, for the default environment. */
    public String enableWebSocketFix() {
        return enableWebSocketFix(DEFAULT_ENVIRONMENT);
    }

    /**
     * How to turn on WebSocket support in this container, as one clause.
     *
     * @param environment the Jakarta EE environment the context runs in ({@link #environmentOf}); Jetty's
     *                    module and initializer are named after it
     */
    public String enableWebSocketFix(String environment) {
        return enableWebSocketFix.replace(ENVIRONMENT_PLACEHOLDER, environment);
    }

    /**
     * Jetty's Jakarta WebSocket module for an environment, e.g. {@code ee11-websocket-jakarta}.
     */
    public static String jettyWebSocketModule(String environment) {
        return environment + "-websocket-" + Namespace.HOME;
    }

    /**
     * The Jakarta EE environment (as Jetty 12 names it: ee10, ee11) that the classes a running context shows
     * belong to: its ServletContext, its ServerContainer. {@link #DEFAULT_ENVIRONMENT} when none tells.
     */
    public static String environmentOf(String... classNames) {
        for (String name : classNames) {
            if (name == null || !name.startsWith(JETTY_ENVIRONMENT_PACKAGE)) {
                continue;
            }
            int from = JETTY_ENVIRONMENT_PACKAGE.length();
            int to = from;
            while (to < name.length() && to - from < 3 && Character.isDigit(name.charAt(to))) {
                to++;
            }
            if (to > from && to < name.length() && name.charAt(to) == '.') {
                return "ee" + name.substring(from, to);
            }
        }
        return DEFAULT_ENVIRONMENT;
    }

    /**
     * Whether the container itself marked this request as a WebSocket it accepted over HTTP/2 (RFC 8441
     * accepts with a 200, so the status alone cannot tell). False where the container leaves no mark.
     */
    public boolean upgradedOverHttp2(ServletRequest request) {
        return false;
    }

    /**
     * What becomes of a WebSocket API jar packaged in WEB-INF/lib, as a clause after "the container brings
     * its own API, so this copy is". Class loading order decides, and that differs per container.
     */
    public static String packagedApiFate() {
        return "either ignored (Tomcat) or shadows the container's and breaks its endpoints with class-cast or"
                + " linkage errors";
    }

    /**
     * Where a jar's initializer that cannot load without the WebSocket API stops the deployment, and the way
     * out, for wsguard's own initializer to name when it refuses: Tomcat fails such a deployment whatever the
     * initializer does (its containerSciFilter does not reach WEB-INF/lib), and ships the API in every
     * distribution, so only an embedded Tomcat without its WebSocket jar meets this.
     */
    public static String deploymentStoppedWithoutWebSocketApi() {
        return "embedded Tomcat without tomcat-embed-websocket), add tomcat-embed-websocket";
    }
}
