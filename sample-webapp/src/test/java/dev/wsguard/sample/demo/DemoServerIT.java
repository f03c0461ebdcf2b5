package dev.wsguard.sample.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Runs the demo's self-check against the WAR this build just packaged, deployed on embedded Jetty
 * on a free loopback port. Failsafe runs it after {@code package}, which writes the exploded WAR.
 */
class DemoServerIT {

    @ParameterizedTest(name = "context path ''{0}''")
    @ValueSource(strings = {"/", "/app"})
    void selfCheckPassesOnThePackagedWar(String contextPath) throws Exception {
        String warProperty = System.getProperty(DemoServer.WAR_PROPERTY);
        assertTrue(warProperty != null && Files.isDirectory(Path.of(warProperty)),
                "-D" + DemoServer.WAR_PROPERTY + " must name the exploded WAR (failsafe sets it), got " + warProperty);

        try (WsguardLog log = WsguardLog.install();
             DemoServer demo = DemoServer.start(Path.of(warProperty), 0, contextPath)) {
            SelfCheck.Result result = SelfCheck.run(demo, log, System.out);
            assertTrue(result.passed(), () -> "self-check failed: " + result.failures());
        }
    }
}
