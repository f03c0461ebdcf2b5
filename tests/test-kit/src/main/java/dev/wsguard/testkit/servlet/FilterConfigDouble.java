package dev.wsguard.testkit.servlet;

import jakarta.servlet.FilterConfig;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.Map;

/** A filter's {@code FilterConfig}: its init-params, in order, and its context. */
public final class FilterConfigDouble implements FilterConfig {

    private final ServletContext context;
    private final Map<String, String> initParameters;

    public FilterConfigDouble(ServletContext context, Map<String, String> initParameters) {
        this.context = context;
        this.initParameters = new LinkedHashMap<>(initParameters);
    }

    /** Init-params given as name, value, name, value... */
    public static FilterConfigDouble of(ServletContext context, String... nameValuePairs) {
        Map<String, String> params = new LinkedHashMap<>();
        for (int i = 0; i + 1 < nameValuePairs.length; i += 2) {
            params.put(nameValuePairs[i], nameValuePairs[i + 1]);
        }
        return new FilterConfigDouble(context, params);
    }

    @Override
    public String getFilterName() {
        return "wsguard";
    }

    @Override
    public ServletContext getServletContext() {
        return context;
    }

    @Override
    public String getInitParameter(String name) {
        return initParameters.get(name);
    }

    @Override
    public Enumeration<String> getInitParameterNames() {
        return Collections.enumeration(new ArrayList<>(initParameters.keySet()));
    }
}
