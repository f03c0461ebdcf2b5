package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * wsguard's jar is no web fragment: Jetty parses every {@code web-fragment.xml} in {@code WEB-INF/lib} on each
 * deployment, which cost a cold deployment about 9 ms (docs/performance.md), and its only use was a name for an
 * {@code <absolute-ordering>}, where {@code <others/>} admits the jar as well (WSG00's fix says so).
 */
class NoWebFragmentTest {

    @Test
    void theJarsClassesHoldNoWebFragment() throws Exception {
        Path classes = Path.of(WebSocketGuardFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        assertTrue(Files.isRegularFile(classes.resolve("META-INF/services/jakarta.servlet.ServletContainerInitializer")),
                "the initializer's service file is where the jar's resources are: " + classes);
        assertFalse(Files.exists(classes.resolve("META-INF/web-fragment.xml")), "a web fragment in " + classes);
    }
}
