package dev.wsguard.sample.demo;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.log.GuardLogCapture;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Runs the demo's self-check against the WAR this build just packaged, deployed on embedded Jetty
 * on a free loopback port in all three contexts. Failsafe runs it after {@code package}, which
 * writes the exploded WAR.
 */
@Tag(DemoServerIT.PACKAGED_WAR_TAG)
class DemoServerIT {

    /** Marks the tests that need the packaged WAR; surefire leaves them out (see the module's pom), failsafe runs them. */
    static final String PACKAGED_WAR_TAG = "packaged-war";

    @Test
    void selfCheckPassesOnThePackagedWar() throws Exception {
        Path war = packagedWar();
        try (DemoConsole console = DemoConsole.install();
             GuardLogCapture log = GuardLogCapture.attach();
             DemoServer demo = DemoServer.start(war, 0)) {
            SelfCheck.Result result = SelfCheck.run(demo, log, System.out);
            assertTrue(result.passed(), () -> "self-check failed: " + result.failures());
        }
    }

    /** The exploded WAR that failsafe names in a system property. */
    static Path packagedWar() {
        String warProperty = System.getProperty(DemoServer.WAR_PROPERTY);
        assertTrue(warProperty != null && Files.isDirectory(Path.of(warProperty)),
                "-D" + DemoServer.WAR_PROPERTY + " must name the exploded WAR (failsafe sets it), got " + warProperty);
        return Path.of(warProperty);
    }
}
