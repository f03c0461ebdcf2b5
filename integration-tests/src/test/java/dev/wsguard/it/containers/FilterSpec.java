package dev.wsguard.it.containers;

import jakarta.servlet.Filter;
import java.util.Map;

/**
 * A filter, described once and registered the same way on every container: one URL pattern, dispatcher
 * REQUEST, async supported, declared in the order given.
 */
public record FilterSpec(String name, Class<? extends Filter> type, Map<String, String> initParams, String urlPattern) {

    public FilterSpec {
        initParams = Map.copyOf(initParams);
    }
}
