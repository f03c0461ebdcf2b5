package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.util.List;

/**
 * A real server the tests started as its users start it: where it listens, the log its users read, and what the
 * scenario catalogue expects of it. Every distribution (Jetty, Tomcat, WildFly, Payara) is one; {@link CatalogueReplay}
 * needs nothing else.
 */
interface RunningServer extends AutoCloseable {

    /** The set-up's name, for messages and the scratch directory under target/distribution. */
    String name();

    /** The distribution and its exact version, as the compatibility document shows it ({@code Tomcat 11.0.24}). */
    String distribution();

    /** The port it listens on, on 127.0.0.1. */
    int port();

    /** Its users' log, followed as it grows. */
    ServerLog log();

    /**
     * The container whose answers the catalogue's expectations give for this server: the embedded build of the same
     * server (Tomcat for Tomcat, Undertow for WildFly, GlassFish for Payara).
     */
    ContainerKind expectations();

    /** The name its default servlet has in every webapp: what answers where the webapp maps nothing at "/". */
    default String defaultServletName() {
        return "default";
    }

    /**
     * Redeploys the webapp at {@code context} as its users do (a replaced WAR, a touched descriptor, the server's
     * CLI) and returns once the server says it is deployed again.
     */
    default void redeploy(String context) throws Exception {
        throw new UnsupportedOperationException(name() + ": no redeploy for " + distribution());
    }

    /**
     * The lines of its log that report something a stopped webapp left behind (a thread, a ThreadLocal, a timer):
     * wsguard must leave none after a redeploy. Empty where the server reports no such thing.
     */
    default List<String> leakWarnings() {
        return List.of();
    }
}
