package dev.wsguard.testkit.servlet;

import jakarta.servlet.ServletContext;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * A {@code ServletContext} as a container hands it to a filter's {@code init}: a context path, the server's
 * info, context-params, working attributes, a log that remembers its lines, and the webapp's resources as a
 * test describes them (none by default). Everything else answers nothing ({@link Inert}).
 */
public final class ServletContextDouble {

    private final String contextPath;
    private final Map<String, String> initParameters = new ConcurrentHashMap<>();
    private final Map<String, Object> attributes = new ConcurrentHashMap<>();
    private final List<String> logged = new CopyOnWriteArrayList<>();
    private volatile String serverInfo = "Apache Tomcat/11.0.27";
    private volatile ClassLoader classLoader;
    private volatile Function<String, Set<String>> resourcePaths = directory -> null;
    private final ServletContext context;

    /** A context at {@code contextPath} ({@code ""} for ROOT) on Tomcat 11, with nothing in it. */
    public ServletContextDouble(String contextPath) {
        this.contextPath = contextPath;
        this.context = (ServletContext) Proxy.newProxyInstance(ServletContextDouble.class.getClassLoader(),
                new Class<?>[] {ServletContext.class}, (proxy, method, args) -> answer(proxy, method, args));
    }

    /** The context itself, the same object on every call. */
    public ServletContext context() {
        return context;
    }

    public ServletContextDouble serverInfo(String info) {
        this.serverInfo = info;
        return this;
    }

    /** A context-param. */
    public ServletContextDouble initParameter(String name, String value) {
        initParameters.put(name, value);
        return this;
    }

    /** An attribute as the container (or its WebSocket implementation) sets it before the filter starts. */
    public ServletContextDouble attribute(String name, Object value) {
        context.setAttribute(name, value);
        return this;
    }

    /** The webapp's class loader; without one, {@code getClassLoader()} answers null. */
    public ServletContextDouble classLoader(ClassLoader loader) {
        this.classLoader = loader;
        return this;
    }

    /** What {@code getResourcePaths} answers for a directory (a test may make it wait, or fail). */
    public ServletContextDouble resourcePaths(Function<String, Set<String>> lister) {
        this.resourcePaths = lister;
        return this;
    }

    /** The lines written to {@code ServletContext.log}, in order. */
    public List<String> logged() {
        return List.copyOf(logged);
    }

    private Object answer(Object proxy, Method method, Object[] args) {
        switch (method.getName()) {
            case "getContextPath":
                return contextPath;
            case "getServerInfo":
                return serverInfo;
            case "getClassLoader":
                return classLoader;
            case "getInitParameter":
                return initParameters.get((String) args[0]);
            case "getInitParameterNames":
                return Collections.enumeration(new ArrayList<>(initParameters.keySet()));
            case "getAttribute":
                return attributes.get((String) args[0]);
            case "getAttributeNames":
                return Collections.enumeration(new ArrayList<>(attributes.keySet()));
            case "setAttribute":
                if (args[1] == null) {
                    attributes.remove((String) args[0]);
                } else {
                    attributes.put((String) args[0], args[1]);
                }
                return null;
            case "removeAttribute":
                attributes.remove((String) args[0]);
                return null;
            case "getResourcePaths":
                return resourcePaths.apply((String) args[0]);
            case "log":
                if (args.length == 1) {
                    logged.add((String) args[0]);
                    return null;
                }
                return Inert.answer(proxy, method, args, toString());
            default:
                return Inert.answer(proxy, method, args, toString());
        }
    }

    @Override
    public String toString() {
        return "context " + (contextPath.isEmpty() ? "ROOT" : contextPath) + " (" + serverInfo + ")";
    }
}
