package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.JettyBase.StartJarRun;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What etc/wsguard.xml does when the server starts, apart from the scenarios: it refuses to start
 * without the filter jar, saying where the jar goes, and it gives java.util.logging the format of
 * {@code wsguard.jul-format} when a user sets one.
 */
class WsguardModuleStartupIT {

    /**
     * The module on, lib/wsguard/ empty: the server must stop at startup with the reason, instead of
     * starting and answering 503 for every webapp that lacks its own copy of the jar.
     */
    @Test
    void withoutTheJarTheServerStopsAtStartupNamingLibWsguard() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("module-without-jar");
        // A webapp to fail, had the check not stopped the server first.
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        // Bounded: a server that starts anyway is killed after the timeout and fails the test.
        StartJarRun run = base.runStartJar("console", Duration.ofSeconds(60), "jetty.http.host=127.0.0.1", "jetty.http.port=0");
        assertTrue(run.exited(), () -> "the server started without the jar: " + run);
        assertNotEquals(0, run.exitValue(), () -> run.toString());
        String reason = "java.lang.NullPointerException: wsguard: the module wsguard is enabled, but no wsguard-filter jar is on"
                + " the ee10 class path (no dev.wsguard.WebSocketGuardFilter): put wsguard-filter-<version>.jar in "
                + base.dir().resolve("lib/wsguard") + "/ (or disable the module: rm start.d/wsguard.ini)";
        assertTrue(run.output().contains(reason), () -> "expected the reason '" + reason + "': " + run);
        assertFalse(run.output().contains("Started oejs.Server"), () -> run.toString());
    }

    /** A {@code wsguard.jul-format} in start.d/wsguard.ini replaces the module's one-line format. */
    @Test
    void customJulFormatShapesEveryWsguardLine() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig("custom-jul-format")
                .withFilterJar()
                .withWsguardProperty("wsguard.jul-format", "JUL-FORMAT-CHECK %4$s %3$s %5$s%n");
        WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), null);
        try (JettyServer server = JettyServer.start(base, false)) {
            String line = server.log().awaitLine(l -> l.startsWith("JUL-FORMAT-CHECK "), CatalogueReplay.REPORT_TIMEOUT);
            assertNotNull(line, () -> "no line in the custom format; log:\n" + server.log().text());
            assertTrue(line.startsWith("JUL-FORMAT-CHECK INFO dev.wsguard WSG00 wsguard ")
                    && line.contains(" guards context /plain "), () -> "the WSG00 line in the custom format: " + line);
            // Nothing in the module's default format: the custom one replaced it rather than adding to it.
            assertEquals(List.of(), server.log().diagnoses(), () -> server.log().text());
        }
    }
}
