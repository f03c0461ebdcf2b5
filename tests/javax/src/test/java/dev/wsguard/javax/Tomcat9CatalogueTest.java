package dev.wsguard.javax;

/** The javax jar on Tomcat 9, held to the catalogue's Tomcat 10.1 answers. */
class Tomcat9CatalogueTest extends JavaxCatalogueContract {

    Tomcat9CatalogueTest() {
        super(JavaxContainer.TOMCAT_9);
    }

    @Override
    String javaxWebSocketFix() {
        return "org.apache.tomcat.websocket.server.WsSci in META-INF/services/javax.servlet.ServletContainerInitializer";
    }
}
