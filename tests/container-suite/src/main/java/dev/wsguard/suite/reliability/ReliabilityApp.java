package dev.wsguard.suite.reliability;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;
import dev.wsguard.testkit.fixtures.EscapeProbeFilter;
import dev.wsguard.testkit.fixtures.FaultServlet;
import dev.wsguard.testkit.fixtures.ReflectingServlet;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerSettings;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import dev.wsguard.testkit.server.ServletSpec;
import java.util.Map;

/**
 * The app the reliability contracts deploy, one per wsguard configuration and container profile: the standard
 * setup ({@code /echo} endpoint, the plain servlet at {@code /}) with the escape probe before wsguard, and the
 * reflecting ({@code /reflect/*}, {@code /redirect/*}, {@code /challenge/*}) and fault ({@code /fault/*}) servlets.
 * The hostile requests and the faults use the same deployments, so a shared server (GlassFish) deploys each once.
 */
public final class ReliabilityApp {

    public static final String ESCAPE_PROBE = "escape-probe";

    private ReliabilityApp() {
    }

    public static Deployment deployment(GuardMode mode, Map<String, String> extraGuardParams,
                                        ContainerSettings settings) {
        return Guard.deployment(AppSetup.STANDARD, mode, extraGuardParams)
                .withFilterFirst(new FilterSpec(ESCAPE_PROBE, EscapeProbeFilter.class, Map.of(), "/*"))
                .withServlet(new ServletSpec("reflect", ReflectingServlet::new, "/reflect/*"))
                .withServlet(new ServletSpec("redirect", ReflectingServlet::new, "/redirect/*"))
                .withServlet(new ServletSpec("challenge", ReflectingServlet::new, "/challenge/*"))
                .withServlet(new ServletSpec("fault", FaultServlet::new, "/fault/*"))
                .with(settings);
    }
}
