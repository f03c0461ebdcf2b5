package dev.wsguard.testkit.server;

/**
 * One servlet container the suite runs on. {@link #start} gives a server bound to 127.0.0.1 on an
 * ephemeral port, with the deployment's app at {@link RunningServer#contextPath()}; it throws if the app does
 * not come up (a filter whose {@code init} fails, say), so that a broken deployment is never mistaken for a
 * container answer.
 *
 * <p>Most implementations build a fresh server per call and keep nothing between calls. One that is too
 * heavy for that (GlassFish) keeps one server for the whole run, deploys each distinct deployment once at
 * its own context path, and stops everything in {@link #close()}.
 */
public interface ContainerUnderTest extends AutoCloseable {

    RunningServer start(Deployment deployment) throws Exception;

    /** The version of the container classes actually loaded ({@code 12.0.30}, {@code 11.0.27}...). */
    String version();

    /** Versions of what comes with the container that matter here (GlassFish's Tyrus), or empty. */
    default String details() {
        return "";
    }

    /** Whether this container can run the app setup at all (every adapter today runs every setup). */
    default boolean supports(AppSetup setup) {
        return true;
    }

    /**
     * Whether this container can apply these settings to one deployment. A server shared between deployments
     * (GlassFish) cannot: its request-head limit and URI rules belong to its HTTP listener.
     */
    default boolean supports(ContainerSettings settings) {
        return true;
    }

    /** Stops whatever outlives one {@link #start} call; never throws. */
    @Override
    default void close() {
    }
}
