package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * One set-up of a real distribution: a server its subclass prepares (a JETTY_BASE, a Tomcat CATALINA_BASE...) with
 * its webapps deployed, started for all of the class's tests and stopped after them, and the catalogue replayed
 * against it. Every test stands on its own: each replay reads the log up to a marker of its own, so no test depends
 * on another having run first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class DistributionSetUp<S extends RunningServer> {

    protected S server;
    protected CatalogueReplay replay;

    public CatalogueReplay replay() {
        return replay;
    }

    /** Prepares the server, deploys the set-up's webapps and starts it; returns once it listens. */
    protected abstract S startServer() throws Exception;

    /** Whether a wsguard record is one line in this server's log (not the JVM's default two-line format). */
    protected abstract boolean oneLineFormat();

    @BeforeAll
    void start() throws Exception {
        server = startServer();
        replay = new CatalogueReplay(server, oneLineFormat());
    }

    @AfterAll
    void stop() throws Exception {
        try {
            if (replay != null) {
                replay.writeResults();
            }
        } finally {
            if (server != null) {
                server.close();
            }
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
