package dev.wsguard.springboot;

import dev.wsguard.testkit.log.GuardLogCapture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class with one running application for all its tests, and wsguard's log captured from before the
 * application started (so its {@code WSG00} is in it). Each class says how its application starts.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class OneBootAppTest {

    protected GuardLogCapture log;
    protected BootApp app;

    /** Starts this class's application: its profile, extra configuration and arguments. */
    protected abstract BootApp startApp();

    @BeforeAll
    final void start() {
        log = GuardLogCapture.attach();
        app = startApp();
    }

    @AfterAll
    final void stop() {
        if (app != null) {
            app.close();
        }
        if (log != null) {
            log.close();
        }
    }
}
