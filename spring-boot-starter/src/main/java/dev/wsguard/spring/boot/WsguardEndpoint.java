package dev.wsguard.spring.boot;

import dev.wsguard.GuardSnapshot;
import dev.wsguard.WebSocketGuardFilter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * {@code /actuator/wsguard}: what the registered filter knows and counted (its {@link GuardSnapshot}): the mode, the
 * context, the endpoints known with where wsguard learned of each, the incidents per code, the upgrade attempts,
 * and the last incident lines logged in full (at most 20, sanitized as the log's). Read-only.
 */
@Endpoint(id = WsguardEndpoint.ID)
public class WsguardEndpoint {

    /** The endpoint's id, and its path under the actuator's base path. */
    public static final String ID = "wsguard";

    private final WebSocketGuardFilter filter;

    public WsguardEndpoint(WebSocketGuardFilter filter) {
        this.filter = filter;
    }

    /** The snapshot as JSON-ready maps and lists; {@code "started": false} before the filter's init. */
    @ReadOperation
    public Map<String, Object> wsguard() {
        Map<String, Object> view = new LinkedHashMap<>();
        GuardSnapshot s = filter.snapshot();
        view.put("started", s != null);
        if (s == null) {
            return view;
        }
        view.put("mode", s.mode());
        view.put("context", s.context());
        List<Map<String, String>> endpoints = new ArrayList<>();
        for (Map.Entry<String, String> e : s.endpoints().entrySet()) {
            Map<String, String> endpoint = new LinkedHashMap<>();
            endpoint.put("path", e.getKey());
            endpoint.put("source", e.getValue());
            endpoints.add(endpoint);
        }
        view.put("endpoints", endpoints);
        view.put("incidents", s.incidents());
        Map<String, Long> upgrades = new LinkedHashMap<>();
        upgrades.put("requests", s.upgradeRequests());
        upgrades.put("accepted", s.upgradesCompleted());
        view.put("upgrades", upgrades);
        view.put("lastIncidents", s.lastIncidents());
        return view;
    }
}
