package dev.wsguard.it.scenarios;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.it.containers.AppSetup;
import dev.wsguard.it.containers.Deployment;
import dev.wsguard.it.containers.FilterSpec;
import jakarta.servlet.Filter;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the suite deploys wsguard: first filter, {@code /*}, REQUEST, async supported, params from the test. */
public final class Guard {

    public static final String FILTER_NAME = "wsguard";

    private Guard() {
    }

    /** The app with wsguard in front, told the app's endpoints, in this mode, plus any extra params. */
    public static Deployment deployment(AppSetup app, GuardMode mode, Map<String, String> extraParams) {
        Map<String, String> params = new LinkedHashMap<>();
        // Endpoint scanning is a later feature: the endpoints are always named explicitly.
        params.put("endpoints", app.endpointPathsParam());
        params.put("mode", mode.paramValue());
        params.putAll(extraParams);
        return Deployment.of(app, new FilterSpec(FILTER_NAME, filterClass(), params, "/*"));
    }

    public static Deployment deployment(AppSetup app, GuardMode mode) {
        return deployment(app, mode, Map.of());
    }

    static Class<? extends Filter> filterClass() {
        return WebSocketGuardFilter.class;
    }
}
