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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;

/**
 * The filter's MBean, from just after {@code init} to {@code destroy}: its counters, mode, context, endpoints and
 * server, for operators and for the other contexts' "the endpoint is in context /x" hints. It is registered on
 * wsguard's own thread ({@link #register}), never in {@code init}: the JVM's MBean server is JVM-wide, and where none
 * runs yet the first registration creates it (about 130 ms), which the deployment must not wait for. JMX is
 * optional: where a locked-down container forbids it, one FINE line says so and diagnoses work as ever.
 */
final class MBeanPublication {

    private final GuardCounters counters;
    private final Mode mode;
    private final Deployment deployment;
    private final ServletContext context;
    private final LogOutput output;
    private final CountDownLatch attempted = new CountDownLatch(1);
    /** Made on wsguard's thread with the endpoints known then; later changes go to it under this object's lock. */
    private GuardMBean bean;
    private JmxRegistration registration;
    private boolean closed;

    MBeanPublication(GuardCounters counters, Mode mode, Deployment deployment, ServletContext context,
            LogOutput output) {
        this.counters = counters;
        this.mode = mode;
        this.deployment = deployment;
        this.context = context;
        this.output = output;
    }

    /**
     * Registers the bean, on wsguard's thread. Where the framework that registered the filter keeps JMX off
     * ({@code startServer} false), only into an MBean server that runs already.
     */
    void register(boolean startServer) {
        try {
            if (!startServer && !JmxRegistration.serverRuns()) {
                // Asked for, not a failure: nothing to say (a line starting WSG00 would pass for the startup line).
                return;
            }
            GuardMBean made;
            synchronized (this) {
                if (closed) {
                    return;
                }
                bean = new GuardMBean(counters, mode.name().toLowerCase(Locale.ROOT), deployment.contextPath(),
                        paths(deployment.endpoints()), context.getServerInfo());
                made = bean;
            }
            JmxRegistration registered = JmxRegistration.register(made, deployment.contextName());
            synchronized (this) {
                if (!closed) {
                    registration = registered;
                    return;
                }
            }
            // destroy() came while this thread registered: leave nothing behind.
            registered.close();
        } catch (Exception | LinkageError e) {
            output.write(Level.FINE, DiagnosisCode.WSG00 + " JMX registration skipped: " + Sanitizer.field(e.toString()));
        } finally {
            attempted.countDown();
        }
    }

    /** The endpoints changed (a framework told its own): the bean shows them from now on. */
    synchronized void endpoints(EndpointRegistry registry) {
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

    /** Waits, bounded, until {@link #register} was tried (the bean registered, skipped or refused); for tests. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return attempted.await(timeout, unit);
    }

    /** Unregisters the bean, so a redeploy leaks nothing; a registration still under way undoes itself. */
    void close() {
        JmxRegistration r;
        synchronized (this) {
            closed = true;
            r = registration;
            registration = null;
        }
        if (r != null) {
            r.close();
        }
    }
}
