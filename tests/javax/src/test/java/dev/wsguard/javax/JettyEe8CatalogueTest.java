package dev.wsguard.javax;

/**
 * The javax jar on Jetty 12's ee8 environment, held to the catalogue's answers for the same Jetty line's ee10: Jetty
 * 12.0 ee8 in tests/javax, Jetty 12.1 ee8 in tests/javax-jetty-12.1, which runs this class from tests/javax's test
 * jar. Which one the class path holds, its pom says ({@link JavaxContainer#jettyEe8()}).
 */
class JettyEe8CatalogueTest extends JavaxCatalogueContract {

    JettyEe8CatalogueTest() {
        super(JavaxContainer.jettyEe8());
    }

    @Override
    String javaxWebSocketFix() {
        return "enable the Jetty module ee8-websocket-javax (java -jar $JETTY_HOME/start.jar"
                + " --add-modules=ee8-websocket-javax), or in embedded code call"
                + " org.eclipse.jetty.ee8.websocket.javax.server.config.JavaxWebSocketServletContainerInitializer"
                + ".configure(context, ...)";
    }
}
