package dev.wsguard;

import dev.wsguard.config.Mode;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
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

    private MBeanPublication(JmxRegistration registration) {
        this.registration = registration;
    }

    /**
     * Registers the bean. The first platform MBean server of a JVM costs about 130 ms where the container has
     * none yet; the bean must be visible once {@code init} returns, so the deployment pays it.
     */
    static MBeanPublication publish(GuardCounters counters, Mode mode, Deployment deployment, ServletContext context,
            LogOutput output) {
        try {
            List<String> paths = new ArrayList<>();
            for (KnownEndpoint e : deployment.endpoints().all()) {
                paths.add(e.path());
            }
            return new MBeanPublication(JmxRegistration.register(new GuardMBean(counters,
                    mode.name().toLowerCase(Locale.ROOT), deployment.contextPath(), paths.toArray(new String[0]),
                    context.getServerInfo()), deployment.contextName()));
        } catch (Exception | LinkageError e) {
            output.write(Level.FINE, DiagnosisCode.WSG00 + " JMX registration skipped: " + Sanitizer.field(e.toString()));
            return new MBeanPublication(null);
        }
    }

    /** Unregisters the bean, so a redeploy leaks nothing. */
    void close() {
        if (registration != null) {
            registration.close();
        }
    }
}
