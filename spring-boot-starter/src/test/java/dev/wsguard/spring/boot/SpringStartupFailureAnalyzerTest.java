package dev.wsguard.spring.boot;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpoint;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Which failures the analyzer takes, read from the causes and their stack frames as Spring and Boot throw them. The
 * failures a child JVM or a WAR really produces are in tests/spring-boot ({@code StarterWithoutContainerWebSocketTest},
 * {@code StarterWarWithExporterTest}); here the refusal by an external container, which neither Tomcat nor Jetty
 * produces for the exporter's second deployment of the same class, and failures that are none of its business.
 */
class SpringStartupFailureAnalyzerTest {

    private static final StackTraceElement EXPORTER_FRAME = new StackTraceElement(
            SpringStartupFailureAnalyzer.EXPORTER_CLASS, "registerEndpoint", "ServerEndpointExporter.java", 156);
    private static final StackTraceElement SERVLET_INITIALIZER_FRAME = new StackTraceElement(
            SpringStartupFailureAnalyzer.SERVLET_INITIALIZER_CLASS, "onStartup", "SpringBootServletInitializer.java",
            103);

    private final SpringStartupFailureAnalyzer analyzer = new SpringStartupFailureAnalyzer();

    /** An endpoint a WAR might hold. */
    @ServerEndpoint("/chat/{room}")
    static final class Chat {
    }

    @Test
    void anEndpointTheExternalContainerRefusesIsNamedWithItsPathAndTheRefusal() {
        DeploymentException refusal = new DeploymentException(
                "Multiple Endpoints may not be deployed to the same path [/chat/{room}]");
        IllegalStateException exporter = new IllegalStateException(
                "Failed to register @ServerEndpoint class: " + Chat.class, refusal);
        exporter.setStackTrace(new StackTraceElement[] {EXPORTER_FRAME, SERVLET_INITIALIZER_FRAME});
        BeanCreationException failure = new BeanCreationException("serverEndpointExporter", "failed", exporter);
        failure.setStackTrace(new StackTraceElement[] {SERVLET_INITIALIZER_FRAME});

        FailureAnalysis analysis = analyzer.analyze(failure);

        assertNotNull(analysis);
        assertTrue(analysis.getDescription().startsWith("The ServerEndpointExporter could not deploy "
                + Chat.class.getName() + " at /chat/{room} in the external container that runs this WAR (Multiple"
                + " Endpoints may not be deployed to the same path [/chat/{room}])."), analysis.getDescription());
        assertTrue(analysis.getAction().contains("@ConditionalOnNotWarDeployment"), analysis.getAction());
        assertSame(failure, analysis.getCause());
    }

    @Test
    void theSameRefusalOnTheEmbeddedServerIsLeftToBoot() {
        // Not started by an external container: no servlet initializer on the stack.
        IllegalStateException exporter = new IllegalStateException(
                "Failed to register @ServerEndpoint class: " + Chat.class, new DeploymentException("duplicate"));
        exporter.setStackTrace(new StackTraceElement[] {EXPORTER_FRAME});

        assertNull(analyzer.analyze(new BeanCreationException("serverEndpointExporter", "failed", exporter)));
    }

    @Test
    void aMissingClassOutsideTheWebSocketApiAndAnIllegalStateElsewhereAreLeftToBoot() {
        assertNull(analyzer.analyze(new BeanCreationException("x", "failed",
                new NoClassDefFoundError("com/example/Missing"))));
        assertNull(analyzer.analyze(new IllegalStateException("jakarta.websocket.server.ServerContainer not"
                + " available")), "not thrown by the exporter");
    }
}
