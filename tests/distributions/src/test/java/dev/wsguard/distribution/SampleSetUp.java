package dev.wsguard.distribution;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * A set-up that deploys the sample webapp (with or without its own wsguard) where the catalogue's rows against it
 * are the same: S1, S2, S7, S8a and S8b, in the mode wsguard has in that context; and beside it the S4 fixture
 * (/echo-only, an endpoint at /echo only) and a webapp without endpoints (/plain), whose 404s stay 404 in every
 * mode and are each diagnosed once.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class SampleSetUp<S extends RunningServer> extends DistributionSetUp<S> {

    /** The contexts the sample is deployed at (the sample, and a copy where the set-up has one). */
    public List<String> sampleContexts() {
        return List.of("/sample");
    }

    /** wsguard's mode in the sample's contexts. */
    public abstract GuardMode sampleMode();

    /** wsguard's mode in the S4 fixture's context, /echo-only. */
    protected abstract GuardMode echoOnlyMode();

    /** wsguard's mode in /plain, the context without endpoints. */
    protected abstract GuardMode plainMode();

    /** The name the sample's web.xml gives the servlet at "/", which S2's line must name; set by {@link #startServer()}. */
    protected String servletAtRoot;

    public String servletAtRoot() {
        return servletAtRoot;
    }

    @Test
    void s1ValidUpgradeGets101AndEcho() throws Exception {
        for (String context : sampleContexts()) {
            replay.s1ValidUpgradeIsEchoed(context);
        }
    }

    @Test
    void s2MisroutedUpgradeIsDiagnosedWsg01Once() throws Exception {
        for (String context : sampleContexts()) {
            replay.s2MisroutedUpgrade(context, sampleMode(), servletAtRoot);
        }
    }

    @Test
    void s7StrippedHeadersAreDiagnosedWsg03Once() throws Exception {
        for (String context : sampleContexts()) {
            replay.s7StrippedHeaders(context, sampleMode());
        }
    }

    @Test
    void s8Version8IsDiagnosedWsg05Once() throws Exception {
        for (String context : sampleContexts()) {
            replay.s8WrongVersion(context, false, sampleMode());
        }
    }

    @Test
    void s8MissingVersionIsDiagnosedWsg05Once() throws Exception {
        for (String context : sampleContexts()) {
            replay.s8WrongVersion(context, true, sampleMode());
        }
    }

    @Test
    void s4NearMissAnsweredByDefaultServletStays404AndIsLoggedWsg02Once() throws Exception {
        replay.s4UpgradeAnswered404("/echo-only", echoOnlyMode());
    }

    @Test
    void upgradeToContextWithoutEndpointsStays404AndIsLoggedWsg02Once() throws Exception {
        replay.upgradeToContextWithoutEndpoints("/plain", plainMode());
    }
}
