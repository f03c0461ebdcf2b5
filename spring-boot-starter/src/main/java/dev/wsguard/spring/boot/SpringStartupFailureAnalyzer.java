package dev.wsguard.spring.boot;

import dev.wsguard.spring.boot.SpringStartupProblem.EmbeddedServer;
import java.lang.reflect.Method;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.util.ClassUtils;

/**
 * Explains the startup failures of a Spring application's WebSockets that Boot itself reports only as a stack trace
 * ({@link SpringStartupProblem}): spring-websocket without the embedded server's WebSocket support (no
 * jakarta.websocket API at all, or no {@code ServerContainer} for a {@code ServerEndpointExporter}), and a WAR whose
 * {@code ServerEndpointExporter} deploys an endpoint that the external container's own scan already deployed. Reads
 * only the failure (its causes, their messages and stack frames), so it works before any bean exists. Registered in
 * {@code META-INF/spring.factories}; any other failure is left to Boot's other analyzers.
 */
public class SpringStartupFailureAnalyzer implements FailureAnalyzer {

    static final String EXPORTER_CLASS = ExportedEndpoints.EXPORTER_CLASS;
    static final String DEPLOYMENT_EXCEPTION_CLASS = "jakarta.websocket.DeploymentException";
    /** On a WAR's stack: the external container started the application through it. */
    static final String SERVLET_INITIALIZER_CLASS =
            "org.springframework.boot.web.servlet.support.SpringBootServletInitializer";
    private static final String WEBSOCKET_PACKAGE = "jakarta.websocket.";
    /** Shows spring-websocket, whose missing API the first problem is about. */
    static final String SPRING_WEBSOCKET_CLASS = "org.springframework.web.socket.WebSocketHandler";
    private static final int MAX_CAUSES = 32;

    @Override
    public FailureAnalysis analyze(Throwable failure) {
        try {
            return analyzeCauses(failure);
        } catch (RuntimeException | LinkageError e) {
            // An analysis that fails must not hide Boot's own report of the failure.
            return null;
        }
    }

    private FailureAnalysis analyzeCauses(Throwable failure) {
        String bean = null;
        int seen = 0;
        for (Throwable t = failure; t != null && seen++ < MAX_CAUSES; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof BeanCreationException && ((BeanCreationException) t).getBeanName() != null) {
                bean = ((BeanCreationException) t).getBeanName();
            }
            String missing = missingWebSocketClass(t);
            if (missing != null && ClassUtils.isPresent(SPRING_WEBSOCKET_CLASS, ClassUtils.getDefaultClassLoader())) {
                return analysis(SpringStartupProblem.WEBSOCKET_API_MISSING, failure, Map.of("class", missing));
            }
            if (t instanceof IllegalStateException && thrownBy(t, EXPORTER_CLASS)) {
                Throwable refusal = t.getCause();
                if (refusal == null) {
                    return analysis(SpringStartupProblem.EXPORTER_WITHOUT_SERVER_CONTAINER, failure,
                            Map.of("bean", bean != null ? bean : "serverEndpointExporter"));
                }
                if (refusal.getClass().getName().equals(DEPLOYMENT_EXCEPTION_CLASS) && startedByContainer(failure)) {
                    return externalContainer(t, refusal, failure);
                }
            }
        }
        return null;
    }

    /** The jakarta.websocket class that could not be loaded, dotted, or null. */
    private static String missingWebSocketClass(Throwable t) {
        if (!(t instanceof NoClassDefFoundError) && !(t instanceof ClassNotFoundException)) {
            return null;
        }
        String name = t.getMessage() == null ? "" : t.getMessage().replace('/', '.');
        return name.startsWith(WEBSOCKET_PACKAGE) ? name : null;
    }

    private static FailureAnalysis analysis(SpringStartupProblem problem, Throwable failure,
            Map<String, String> values) {
        Map<String, String> all = new LinkedHashMap<>(values);
        ClassLoader loader = ClassUtils.getDefaultClassLoader();
        EmbeddedServer server = EmbeddedServer.onClassPath(loader);
        all.put("server", server != null ? server.displayName() : "server");
        all.put("fix", server != null ? server.fix(EmbeddedServer.jettyEnvironment(loader))
                : "add the embedded server's WebSocket support (spring-boot-starter-websocket with Tomcat)");
        return new FailureAnalysis(problem.description(all), problem.action(all), failure);
    }

    /** The endpoint the exporter could not deploy a second time, named by class and path. */
    private static FailureAnalysis externalContainer(Throwable exporterFailure, Throwable refusal, Throwable failure) {
        String endpoint = endpointOf(exporterFailure.getMessage());
        Map<String, String> values = new LinkedHashMap<>();
        values.put("endpoint", endpoint);
        values.put("refusal", refusal.getMessage() == null ? refusal.getClass().getName() : refusal.getMessage());
        SpringStartupProblem problem = SpringStartupProblem.EXPORTER_REFUSED_IN_EXTERNAL_CONTAINER;
        return new FailureAnalysis(problem.description(values), problem.action(values), failure);
    }

    /**
     * "dev.example.Chat at /chat" from the exporter's "Failed to register @ServerEndpoint class: class
     * dev.example.Chat", the path read from the class's annotation; the message as it is otherwise.
     */
    private static String endpointOf(String message) {
        String m = message == null ? "" : message;
        int classAt = m.lastIndexOf("class ");
        if (classAt < 0) {
            return m;
        }
        String className = m.substring(classAt + "class ".length()).trim();
        String path = null;
        try {
            Class<?> type = ClassUtils.forName(className, ClassUtils.getDefaultClassLoader());
            for (java.lang.annotation.Annotation a : type.getAnnotations()) {
                if (a.annotationType().getName().equals("jakarta.websocket.server.ServerEndpoint")) {
                    Method value = a.annotationType().getMethod("value");
                    path = (String) value.invoke(a);
                }
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // The class alone still names it.
        }
        return path == null ? className : className + " at " + path;
    }

    private static boolean thrownBy(Throwable t, String className) {
        for (StackTraceElement frame : t.getStackTrace()) {
            if (frame.getClassName().equals(className)) {
                return true;
            }
        }
        return false;
    }

    /** Whether an external container started the application (a WAR): its initializer is on the failure's stack. */
    private static boolean startedByContainer(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (thrownBy(t, SERVLET_INITIALIZER_CLASS)) {
                return true;
            }
        }
        return false;
    }
}
