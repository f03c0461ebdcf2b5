package dev.wsguard.containers;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * Asks the container which endpoints it actually mapped, through reflection only (container
 * classes are hidden from webapps, and wsguard has no compile-time tie to any of them): Jetty 12's
 * {@code WebSocketMappings}, Tomcat's {@code WsServerContainer}, Undertow's
 * {@code ServerWebSocketContainer}. Programmatic endpoints, which no annotation scan can see, show
 * up here. Every probe that fails returns nothing, quietly: the other sources still count.
 */
public final class ContainerEndpoints {

    /** The ServletContext attribute where Jetty 12 keeps its mappings. */
    public static final String JETTY_MAPPINGS_ATTRIBUTE = "org.eclipse.jetty.websocket.core.server.WebSocketMappings";

    private static final int MAX_LISTED = 10_000;

    private ContainerEndpoints() {
    }

    /**
     * The endpoint path templates the container has mapped, or null when it cannot say (no probe
     * fits this container, or its internals differ from what the probe knows).
     *
     * @param serverContainer the context's {@code jakarta.websocket.server.ServerContainer}, or null
     * @param jettyMappings   the value of {@link #JETTY_MAPPINGS_ATTRIBUTE}, or null
     */
    public static List<String> list(Object serverContainer, Object jettyMappings) {
        List<String> paths = new ArrayList<>();
        try {
            if (jettyMappings != null && jetty(jettyMappings, paths)) {
                return paths;
            }
            if (serverContainer != null && (tomcat(serverContainer, paths) || undertow(serverContainer, paths))) {
                return paths;
            }
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            // A container version whose internals differ: fall back to the other sources.
            return null;
        }
        return null;
    }

    /**
     * The container's own answer to "which endpoint serves this path?", as the endpoint's path
     * template: Jetty's {@code PathMappings.getMatched}, else Tomcat's
     * {@code WsServerContainer.findMapping}. Null when unmapped or when the container cannot be asked.
     */
    public static String findMapping(Object serverContainer, Object jettyMappings, String path) {
        if (path == null) {
            return null;
        }
        if (jettyMappings != null) {
            try {
                Object pathMappings = field(jettyMappings, "mappings");
                Method matched = pathMappings == null ? null
                        : publicMethod(pathMappings.getClass(), "getMatched", String.class);
                if (matched != null) {
                    Object resource = matched.invoke(pathMappings, path);
                    Object spec = resource == null ? null : call(resource, "getPathSpec");
                    Object declaration = spec == null ? null : call(spec, "getDeclaration");
                    return declaration instanceof String ? (String) declaration : null;
                }
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                // Fall through to the ServerContainer.
            }
        }
        return findMapping(serverContainer, path);
    }

