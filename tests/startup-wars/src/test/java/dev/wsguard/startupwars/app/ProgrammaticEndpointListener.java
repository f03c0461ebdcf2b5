package dev.wsguard.startupwars.app;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/** Deploys {@link ProgrammaticEndpoint} at {@value ProgrammaticEndpoint#PATH} the programmatic way. */
public class ProgrammaticEndpointListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Object container = event.getServletContext().getAttribute(ServerContainer.class.getName());
        if (!(container instanceof ServerContainer)) {
            throw new IllegalStateException("no " + ServerContainer.class.getName() + " in context "
                    + event.getServletContext().getContextPath() + " (got " + container + ")");
        }
        try {
            ((ServerContainer) container).addEndpoint(
                    ServerEndpointConfig.Builder.create(ProgrammaticEndpoint.class, ProgrammaticEndpoint.PATH).build());
        } catch (DeploymentException e) {
            throw new IllegalStateException("could not deploy " + ProgrammaticEndpoint.PATH, e);
        }
    }
}
