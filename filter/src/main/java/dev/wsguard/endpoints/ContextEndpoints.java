package dev.wsguard.endpoints;

import java.util.Collections;
import java.util.List;

/** The endpoints another deployed context has, as far as wsguard there knows them. */
public final class ContextEndpoints {

    private final String contextPath;
    private final List<EndpointTemplate> templates;

    public ContextEndpoints(String contextPath, List<EndpointTemplate> templates) {
        this.contextPath = contextPath == null ? "" : contextPath;
        this.templates = Collections.unmodifiableList(templates);
    }

    /** {@code ""} for the root context. */
    public String contextPath() {
        return contextPath;
    }

    public List<EndpointTemplate> templates() {
        return templates;
    }
}
