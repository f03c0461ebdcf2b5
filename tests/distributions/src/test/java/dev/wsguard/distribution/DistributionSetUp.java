package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One set-up of the real distribution: a JETTY_BASE its subclass builds, one server started for all of the class's
 * tests and stopped after them, and the catalogue replayed against it. Every test stands on its own: each replay
 * reads the log up to a marker of its own, so no test depends on another having run first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DistributionSetUp {

    protected JettyBase base;
    protected JettyServer server;
    protected CatalogueReplay replay;

    /** The base, with its webapps deployed. */
    protected abstract JettyBase base() throws Exception;

    /** Whether the user's log is the file console-capture writes under logs/ rather than the console. */
    protected boolean logsDirectory() {
        return false;
    }

    /** Whether this base gives java.util.logging the wsguard module's one-line format. */
    protected abstract boolean oneLineFormat();

    @BeforeAll
    void start() throws Exception {
        base = base();
        server = JettyServer.start(base, logsDirectory());
        replay = new CatalogueReplay(server, oneLineFormat());
    }

    @AfterAll
    void stop() throws Exception {
        if (server != null) {
            server.close();
        }
    }

    /**
     * Each context wrote one startup report: checked once every context answered a request that wsguard logged,
     * since a context's requests are logged only after its report.
     */
    protected void assertOneStartupReportPerContext(List<String> contexts) throws Exception {
        replay.awaitStartupReports(contexts.toArray(String[]::new));
        for (String context : contexts) {
            replay.markerLogged(context);
            assertEquals(1, replay.startupReports(context), () -> "WSG00 lines for " + context + "; log:\n"
                    + server.log().text());
        }
    }
}
