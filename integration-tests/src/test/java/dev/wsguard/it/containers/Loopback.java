package dev.wsguard.it.containers;

import org.apache.catalina.connector.Connector;
import org.apache.catalina.startup.Tomcat;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** The servers every test starts: listening on 127.0.0.1 only, on a free port. */
public final class Loopback {

    public static final String HOST = "127.0.0.1";

    private Loopback() {
    }

    /** A Jetty server with one loopback connector on port 0 and no graceful drain on stop. */
    public static Server jetty() {
        Server server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(HOST);
        connector.setPort(0);
        server.addConnector(connector);
        // Clients close their sockets before the server stops; do not wait for graceful drains.
        server.setStopTimeout(0);
        return server;
    }

    /** The port a started {@link #jetty()} server listens on. */
    public static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** The port a started {@link #tomcat(String)} listens on (-1 or 0 if it did not bind). */
    public static int port(Tomcat tomcat) {
        return tomcat.getConnector().getLocalPort();
    }

    /** A Tomcat with its base in {@code baseDir}, one loopback connector on port 0, and quiet INFO logs. */
    public static Tomcat tomcat(String baseDir) {
        Tomcat tomcat = new Tomcat();
        tomcat.setBaseDir(baseDir);
        // Keeps Tomcat's INFO lines (start, stop) out of the test output; warnings still show.
        tomcat.setSilent(true);
        Connector connector = new Connector();
        connector.setPort(0);
        connector.setProperty("address", HOST);
        tomcat.setConnector(connector);
        return tomcat;
    }
}
