package dev.wsguard;

import dev.wsguard.diagnosis.Diagnosis;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.IncidentLog;
import dev.wsguard.startup.StartupFacts;
import dev.wsguard.startup.StartupLine;
import dev.wsguard.startup.StartupReport;
import jakarta.servlet.ServletContext;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The startup report, once per context, and the incident lines that come while it is pending: held, then
 * written just after WSG00, so the summary comes first and the lines know what the scan found (a javax endpoint
 * at that path, say, or the endpoints a framework told meanwhile). Bounded; past the bound, lines are written at
 * once. A line held tells the framework handover, whose short clock then starts.
 */
final class StartupSequence {

    /** Marks a context whose startup report was written, so it is written once per context. */
    static final String STARTUP_REPORTED_ATTRIBUTE = "dev.wsguard.startup.reported";
    /**
     * How many incident lines wait for the startup report at most; the scan's own budget, and the framework
     * handover's bounds where a framework registered the filter, bound how long.
     */
    static final int HELD_BEFORE_STARTUP_REPORT = 64;

    private final IncidentLog incidents;
    private final GuardCounters counters;
    private final FrameworkHandover framework;
    private final CountDownLatch reported = new CountDownLatch(1);
    private final List<Diagnosis> held = new ArrayList<>();
    private final RecentLines recent;
    private volatile boolean released;

    StartupSequence(IncidentLog incidents, GuardCounters counters, FrameworkHandover framework, RecentLines recent) {
        this.incidents = incidents;
        this.recent = recent;
        this.counters = counters;
        this.framework = framework;
    }

    /**
     * Whether the filter of this context that asks first, which writes the report; a second wsguard filter in the
     * same context (container-wide and in web.xml) stays quiet. A context that refuses attributes gets a report
     * from each.
     */
    static boolean firstInContext(ServletContext context) {
        try {
            synchronized (context) {
                if (context.getAttribute(STARTUP_REPORTED_ATTRIBUTE) != null) {
                    return false;
                }
                context.setAttribute(STARTUP_REPORTED_ATTRIBUTE, Boolean.TRUE);
                return true;
            }
        } catch (RuntimeException e) {
            return true;
        }
    }

    /** Another wsguard filter of this context writes the report: nothing to wait for. */
    void skip() {
        release();
        reported.countDown();
    }

    /** Writes the report's lines, counted, then the lines held meanwhile. */
    void write(StartupFacts facts) {
        try {
            for (StartupLine line : StartupReport.lines(facts)) {
                counters.count(line.code());
                incidents.write(line.level(), line.text());
            }
        } finally {
            release();
            reported.countDown();
        }
    }

    /** Holds an incident line until the report is written; false if it goes out at once. */
    boolean hold(Diagnosis d) {
        if (released) {
            return false;
        }
        synchronized (held) {
            if (released || held.size() >= HELD_BEFORE_STARTUP_REPORT) {
                return false;
            }
            held.add(d);
        }
        framework.lineHeld();
        return true;
    }

    /**
     * Writes the lines held so far; from then on lines go out at once (also when undeploy cut the scan off). Written
     * under the lock that {@link #hold} takes, so a line that comes meanwhile waits and follows them.
     */
    void release() {
        synchronized (held) {
            if (released) {
                return;
            }
            for (Diagnosis d : held) {
                // Rendered now, so it knows what the scan found and the framework told meanwhile.
                String line = d.line();
                recent.add(line);
                incidents.write(d.level(), line);
            }
            held.clear();
            released = true;
        }
    }

    /** Waits, bounded, until the startup report is written (or skipped); for tests and tools. */
    boolean await(long timeout, TimeUnit unit) throws InterruptedException {
        return reported.await(timeout, unit);
    }
}