    /** Tomcat's {@code WsServerContainer.findMapping}, as the endpoint's template, or null. */
    public static String findMapping(Object serverContainer, String path) {
        if (serverContainer == null || path == null) {
            return null;
        }
        try {
            Method find = publicMethod(serverContainer.getClass(), "findMapping", String.class);
            if (find == null) {
                return null;
            }
            Object result = find.invoke(serverContainer, path);
            if (result == null) {
                return null;
            }
            Object config = endpointConfig(result);
            Object template = config == null ? null : call(config, "getPath");
            return template instanceof String ? (String) template : null;
        } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
            return null;
        }
    }

    /** Jetty: WebSocketMappings.mappings is a PathMappings, a Map whose keys are PathSpecs. */
    private static boolean jetty(Object mappings, List<String> paths) throws ReflectiveOperationException {
        Object pathMappings = field(mappings, "mappings");
        if (!(pathMappings instanceof Map)) {
            return false;
        }
        for (Object spec : ((Map<?, ?>) pathMappings).keySet()) {
            Object declaration = call(spec, "getDeclaration");
            add(paths, declaration);
        }
        return true;
    }

    /** Tomcat: exact paths are map keys; template matches carry their ServerEndpointConfig. */
    private static boolean tomcat(Object container, List<String> paths) throws ReflectiveOperationException {
        Object exact = field(container, "configExactMatchMap");
        Object templates = field(container, "configTemplateMatchMap");
        if (!(exact instanceof Map) || !(templates instanceof Map)) {
            return false;
        }
        if (exact instanceof Map) {
            for (Object key : ((Map<?, ?>) exact).keySet()) {
                add(paths, key);
            }
        }
        for (Object bySegments : ((Map<?, ?>) templates).values()) {
            if (bySegments instanceof Map) {
                for (Object match : ((Map<?, ?>) bySegments).values()) {
                    Object config = endpointConfig(match);
                    add(paths, config == null ? null : call(config, "getPath"));
                }
            }
        }
        return true;
    }

    /**
     * The ServerEndpointConfig that a Tomcat WsMappingResult or TemplatePathMatch holds. Tomcat 11 made both
     * records (accessor {@code config()}); Tomcat 10.1 has plain classes with {@code getConfig()}.
     */
    static Object endpointConfig(Object match) throws ReflectiveOperationException {
        if (match == null) {
            return null;
        }
        Object config = call(match, "config");
        return config != null ? config : call(match, "getConfig");
    }

    /** Undertow: getConfiguredServerEndpoints() yields ConfiguredServerEndpoints with their config. */
    private static boolean undertow(Object container, List<String> paths) throws ReflectiveOperationException {
        Method m = publicMethod(container.getClass(), "getConfiguredServerEndpoints");
        if (m == null) {
            return false;
        }
        Object endpoints = m.invoke(container);
        if (!(endpoints instanceof Iterable)) {
            return false;
        }
        for (Object e : (Iterable<?>) endpoints) {
            Object config = call(e, "getEndpointConfiguration");
            add(paths, config == null ? null : call(config, "getPath"));
        }
        return true;
    }

    private static void add(List<String> paths, Object path) {
        if (path instanceof String && ((String) path).startsWith("/") && paths.size() < MAX_LISTED
                && !paths.contains(path)) {
            paths.add((String) path);
        }
    }

    /** Reads a declared field anywhere up the class hierarchy; null when it does not exist. */
    private static Object field(Object target, String name) throws IllegalAccessException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (f.getName().equals(name) && !Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    return f.get(target);
                }
            }
        }
        return null;
    }

    /** Calls a no-argument method through a public declaring type, so non-public classes work. */
    private static Object call(Object target, String name) throws ReflectiveOperationException {
        if (target == null) {
            return null;
        }
        Method m = publicMethod(target.getClass(), name);
        if (m != null) {
            return m.invoke(target);
        }
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            for (Method declared : c.getDeclaredMethods()) {
                if (declared.getName().equals(name) && declared.getParameterCount() == 0) {
                    declared.setAccessible(true);
                    return declared.invoke(target);
                }
            }
        }
        return null;
    }

    /** A public method reachable through a public class or interface of the target's type. */
    private static Method publicMethod(Class<?> type, String name, Class<?>... parameters) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            Method m = publicIn(c, name, parameters);
            if (m != null) {
                return m;
            }
            for (Class<?> i : allInterfaces(c)) {
                m = publicIn(i, name, parameters);
                if (m != null) {
                    return m;
                }
            }
        }
        return null;
    }

    private static Method publicIn(Class<?> c, String name, Class<?>... parameters) {
        if (!Modifier.isPublic(c.getModifiers())) {
            return null;
        }
        try {
            return c.getMethod(name, parameters);
        } catch (NoSuchMethodException e) {
            return null;
        }
    }

    private static Collection<Class<?>> allInterfaces(Class<?> c) {
        List<Class<?>> all = new ArrayList<>();
        for (Class<?> i : c.getInterfaces()) {
            all.add(i);
            all.addAll(allInterfaces(i));
        }
        return all;
    }
}
