package dev.wsguard.testkit.server;

import jakarta.servlet.Filter;
import java.util.Map;

/**
 * A filter, described once and registered the same way on every container: one URL pattern, dispatcher
 * REQUEST, async supported, declared in the order given. The class is named, not referenced, so that a
 * module whose test class path must not hold the filter (GlassFish deploys WARs that bundle their own
 * wsguard) can still describe it.
 */
public record FilterSpec(String name, String className, Map<String, String> initParams, String urlPattern) {

    public FilterSpec {
        initParams = Map.copyOf(initParams);
    }

    public FilterSpec(String name, Class<? extends Filter> type, Map<String, String> initParams, String urlPattern) {
        this(name, type.getName(), initParams, urlPattern);
    }

    /** The filter class, loaded through the loader that loaded the suite (the module's test class path). */
    public Class<? extends Filter> loadClass() {
        try {
            return Class.forName(className, false, FilterSpec.class.getClassLoader()).asSubclass(Filter.class);
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("filter class " + className + " is not on this module's test class path", e);
        }
    }
}
