package dev.wsguard;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.Mode;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.FrameworkState;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.IncidentLog;
import dev.wsguard.report.LogOutput;
import dev.wsguard.startup.StartupFacts;
import dev.wsguard.startup.StartupInspector;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One filter instance's working parts, and their life from {@code init} to {@code destroy}: the incident log
 * and counters, the startup report and the lines that wait for it, the MBean, the endpoints a framework tells, and
 * the {@link RequestPath} that requests needing wsguard go through. Except in mode off, it is built and started on
 * wsguard's own thread, which the filter owns.
 */
final class Guard {

    private final GuardConfig config;
    private final Deployment deployment;
    private final ServletContext context;
    private final LogOutput output;
    private final GuardCounters counters;
    private final IncidentLog incidents;
    private final StartupSequence startup;
    private final IncidentReporter reporter;
    private final RequestPath requests;
    private final FrameworkHandover framework;
    private final MBeanPublication mbean;
    /**
     * Until when (System.nanoTime) the sweep reads the container's mappings again for endpoints deployed after the
     * startup read: a minute, as long as a framework's endpoints are awaited at most.
     */
    private final long lateMappingsUntil = System.nanoTime() + LATE_MAPPINGS_NANOS;
    static final long LATE_MAPPINGS_NANOS = TimeUnit.SECONDS.toNanos(60);

    Guard(GuardConfig config, Deployment deployment, ServletContext context, LogOutput output, GuardCounters counters,
            FrameworkHandover framework, Listeners listeners, Answerer answerer) {
        this.config = config;
        this.deployment = deployment;
        this.context = context;
        this.output = output;
        this.counters = counters;
        this.incidents = new IncidentLog(output, config.logWindowSeconds(), IncidentLog.DEFAULT_MAX_KEYS,
                System::nanoTime);
        this.framework = framework;
        RecentLines recent = new RecentLines();
        this.startup = new StartupSequence(incidents, counters, framework, recent);
        this.reporter = new IncidentReporter(output, incidents, counters, startup, listeners, recent);
        this.requests = new RequestPath(config, deployment, context, counters, reporter, answerer);
        this.mbean = new MBeanPublication(counters, config.mode(), deployment, context, output);
    }

    /**
     * Mode off, in {@code init}: the startup report (it says the mode), once per context. The MBean comes on a thread
     * of wsguard's ({@link #registerMBean}).
     */
    void reportNow(StartupFacts facts) {
        if (StartupSequence.firstInContext(context)) {
            startup.write(facts);
        } else {
            startup.skip();
        }
    }

    /**
     * Modes log and enforce, on wsguard's thread once requests go through the guard: takes the framework's endpoints
     * when it tells them, registers the MBean (before {@code WSG00}, so a context that logged it is visible to the
     * others), and, once per context, scans the webapp and writes the report; where a framework registered the filter,
     * the report also waits (bounded) for the framework's endpoints.
     *
     * @param startMBeanServer false where the framework that registered the filter keeps JMX off: the MBean is then
     *                         registered only into an MBean server that runs already
     * @param initNanos        {@code System.nanoTime()} when {@code init} began: the framework's wait counts from it
     */
    void startHere(StartupFacts facts, boolean startMBeanServer, long initNanos) {
        try {
            boolean report = StartupSequence.firstInContext(context);
            if (!report) {
                startup.skip();
            }
            framework.attach(this::frameworkEndpoints);
            mbean.register(startMBeanServer);
            if (report) {
                startup.write(awaitFramework(scanned(facts), initNanos));
            }
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
        }
    }

    /** Registers the MBean; on wsguard's thread, never in {@code init} (see {@link MBeanPublication}). */
    void registerMBean(boolean startMBeanServer) {
        mbean.register(startMBeanServer);
    }

    /**
     * Ends the log windows whose time ran out and, for the first minute, adds endpoints the container deployed late;
     * wsguard's thread calls it every second.
     */
    void sweep() {
        try {
            incidents.sweep();
            if (System.nanoTime() - lateMappingsUntil < 0) {
                addLateMappings();
            }
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
        }
    }

