package dev.wsguard;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.Mode;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.IncidentLog;
import dev.wsguard.report.LogOutput;
import dev.wsguard.startup.StartupFacts;
import dev.wsguard.startup.StartupInspector;
import jakarta.servlet.ServletContext;
import java.util.concurrent.TimeUnit;

/**
 * One filter instance's working parts, and their life from {@code init} to {@code destroy}: the incident log
 * and counters, the startup report and the lines that wait for it, the MBean, wsguard's own thread, and the
 * {@link RequestPath} that requests needing wsguard go through.
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
    private volatile MBeanPublication mbean;
    private volatile Sweeper sweeper;

    Guard(GuardConfig config, Deployment deployment, ServletContext context, LogOutput output, GuardCounters counters) {
        this.config = config;
        this.deployment = deployment;
        this.context = context;
        this.output = output;
        this.counters = counters;
        this.incidents = new IncidentLog(output, config.logWindowSeconds(), IncidentLog.DEFAULT_MAX_KEYS,
                System::nanoTime);
        this.startup = new StartupSequence(incidents, counters);
        this.reporter = new IncidentReporter(output, incidents, counters, startup);
        this.requests = new RequestPath(config, deployment, context, counters, reporter);
    }

    /**
     * Starts the guard. The MBean is registered here, in every mode, so it exists when {@code init}
     * returns (docs/configuration.md: registered in init, unregistered in destroy). The startup report is
     * written once per context. Except in mode off, the webapp scan and the report run on wsguard's own
     * thread, so the deployment does not wait for them; the same thread then ends log windows as their
     * time runs out.
     */
    void start(StartupFacts facts) {
        boolean report = StartupSequence.firstInContext(context);
        if (!report) {
            startup.skip();
        }
        mbean = MBeanPublication.publish(counters, config.mode(), deployment, context, output);
        if (config.mode() == Mode.OFF) {
            if (report) {
                startup.write(facts);
            }
            return;
        }
        Runnable first = report ? () -> startup.write(scanned(facts)) : () -> { };
        sweeper = Sweeper.start("wsguard-log-window " + deployment.contextName(), first, incidents, reporter);
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

    /** Waits, bounded, until the startup report is written (or skipped); for tests and tools. */
    boolean awaitStartupReport(long timeout, TimeUnit unit) throws InterruptedException {
        return startup.await(timeout, unit);
    }
}
