package dev.wsguard.startup;

import dev.wsguard.containers.WebSocketImplementation;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.text.Namespace;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Which endpoints a Jakarta WebSocket container deploys from the classes it was handed (Jakarta
 * WebSocket 2.1, section 6.2): without a {@code ServerApplicationConfig}, every public concrete
 * {@code @ServerEndpoint} class; with one or more, exactly what they return, annotated classes
 * and programmatic {@code ServerEndpointConfig}s alike. Types are matched by name, so this works
 * whichever class loader supplied the API (a webapp may even bundle its own copy: WSG12).
 */
final class EndpointScan {

    static final String SERVER_ENDPOINT = Namespace.home("websocket.server.ServerEndpoint");
    static final String ENDPOINT = Namespace.home("websocket.Endpoint");
    static final String SERVER_APPLICATION_CONFIG = Namespace.home("websocket.server.ServerApplicationConfig");

    /**
     * Where each endpoint came from, as the filter reads it back: the source's constant name, not its label, so the
     * initializer (on the deployment's thread) never loads the file of phrases.
     */
    static final String FROM_ANNOTATION = EndpointSource.ANNOTATION_SCAN.name();
    static final String FROM_APPLICATION_CONFIG = EndpointSource.APPLICATION_CONFIG.name();

    /** What the scan found: path template to source, and a status line for the startup summary. */
    static final class Result {
        private final Map<String, String> endpoints;
        private final String status;

        Result(Map<String, String> endpoints, String status) {
            this.endpoints = endpoints;
            this.status = status;
        }

        Map<String, String> endpoints() {
            return endpoints;
        }

        String status() {
            return status;
        }
    }

    private EndpointScan() {
    }

    static Result scan(Set<Class<?>> classes) {
        Set<Class<?>> annotated = new LinkedHashSet<>();
        Set<Class<?>> programmatic = new LinkedHashSet<>();
        List<Class<?>> configs = new ArrayList<>();
        for (Class<?> c : classes) {
            if (!isDeployable(c)) {
                continue;
            }
            if (serverEndpointPath(c) != null) {
                annotated.add(c);
            }
            if (extendsNamed(c, ENDPOINT)) {
                programmatic.add(c);
            }
            // An implementation's own config (some ship one in their server jar) is not the application's.
            if (implementsNamed(c, SERVER_APPLICATION_CONFIG) && WebSocketImplementation.ofClass(c.getName()) == null) {
                configs.add(c);
            }
        }
        Map<String, String> endpoints = new LinkedHashMap<>();
        List<String> problems = new ArrayList<>();
        if (configs.isEmpty()) {
            for (Class<?> c : annotated) {
                endpoints.putIfAbsent(serverEndpointPath(c), FROM_ANNOTATION);
            }
        } else {
            int failed = 0;
            for (Class<?> config : configs) {
                if (!applyConfig(config, annotated, programmatic, endpoints, problems)) {
                    failed++;
                }
            }
            if (failed == configs.size()) {
                // Every config failed: the container will not deploy them either, but the annotated
                // classes are still the best guess of what the application meant to serve.
                for (Class<?> c : annotated) {
                    endpoints.putIfAbsent(serverEndpointPath(c), FROM_ANNOTATION);
                }
            }
        }
        String status = "ran (" + annotated.size() + " annotated, " + programmatic.size() + " programmatic, "
                + configs.size() + " ServerApplicationConfig)";
        if (!problems.isEmpty()) {
            status += "; " + String.join("; ", problems);
        }
        return new Result(endpoints, status);
    }

    /** Adds what one config deploys; false if it failed (its problem is recorded). */
    private static boolean applyConfig(Class<?> configClass, Set<Class<?>> annotated, Set<Class<?>> programmatic,
            Map<String, String> endpoints, List<String> problems) {
        try {
            Object config = configClass.getConstructor().newInstance();
            Method annotatedMethod = configClass.getMethod("getAnnotatedEndpointClasses", Set.class);
            Object chosen = annotatedMethod.invoke(config, new LinkedHashSet<>(annotated));
            if (chosen instanceof Set) {
                for (Object o : (Set<?>) chosen) {
                    String path = o instanceof Class ? serverEndpointPath((Class<?>) o) : null;
                    if (path != null) {
                        endpoints.putIfAbsent(path, FROM_APPLICATION_CONFIG);
                    }
                }
            }
            Method configsMethod = configClass.getMethod("getEndpointConfigs", Set.class);
            Object declared = configsMethod.invoke(config, new LinkedHashSet<>(programmatic));
            if (declared instanceof Set) {
                for (Object endpointConfig : (Set<?>) declared) {
                    Object path = endpointConfig.getClass().getMethod("getPath").invoke(endpointConfig);
                    if (path instanceof String) {
                        endpoints.putIfAbsent((String) path, FROM_APPLICATION_CONFIG);
                    }
                }
            }
            return true;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // The container will meet the same failure; report it and keep what the others gave.
            Throwable cause = e.getCause() != null ? e.getCause() : e;
            problems.add(configClass.getName() + " failed: " + cause);
            return false;
        }
    }

    /** The path of a {@code @ServerEndpoint} annotation on the class, or null. */
    static String serverEndpointPath(Class<?> c) {
        for (Annotation a : c.getAnnotations()) {
            if (a.annotationType().getName().equals(SERVER_ENDPOINT)) {
                try {
                    Object value = a.annotationType().getMethod("value").invoke(a);
                    return value instanceof String ? (String) value : null;
                } catch (ReflectiveOperationException | RuntimeException e) {
                    return null;
                }
            }
        }
        return null;
    }

    /**
     * Whether a container would deploy (or instantiate) the class: containers skip interfaces, abstract and
     * non-public classes among those handed over, whichever of the three kinds they are.
     */
    private static boolean isDeployable(Class<?> c) {
        int modifiers = c.getModifiers();
        return !c.isInterface() && !c.isAnnotation() && !Modifier.isAbstract(modifiers) && Modifier.isPublic(modifiers);
    }

    private static boolean extendsNamed(Class<?> c, String name) {
        for (Class<?> s = c.getSuperclass(); s != null; s = s.getSuperclass()) {
            if (s.getName().equals(name)) {
                return true;
            }
        }
        return false;
    }

    private static boolean implementsNamed(Class<?> c, String name) {
        for (Class<?> k = c; k != null; k = k.getSuperclass()) {
            for (Class<?> i : k.getInterfaces()) {
                if (i.getName().equals(name) || implementsNamed(i, name)) {
                    return true;
                }
            }
        }
        return false;
    }
}
