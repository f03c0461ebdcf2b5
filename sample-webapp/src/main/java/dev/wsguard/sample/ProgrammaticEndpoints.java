package dev.wsguard.sample;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

/**
 * Deploys {@link TickerEndpoint} through {@code ServerContainer.addEndpoint}, as applications do
 * that build their endpoints in code. The container publishes its {@code ServerContainer} as a
 * context attribute before listeners run; endpoints can be added only until the context has started.
 *
 * <p>This class names no {@code jakarta.websocket} type, so the WAR still deploys on a container
 * without WebSocket support (where wsguard then reports WSG10): the API is touched only once the
 * container has published its {@code ServerContainer}.
 */
public class ProgrammaticEndpoints implements ServletContextListener {

    /** The attribute name fixed by the Jakarta WebSocket specification (section 6.4). */
    static final String SERVER_CONTAINER_ATTRIBUTE = "jakarta.websocket.server.ServerContainer";

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Object container = context.getAttribute(SERVER_CONTAINER_ATTRIBUTE);
        if (container == null) {
            // wsguard reports the missing WebSocket support itself (WSG10); the rest of the sample still works.
            SampleLog.LOG.warning("wsguard sample: no " + SERVER_CONTAINER_ATTRIBUTE + " in context '" + context.getContextPath()
                    + "', so " + TickerEndpoint.PATH + " is not deployed");
            return;
        }
        TickerEndpoint.deployTo(container);
    }
}
