package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.EndpointRegistry;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

class StartupReportTest {

    private static List<StartupLine> lines(Map<String, String> params, String serverInfo, String container)
            throws Exception {
        GuardConfig c = GuardConfig.parse(params, Map.of());
        Deployment d = new Deployment("/app", ContainerProfile.fromServerInfo(serverInfo),
                EndpointRegistry.of(c.endpoints()), c.mode());
        return StartupReport.lines(c, d, serverInfo, container, null, "1.0.0");
    }

    @Test
    void summaryOnlyWhenAllIsWell() throws Exception {
        List<StartupLine> lines = lines(Map.of("endpoints", "/echo"), "jetty/12.1.14", "org.x.ServerContainerImpl");
        assertEquals(1, lines.size());
        assertEquals(Level.INFO, lines.get(0).level());
        assertEquals("WSG00 wsguard 1.0.0 guards context /app (jetty/12.1.14): mode=log, plain-requests=log,"
                + " buffer-limit=65536, log-window=60s; WebSocket container: org.x.ServerContainerImpl (jakarta);"
                + " endpoints known: 1 (/echo from init-param endpoints).", lines.get(0).text());
    }

    @Test
    void missingContainerIsSevereWhenEndpointsExist() throws Exception {
        List<StartupLine> lines = lines(Map.of("endpoints", "/echo"), "Apache Tomcat/11.0.27", null);
        assertEquals(DiagnosisCode.WSG10, lines.get(0).code());
        assertEquals(Level.SEVERE, lines.get(0).level());
        assertTrue(lines.get(0).text().startsWith("WSG10 No jakarta.websocket.server.ServerContainer in context /app"
                + " (Apache Tomcat/11.0.27): WebSocket support is not enabled here"), lines.get(0).text());
        assertTrue(lines.get(0).text().contains("1 endpoint is declared: /echo from init-param endpoints"));
        assertTrue(lines.get(0).text().contains("WsSci"), lines.get(0).text());
        assertEquals(DiagnosisCode.WSG00, lines.get(1).code());
        assertTrue(lines.get(1).text().contains("WebSocket container: none (see WSG10)"));
    }

    @Test
    void missingContainerIsOnlyAWarningWithoutEndpoints() throws Exception {
        List<StartupLine> lines = lines(Map.of(), "jetty/12.1.14", null);
        assertEquals(Level.WARNING, lines.get(0).level());
        assertTrue(lines.get(1).text().endsWith("endpoints known: none (declare them with init-param endpoints)."));
    }

    @Test
    void configWarningsComeFirstAndOffSaysSo() throws Exception {
        List<StartupLine> lines = lines(Map.of("mode", "off", "modes", "x"), "jetty/12", null);
        assertEquals(DiagnosisCode.WSG09, lines.get(0).code());
        assertTrue(lines.get(0).text().startsWith("WSG09 init-param 'modes' is not a wsguard parameter"));
        assertEquals("WSG00 wsguard 1.0.0 on context /app (jetty/12): mode=off, every request passes through"
                + " unchanged.", lines.get(1).text());
        assertEquals(2, lines.size());
    }
}
