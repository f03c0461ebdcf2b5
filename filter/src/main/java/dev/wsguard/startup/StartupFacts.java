package dev.wsguard.startup;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.containers.WebSocketImplementation;
import dev.wsguard.diagnosis.Deployment;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Everything the startup checks learned about one context, gathered from the ServletContext by
 * {@link StartupInspector} (or built by hand in tests). {@link StartupReport} turns it into lines.
 */
public final class StartupFacts {

    final GuardConfig config;
    final Deployment deployment;
    final String serverInfo;
    final String version;
    String jakartaContainer;
    String javaxContainer;
    Map<WebSocketImplementation, String> registrations = new LinkedHashMap<>();
    WebappScanner.Findings webapp = new WebappScanner.Findings();
    List<String> jakartaApiCopies = Collections.emptyList();
    List<String> javaxApiCopies = Collections.emptyList();
    String scanStatus;
    long nanos;

    StartupFacts(GuardConfig config, Deployment deployment, String serverInfo, String version) {
        this.config = config;
        this.deployment = deployment;
        this.serverInfo = serverInfo;
        this.version = version;
    }

    public Deployment deployment() {
        return deployment;
    }
}
