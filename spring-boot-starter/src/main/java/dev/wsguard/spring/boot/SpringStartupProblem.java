package dev.wsguard.spring.boot;

import java.util.Map;
import org.springframework.util.ClassUtils;

/**
 * The startup problems of a Spring application's WebSockets that the starter names, each with its text: what Boot's
 * failure report says ({@link SpringStartupFailureAnalyzer}) and the fix wsguard's {@code WSG10} gives where the
 * application started anyway ({@link SpringEndpointHandover}). Every text of these problems is here, and only here.
 * Placeholders in braces are filled by {@link #description} and {@link #action}.
 */
enum SpringStartupProblem {

    /**
     * spring-websocket is on the class path and the embedded server's WebSocket jar is not, nor the jakarta.websocket
     * API it carries (embedded Tomcat: the API is inside tomcat-embed-websocket): Spring's handshake handler cannot
     * even be created, so the application fails to start.
     */
    WEBSOCKET_API_MISSING(
            "Spring's WebSocket support (spring-websocket) is on the class path, but the jakarta.websocket API it"
                    + " needs is not: {class} is missing. The embedded {server} brings that API with its own"
                    + " WebSocket support, and that is missing too, so no WebSocket endpoint of this application can"
                    + " be created.",
            "To use WebSockets, {fix}. Otherwise remove @EnableWebSocket, @EnableWebSocketMessageBroker and"
                    + " spring-websocket."),

    /**
     * A {@code ServerEndpointExporter} bean, and no {@code jakarta.websocket.server.ServerContainer} to deploy into:
     * the embedded server's WebSocket support is missing (embedded Jetty or Undertow without their WebSocket jars).
     */
    EXPORTER_WITHOUT_SERVER_CONTAINER(
            "The ServerEndpointExporter bean '{bean}' deploys @ServerEndpoint classes into the server's"
                    + " jakarta.websocket.server.ServerContainer, and the embedded {server} has none: its WebSocket"
                    + " support is not on the class path.",
            "To deploy the endpoints, {fix}. Otherwise remove the ServerEndpointExporter bean."),

    /**
     * The application started with Spring WebSocket endpoints and without the embedded server's WebSocket support
     * (embedded Jetty or Undertow without their WebSocket jars, the jakarta.websocket API still there): every
     * handshake fails at request time. wsguard's {@code WSG10} says so; its action is the clause after that line's
     * "Fix: ", and it has no description of its own.
     */
    CONTAINER_WEBSOCKET_MISSING(null, "{fix}"),

    /**
     * A WAR in an external container with a {@code ServerEndpointExporter} for {@code @ServerEndpoint} classes the WAR
     * holds: the container's own scan deploys them, and the exporter deploys them again. Spring's documentation says
     * the exporter is for embedded containers only. The WAR still deploys (observed on Tomcat 10.1, which ignores a
     * second deployment of the same class as the WebSocket specification asks; Jetty 12 puts the second in place of
     * the first), so the starter says it at startup, on wsguard's logger; a {@code ServerEndpointConfig} bean for such
     * a class is ignored the same way on Tomcat, its configurator with it.
     */
    EXPORTER_IN_EXTERNAL_CONTAINER(
            "The ServerEndpointExporter deploys {endpoints} again in an external container ({server}), which has"
                    + " deployed the @ServerEndpoint classes it found in this WAR itself: the exporter is for embedded"
                    + " servers only. Tomcat ignores the second deployment of a class (a ServerEndpointConfig bean's"
                    + " configurator for it too), Jetty puts it in place of the container's, and another class at the"
                    + " same path fails the deployment.",
            "Declare the ServerEndpointExporter bean only for the embedded server (annotate its @Bean method with"
                    + " @ConditionalOnNotWarDeployment), or remove it and let the container deploy the"
                    + " @ServerEndpoint classes it finds in the WAR."),

    /**
     * A WAR in an external container whose {@code ServerEndpointExporter} deploys an endpoint the container refuses
     * ({@code DeploymentException}: another class at a path the container's scan already took): the application
     * fails and the WAR does not deploy.
     */
    EXPORTER_REFUSED_IN_EXTERNAL_CONTAINER(
            "The ServerEndpointExporter could not deploy {endpoint} in the external container that runs this WAR"
                    + " ({refusal}). The container deploys the @ServerEndpoint classes it finds in the WAR itself, and"
                    + " the exporter is for embedded servers only.",
            EXPORTER_IN_EXTERNAL_CONTAINER.action);

