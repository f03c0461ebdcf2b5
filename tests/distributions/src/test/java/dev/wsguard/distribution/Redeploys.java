package dev.wsguard.distribution;

import dev.wsguard.suite.scenarios.GuardMode;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * For a sample set-up whose server can redeploy a webapp as its users do ({@link RunningServer#redeploy}): after its
 * other tests (which went to the first deployment), the sample is redeployed and must come back clean
 * ({@link CatalogueReplay#redeployIsCleanAndGuarded}).
 */
interface Redeploys {

    CatalogueReplay replay();

    List<String> sampleContexts();

    GuardMode sampleMode();

    String servletAtRoot();

    @Test
    @Order(Integer.MAX_VALUE)
    default void redeployIsClean() throws Exception {
        replay().redeployIsCleanAndGuarded(sampleContexts().get(0), sampleMode(), servletAtRoot());
    }
}
