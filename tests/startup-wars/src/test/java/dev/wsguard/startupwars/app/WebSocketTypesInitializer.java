package dev.wsguard.startupwars.app;

import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import java.util.Set;

/**
 * A library's initializer that only asks for a WebSocket type and does nothing else (no refusal in its
 * constructor, unlike wsguard's): tells Tomcat's own behaviour for an unloadable {@code @HandlesTypes}
 * class apart from anything wsguard's initializer does.
 */
@HandlesTypes(jakarta.websocket.server.ServerEndpoint.class)
public class WebSocketTypesInitializer implements ServletContainerInitializer {

    public static final String RAN_ATTRIBUTE = "dev.wsguard.startupwars.websocket-types-initializer";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.setAttribute(RAN_ATTRIBUTE, Boolean.TRUE);
    }
}
