package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.RunningServer;
import java.nio.file.Path;
import java.util.function.Predicate;

/**
 * Deploys exploded WARs the way one container deploys them ({@link WarContainer} for Jetty 12 and Tomcat; the
 * GlassFish module has its own). What a check needs that a container cannot do (switch its WebSocket support off,
 * run without some jars) throws {@link UnsupportedOperationException}; the checks' data says where that is so.
 */
public interface WarDeployer extends AutoCloseable {

    /**
     * The WARs deployed and serving on 127.0.0.1; throws if one does not come up. Where
     * {@link RunningServer#contextPath()} differs from the first app's own context path (a deployer that shares one
     * server between WARs), requests written for that path go there instead.
     */
    RunningServer start(WarContainer.WebSocket webSocket, WebApp... apps) throws Exception;

    /**
     * As {@link #start}, in a class loader of its own made of the test class path less every jar that
     * {@code excluded} accepts ({@link IsolatedServers}).
     */
    default RunningServer startWithout(Predicate<Path> excluded, WarContainer.WebSocket webSocket, WebApp... apps)
            throws Exception {
        throw new UnsupportedOperationException(this + " cannot start without some of its own jars");
    }

    /** Stops whatever outlives one {@link #start} call; never throws. */
    @Override
    default void close() {
    }
}