    /** Endpoints the container maps by now but did not when wsguard's startup read its mappings join the registry. */
    void addLateMappings() {
        EndpointRegistry before = deployment.endpoints();
        EndpointRegistry after = deployment.updateEndpoints(r -> StartupInspector.withLateMappings(context, r));
        if (after != before) {
            mbean.endpoints(after);
        }
    }

    /**
     * The framework's endpoints join the registry (and the MBean) at once, whatever thread tells them; a failure
     * stays inside wsguard, so the framework's start goes on.
     */
    private void frameworkEndpoints(List<FrameworkEndpoint> told) {
        try {
            List<KnownEndpoint> known = new ArrayList<>(told.size());
            for (FrameworkEndpoint e : told) {
                known.add(new KnownEndpoint(e.template(), EndpointSource.FRAMEWORK, e.source(), e.answersPlainHttp(),
                        e.client()));
            }
            EndpointRegistry updated = deployment.updateEndpoints(
                    before -> StartupInspector.withFrameworkEndpoints(context, before, known));
            mbean.endpoints(updated);
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
        }
    }

    /**
     * Where a framework registered the filter, waits (bounded) until it told its endpoints; if it did not in time,
     * the registry says so. The facts then carry how long the wait took.
     */
    private StartupFacts awaitFramework(StartupFacts facts, long started) {
        if (!framework.isAwaited()) {
            return facts;
        }
        if (!framework.await(started)) {
            deployment.updateEndpoints(r -> r.framework() == FrameworkState.AWAITED
                    ? r.withFramework(FrameworkState.NOT_TOLD) : r);
        }
        long waited = System.nanoTime() - started;
        Runnable check = framework.takeCheck();
        if (check != null) {
            try {
                check.run();
            } catch (RuntimeException | LinkageError e) {
                reporter.internalError(e);
            }
        }
        return facts.withFrameworkWait(waited);
    }

    /** The facts with what the webapp scan found; without it if the scan failed. */
    private StartupFacts scanned(StartupFacts facts) {
        try {
            return StartupInspector.scanWebapp(context, facts);
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
            return facts;
        }
    }

    /**
     * Ends the windows (their summaries are written) and unregisters the MBean; the filter has stopped wsguard's
     * thread before, so a container's leak check at undeploy finds nothing left.
     */
    void stop() {
        // A scan cut off by undeploy never wrote its report: its held lines still go out.
        startup.release();
        incidents.flush();
        mbean.close();
    }

    /** What requests that need wsguard go through. */
    RequestPath requests() {
        return requests;
    }

    GuardCounters counters() {
        return counters;
    }

    /** What the guard knows and counted now. */
    GuardSnapshot snapshot() {
        Map<String, String> endpoints = new LinkedHashMap<>();
        for (KnownEndpoint e : deployment.endpoints().all()) {
            endpoints.put(e.path(), e.label());
        }
        Map<String, Long> perCode = new LinkedHashMap<>();
        for (DiagnosisCode code : DiagnosisCode.values()) {
            if (code != DiagnosisCode.WSG00) {
                perCode.put(code.name(), counters.get(code));
            }
        }
        return new GuardSnapshot(config.mode().name().toLowerCase(Locale.ROOT), deployment.contextPath(), endpoints,
                perCode, counters.upgradeRequests(), counters.upgradesCompleted(), reporter.recentLines());
    }

    /** Waits, bounded, until the startup report is written (or skipped); for tests and tools. */
    boolean awaitStartupReport(long timeout, TimeUnit unit) throws InterruptedException {
        return startup.await(timeout, unit);
    }

    /** Waits, bounded, until wsguard's thread tried to register the MBean; for tests. */
    boolean awaitMBean(long timeout, TimeUnit unit) throws InterruptedException {
        return mbean.await(timeout, unit);
    }
}
