package dev.wsguard.javax;

/** The javax jar on Jetty 12.0's ee8 environment, held to the catalogue's Jetty 12.0 (ee10) answers. */
class JettyEe8CatalogueTest extends JavaxCatalogueContract {

    JettyEe8CatalogueTest() {
        super(JavaxContainer.JETTY_12_0_EE8);
    }

    @Override
    String javaxWebSocketFix() {
        return "enable the Jetty module ee8-websocket-javax (java -jar $JETTY_HOME/start.jar"
                + " --add-modules=ee8-websocket-javax), or in embedded code call"
                + " org.eclipse.jetty.ee8.websocket.javax.server.config.JavaxWebSocketServletContainerInitializer"
                + ".configure(context, ...)";
    }
}
