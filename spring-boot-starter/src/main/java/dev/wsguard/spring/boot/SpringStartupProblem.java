package dev.wsguard.spring.boot;

import java.util.Map;
import org.springframework.util.ClassUtils;

/**
 * The startup problems of a Spring application's WebSockets that the starter names, each with its text: what Boot's
 * failure report says ({@link SpringStartupFailureAnalyzer}) and the fix wsguard's {@code WSG10} gives where the
 * application started anyway ({@link SpringEndpointHandover}), in {@link SpringTexts}' file. Placeholders in braces
 * are filled by {@link #description} and {@link #action}.
 */
enum SpringStartupProblem {

    /**
     * spring-websocket is on the class path and the embedded server's WebSocket jar is not, nor the jakarta.websocket
     * API it carries (embedded Tomcat: the API is inside tomcat-embed-websocket): Spring's handshake handler cannot
     * even be created, so the application fails to start.
     */
    WEBSOCKET_API_MISSING,

    /**
     * A {@code ServerEndpointExporter} bean, and no {@code jakarta.websocket.server.ServerContainer} to deploy into:
     * the embedded server's WebSocket support is missing (embedded Jetty or Undertow without their WebSocket jars).
     */
    EXPORTER_WITHOUT_SERVER_CONTAINER,

    /**
     * The application started with Spring WebSocket endpoints and without the embedded server's WebSocket support
     * (embedded Jetty or Undertow without their WebSocket jars, the jakarta.websocket API still there): every
     * handshake fails at request time. wsguard's {@code WSG10} says so; its action is the clause after that line's
     * "Fix: ", and it has no description of its own.
     */
    CONTAINER_WEBSOCKET_MISSING,

    /**
     * A WAR in an external container with a {@code ServerEndpointExporter} for {@code @ServerEndpoint} classes the WAR
     * holds: the container's own scan deploys them, and the exporter deploys them again. Spring's documentation says
     * the exporter is for embedded containers only. The WAR still deploys (observed on Tomcat 10.1, which ignores a
     * second deployment of the same class as the WebSocket specification asks; Jetty 12 puts the second in place of
     * the first), so the starter says it at startup, on wsguard's logger; a {@code ServerEndpointConfig} bean for such
     * a class is ignored the same way on Tomcat, its configurator with it.
     */
    EXPORTER_IN_EXTERNAL_CONTAINER,

    /**
     * A WAR in an external container whose {@code ServerEndpointExporter} deploys an endpoint the container refuses
     * ({@code DeploymentException}: another class at a path the container's scan already took): the application
     * fails and the WAR does not deploy.
     */
    EXPORTER_REFUSED_IN_EXTERNAL_CONTAINER(EXPORTER_IN_EXTERNAL_CONTAINER),

    /**
     * Spring Security's CSRF protection covers a SockJS endpoint's POST transports (xhr_streaming, xhr, xhr_send):
     * SockJS's client sends them without a CSRF token, so each gets Security's 403 and a client that cannot use
     * WebSocket (a proxy that drops the upgrade, a browser without it) cannot connect. They are no handshakes, so the
     * filter never sees them as its business; the starter says it at startup, on wsguard's logger
     * ({@link SockJsCsrfCheck}).
     */
    SOCKJS_TRANSPORTS_UNDER_CSRF;

    /** The problem whose action this one shares, or null: its own is in the file. */
    private final SpringStartupProblem sameActionAs;

    SpringStartupProblem() {
        this(null);
    }

    SpringStartupProblem(SpringStartupProblem sameActionAs) {
        this.sameActionAs = sameActionAs;
    }

    /** What went wrong, for Boot's failure report, with the placeholders filled; null where there is none. */
    String description(Map<String, String> values) {
        String description = SpringTexts.find(key() + ".description");
        return description == null ? null : SpringTexts.fill(description, values);
    }

    /** What to do, for Boot's failure report, with the placeholders filled. */
    String action(Map<String, String> values) {
        return sameActionAs != null ? sameActionAs.action(values)
                : SpringTexts.fill(SpringTexts.get(key() + ".action"), values);
    }

    /** Where its texts are in {@link SpringTexts}' file. */
    String key() {
        return "SpringStartupProblem." + name();
    }

    /**
     * The embedded servers Boot runs, each with the artifact that carries its WebSocket support (Boot's own
     * auto-configuration turns it on only when that jar is on the class path) and the starter that brings it.
     */
    enum EmbeddedServer {
        TOMCAT("Tomcat", "org.apache.catalina.startup.Tomcat"),
        JETTY("Jetty", "org.eclipse.jetty.server.Server"),
        UNDERTOW("Undertow", "io.undertow.Undertow");

        /** Jetty 12.1 runs Boot 4's servlets in ee11; Jetty 12.0, Boot 3.5's, in ee10. */
        static final String JETTY_EE11_CLASS = "org.eclipse.jetty.ee11.servlet.ServletContextHandler";

        private final String displayName;
        private final String serverClass;

        EmbeddedServer(String displayName, String serverClass) {
            this.displayName = displayName;
            this.serverClass = serverClass;
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
            return SpringTexts.fill(SpringTexts.get(key()), Map.of("ee", environment));
        }

        /** Where its clause is in {@link SpringTexts}' file. */
        String key() {
            return "SpringStartupProblem.EmbeddedServer." + name();
        }
    }
}
