package dev.wsguard.startupwars.app;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A {@link ServerApplicationConfig} that deploys only {@link EchoEndpoint} of the annotated endpoints the
 * container scanned, and no scanned programmatic endpoint: {@code /chat/{room}} stays undeployed, so a
 * scanner that ignores this filtering would report an endpoint that does not exist.
 */
public class EchoOnlyApplicationConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of();
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> kept = new LinkedHashSet<>();
        for (Class<?> type : scanned) {
            // By name: the container hands over classes of the webapp's own loader.
            if (type.getName().equals(EchoEndpoint.class.getName())) {
                kept.add(type);
            }
        }
        return kept;
    }
}
