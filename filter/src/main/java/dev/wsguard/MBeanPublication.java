package dev.wsguard;

import dev.wsguard.config.Mode;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.GuardMBean;
import dev.wsguard.report.JmxRegistration;
import dev.wsguard.report.LogOutput;
import dev.wsguard.text.Sanitizer;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.logging.Level;

/**
 * The filter's MBean, from {@code init} to {@code destroy}: its counters, mode, context, endpoints and server, for
 * operators and for the other contexts' "the endpoint is in context /x" hints. JMX is optional: where a
 * locked-down container forbids it, one FINE line says so and diagnoses work as ever.
 */
final class MBeanPublication {

    private final JmxRegistration registration;
    private final GuardMBean bean;

    private MBeanPublication(JmxRegistration registration, GuardMBean bean) {
        this.registration = registration;
        this.bean = bean;
    }

    /**
     * Registers the bean. The first platform MBean server of a JVM costs about 130 ms where the container has
     * none yet; the bean must be visible once {@code init} returns, so the deployment pays it, unless the framework
     * that registered the filter keeps JMX off ({@code startServer} false): then the bean is registered only into a
     * server that runs already.
     */
    static MBeanPublication publish(GuardCounters counters, Mode mode, Deployment deployment, ServletContext context,
            LogOutput output, boolean startServer) {
        if (!startServer && !JmxRegistration.serverRuns()) {
            // Asked for, not a failure: nothing to say (a line starting WSG00 would pass for the startup line).
            return new MBeanPublication(null, null);
        }
        try {
            GuardMBean bean = new GuardMBean(counters, mode.name().toLowerCase(Locale.ROOT), deployment.contextPath(),
                    paths(deployment.endpoints()), context.getServerInfo());
            return new MBeanPublication(JmxRegistration.register(bean, deployment.contextName()), bean);
        } catch (Exception | LinkageError e) {
            output.write(Level.FINE, DiagnosisCode.WSG00 + " JMX registration skipped: " + Sanitizer.field(e.toString()));
            return new MBeanPublication(null, null);
        }
    }

    /** The endpoints changed (a framework told its own): the bean shows them from now on. */
    void endpoints(EndpointRegistry registry) {
        if (bean != null) {
            bean.endpoints(paths(registry));
        }
    }

    private static String[] paths(EndpointRegistry registry) {
        List<String> paths = new ArrayList<>();
        for (KnownEndpoint e : registry.all()) {
            paths.add(e.path());
        }
        return paths.toArray(new String[0]);
    }

    /** Unregisters the bean, so a redeploy leaks nothing. */
    void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
