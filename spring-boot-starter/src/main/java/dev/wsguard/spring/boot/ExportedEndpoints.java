package dev.wsguard.spring.boot;

import dev.wsguard.FrameworkEndpoint;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;
import java.lang.reflect.Field;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.context.ApplicationContext;
import org.springframework.core.annotation.AnnotationUtils;
import org.springframework.web.socket.server.standard.ServerEndpointExporter;

/**
 * The endpoints a {@code ServerEndpointExporter} deploys into the container's own {@code ServerContainer}, as its
 * {@code registerEndpoints} finds them: the classes given to {@code setAnnotatedEndpointClasses}, the beans annotated
 * {@code @ServerEndpoint}, and the {@code ServerEndpointConfig} beans. The exporter deploys them after the filter's
 * {@code init}, so the container's mappings that wsguard read then did not hold them yet. Their paths are the
 * container's, context-relative, outside the {@code DispatcherServlet}. Loaded only where spring-websocket and the
 * WebSocket API are on the class path.
 */
final class ExportedEndpoints {

    static final String EXPORTER_CLASS = "org.springframework.web.socket.server.standard.ServerEndpointExporter";
    static final String SERVER_ENDPOINT_CLASS = "jakarta.websocket.server.ServerEndpoint";

    private ExportedEndpoints() {
    }

    /** Adds what the application's exporters deploy; nothing where it has no exporter. */
    static void discover(ApplicationContext context, List<FrameworkEndpoint> found) {
        for (String path : annotatedClasses(context).values()) {
            SpringEndpoints.add(found, path, SpringEndpoints.EXPORTER, false);
        }
        if (context.getBeansOfType(ServerEndpointExporter.class, false, true).isEmpty()) {
            return;
        }
        for (ServerEndpointConfig config : context.getBeansOfType(ServerEndpointConfig.class, false, true).values()) {
            SpringEndpoints.add(found, config.getPath(), SpringEndpoints.EXPORTER, false);
        }
    }

    /**
     * The {@code @ServerEndpoint} classes the application's exporters deploy, each with its path, in the exporter's
     * order; empty where it has no exporter.
     */
    static Map<Class<?>, String> annotatedClasses(ApplicationContext context) {
        Map<String, ServerEndpointExporter> exporters = context.getBeansOfType(ServerEndpointExporter.class, false,
                true);
        Map<Class<?>, String> paths = new LinkedHashMap<>();
        if (exporters.isEmpty()) {
            return paths;
        }
        Set<Class<?>> classes = new LinkedHashSet<>();
        for (ServerEndpointExporter exporter : exporters.values()) {
            classes.addAll(annotatedEndpointClasses(exporter));
        }
        for (String name : context.getBeanNamesForAnnotation(ServerEndpoint.class)) {
            Class<?> type = context.getType(name);
            if (type != null) {
                classes.add(type);
            }
        }
        for (Class<?> type : classes) {
            ServerEndpoint annotation = AnnotationUtils.findAnnotation(type, ServerEndpoint.class);
            if (annotation != null) {
                paths.put(type, annotation.value());
            }
        }
        return paths;
    }

    /** What was given to {@code setAnnotatedEndpointClasses}: the exporter keeps it in a field without a getter. */
    private static Collection<Class<?>> annotatedEndpointClasses(ServerEndpointExporter exporter) {
        try {
            Field field = ServerEndpointExporter.class.getDeclaredField("annotatedEndpointClasses");
            field.setAccessible(true);
            Object value = field.get(exporter);
            Set<Class<?>> classes = new LinkedHashSet<>();
            if (value instanceof Collection) {
                for (Object c : (Collection<?>) value) {
                    if (c instanceof Class) {
                        classes.add((Class<?>) c);
                    }
                }
            }
            return classes;
        } catch (ReflectiveOperationException | RuntimeException e) {
            // Another Spring version keeps them elsewhere: the annotated beans and the configs are still found.
            return Set.of();
        }
    }
}
