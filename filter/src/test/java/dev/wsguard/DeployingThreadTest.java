package dev.wsguard;

import static dev.wsguard.testkit.servlet.ChainDouble.answering;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.InvalidConfigException;
import dev.wsguard.config.LogSink;
import dev.wsguard.config.Mode;
import dev.wsguard.config.PlainRequests;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.testkit.servlet.FilterConfigDouble;
import dev.wsguard.testkit.servlet.RequestDouble;
import dev.wsguard.testkit.servlet.ResponseDouble;
import dev.wsguard.testkit.servlet.ServletContextDouble;
import jakarta.servlet.Filter;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What the filter loads on the container's deploying thread, where each class of wsguard's costs a cold deployment
 * about half a millisecond (docs/performance.md, "Startup cost"): the set is pinned, so a change that adds to it is
 * seen; the guard and everything it needs load on wsguard's own thread.
 */
class DeployingThreadTest {

    /**
     * The filter and the three types its public framework methods name (Jetty's injection scan loads every type a
     * declared member names), its core, the configuration's six (a bad value must fail {@code init}) and the wait for
     * the deployment's end.
     */
    private static final Set<String> ON_THE_DEPLOYING_THREAD = new TreeSet<>(List.of(
            WebSocketGuardFilter.class.getName(), GuardListener.class.getName(), AnswerDescriber.class.getName(),
            GuardSnapshot.class.getName(), FilterCore.class.getName(), GuardConfig.class.getName(),
            GuardConfig.class.getName() + "$Reader", Mode.class.getName(), PlainRequests.class.getName(),
            LogSink.class.getName(), InvalidConfigException.class.getName(), DeploymentEnd.class.getName()));

    @Test
    void theDeployingThreadLoadsTheFilterItsCoreAndTheConfigurationOnly() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach();
                RecordingLoader loader = new RecordingLoader(WebSocketGuardFilter.class)) {
            Class<?> type = Class.forName(WebSocketGuardFilter.class.getName(), false, loader);
            assertNotSame(WebSocketGuardFilter.class, type, "an isolated copy");
            // As Jetty deploys a filter: its injection scan reads every declared member, then it constructs and inits.
            type.getDeclaredFields();
            type.getDeclaredMethods();
            type.getDeclaredConstructors();
            Filter filter = (Filter) type.getConstructor().newInstance();
            ServletContextDouble context = new ServletContextDouble("/app");
            filter.init(FilterConfigDouble.of(context.context()));
            try {
                Thread deploying = Thread.currentThread();
                assertEquals(ON_THE_DEPLOYING_THREAD, new TreeSet<>(loader.definedOn(deploying)),
                        "what loads on the deploying thread costs every cold deployment (docs/performance.md)");

                // A request waits for the guard, which wsguard's thread built.
                ResponseDouble response = new ResponseDouble();
                filter.doFilter(RequestDouble.get("/app/index.html"), response, answering(200, "text/plain", "x"));
                assertEquals(200, response.getStatus());
                assertTrue(loader.defined().contains(Guard.class.getName()), loader.defined().toString());
                assertFalse(loader.definedOn(deploying).contains(Guard.class.getName()),
                        "the guard loads on wsguard's thread");
            } finally {
                filter.destroy();
            }
        }
    }
}