    private final String description;
    private final String action;

    SpringStartupProblem(String description, String action) {
        this.description = description;
        this.action = action;
    }

    /** What went wrong, for Boot's failure report, with the placeholders filled; null where there is none. */
    String description(Map<String, String> values) {
        return description == null ? null : fill(description, values);
    }

    /** What to do, for Boot's failure report, with the placeholders filled. */
    String action(Map<String, String> values) {
        return fill(action, values);
    }

    private static String fill(String template, Map<String, String> values) {
        String s = template;
        for (Map.Entry<String, String> e : values.entrySet()) {
            s = s.replace("{" + e.getKey() + "}", e.getValue() == null ? "" : e.getValue());
        }
        return s;
    }

    /**
     * The embedded servers Boot runs, each with the artifact that carries its WebSocket support (Boot's own
     * auto-configuration turns it on only when that jar is on the class path) and the starter that brings it.
     */
    enum EmbeddedServer {
        TOMCAT("Tomcat", "org.apache.catalina.startup.Tomcat",
                "add org.apache.tomcat.embed:tomcat-embed-websocket, which spring-boot-starter-websocket brings"
                        + " (through spring-boot-starter-tomcat) unless an exclusion dropped it: the embedded Tomcat"
                        + " turns its WebSocket support on only when that jar is on the class path"),
        JETTY("Jetty", "org.eclipse.jetty.server.Server",
                "add org.eclipse.jetty.{ee}.websocket:jetty-{ee}-websocket-jakarta-server, which"
                        + " spring-boot-starter-jetty brings unless an exclusion dropped it: the embedded Jetty turns"
                        + " its WebSocket support on only when that jar is on the class path"),
        UNDERTOW("Undertow", "io.undertow.Undertow",
                "add io.undertow:undertow-websockets-jsr, which spring-boot-starter-undertow brings unless an"
                        + " exclusion dropped it: the embedded Undertow turns its WebSocket support on only when that"
                        + " jar is on the class path");

        /** Jetty 12.1 runs Boot 4's servlets in ee11; Jetty 12.0, Boot 3.5's, in ee10. */
        static final String JETTY_EE11_CLASS = "org.eclipse.jetty.ee11.servlet.ServletContextHandler";

        private final String displayName;
        private final String serverClass;
        private final String fix;

        EmbeddedServer(String displayName, String serverClass, String fix) {
            this.displayName = displayName;
            this.serverClass = serverClass;
            this.fix = fix;
        }

        String displayName() {
            return displayName;
        }

        /** The server an embedded {@code WebServer} runs, by its class (Boot's TomcatWebServer...); null if another. */
        static EmbeddedServer ofWebServer(Object webServer) {
            String name = webServer == null ? "" : webServer.getClass().getSimpleName();
            for (EmbeddedServer server : values()) {
                if (name.startsWith(server.displayName)) {
                    return server;
                }
            }
            return null;
        }

        /**
         * The server Boot would embed with this class path, in the order Boot's own auto-configuration tries them;
         * null if none is there.
         */
        static EmbeddedServer onClassPath(ClassLoader loader) {
            for (EmbeddedServer server : values()) {
                if (ClassUtils.isPresent(server.serverClass, loader)) {
                    return server;
                }
            }
            return null;
        }

        /** Jetty's Jakarta EE environment on this class path. */
        static String jettyEnvironment(ClassLoader loader) {
            return ClassUtils.isPresent(JETTY_EE11_CLASS, loader) ? "ee11" : "ee10";
        }

        /**
         * How to give this server its WebSocket support, as one clause that reads after "Fix: " or "To use
         * WebSockets, "; the container's own fix (its modules, its lib folder) does not apply to a server the
         * application brings.
         *
         * @param environment Jetty's Jakarta EE environment ({@code ee10}, {@code ee11}); ignored by the others
         */
        String fix(String environment) {
            return fix.replace("{ee}", environment);
        }
    }
}
