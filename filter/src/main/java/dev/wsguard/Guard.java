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
 * and counters, the startup report and the lines that wait for it, the MBean, wsguard's own thread, the endpoints a
 * framework tells, and the {@link RequestPath} that requests needing wsguard go through.
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
    private volatile MBeanPublication mbean;
    private volatile Sweeper sweeper;

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
    }

    /**
     * Starts the guard. The MBean is registered here, in every mode (docs/configuration.md: registered in init,
     * unregistered in destroy), so it exists when {@code init} returns. The startup report is written once per
     * context. Except in mode off, the webapp scan and the report run on wsguard's own thread, so the deployment
     * does not wait for them; where a framework registered the filter, the report also waits there (bounded) for
     * the framework's endpoints. The same thread then ends log windows as their time runs out.
     *
     * @param startMBeanServer false where the framework that registered the filter keeps JMX off: the MBean is then
     *                         registered only into an MBean server that runs already
     */
    void start(StartupFacts facts, boolean startMBeanServer) {
        long started = System.nanoTime();
        boolean report = StartupSequence.firstInContext(context);
        if (!report) {
            startup.skip();
        }
        mbean = MBeanPublication.publish(counters, config.mode(), deployment, context, output, startMBeanServer);
        if (config.mode() == Mode.OFF) {
            if (report) {
                startup.write(facts);
            }
            return;
        }
        framework.attach(this::frameworkEndpoints);
        Runnable first = report ? () -> startup.write(awaitFramework(scanned(facts), started)) : () -> { };
        sweeper = Sweeper.start("wsguard-log-window " + deployment.contextName(), first, incidents, reporter);
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
            MBeanPublication m = mbean;
            if (m != null) {
                m.endpoints(updated);
            }
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
     * Ends the windows (their summaries are written), stops wsguard's thread and waits for it to end, so a
     * container's leak check at undeploy finds nothing left, and unregisters the MBean.
     */
    void stop() {
        Sweeper s = sweeper;
        if (s != null) {
            s.stop();
        }
        // A scan cut off by undeploy never wrote its report: its held lines still go out.
        startup.release();
        incidents.flush();
        MBeanPublication m = mbean;
        if (m != null) {
            m.close();
        }
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
}
