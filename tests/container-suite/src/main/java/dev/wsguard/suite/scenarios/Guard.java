package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import java.util.LinkedHashMap;
import java.util.Map;

/** How the suite deploys wsguard: first filter, {@code /*}, REQUEST, async supported, params from the test. */
public final class Guard {

    public static final String FILTER_NAME = "wsguard";

    /** By name: the GlassFish module's class path holds no wsguard (its sample WAR bundles one). */
    public static final String FILTER_CLASS = "dev.wsguard.WebSocketGuardFilter";

    private Guard() {
    }

    /** The app with wsguard in front, told the app's endpoints, in this mode, plus any extra params. */
    public static Deployment deployment(AppSetup app, GuardMode mode, Map<String, String> extraParams) {
        Map<String, String> params = new LinkedHashMap<>();
        // Embedded contexts run no initializer from jars, so wsguard's annotation scan does not run here:
        // the endpoints are named (a shared WAR deployment keeps its own declaration instead).
        params.put("endpoints", app.endpointPathsParam());
        params.put("mode", mode.paramValue());
        params.putAll(extraParams);
        return Deployment.of(app, new FilterSpec(FILTER_NAME, FILTER_CLASS, params, "/*"));
    }

    public static Deployment deployment(AppSetup app, GuardMode mode) {
        return deployment(app, mode, Map.of());
    }

    /** wsguard in this mode told nothing about endpoints: whatever it knows, it learned from the container. */
    public static Deployment withoutEndpointsParam(AppSetup app, GuardMode mode) {
        return Deployment.of(app, new FilterSpec(FILTER_NAME, FILTER_CLASS, Map.of("mode", mode.paramValue()), "/*"));
    }
}
