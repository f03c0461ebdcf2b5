package dev.wsguard;

import dev.wsguard.diagnosis.Diagnosis;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.IncidentLog;
import dev.wsguard.report.LogOutput;
import dev.wsguard.text.Sanitizer;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * Where incidents go: every one is counted; its line is logged unless the rate limiter only counts it, and held
 * while the startup report is pending. wsguard's own failures are counted too, and the first one logged.
 */
final class IncidentReporter {

    private final LogOutput output;
    private final IncidentLog incidents;
    private final GuardCounters counters;
    private final StartupSequence startup;
    private final Listeners listeners;
    private final RecentLines recent;
    private final AtomicBoolean internalErrorLogged = new AtomicBoolean();

    IncidentReporter(LogOutput output, IncidentLog incidents, GuardCounters counters, StartupSequence startup,
            Listeners listeners, RecentLines recent) {
        this.output = output;
        this.recent = recent;
        this.incidents = incidents;
        this.counters = counters;
        this.startup = startup;
        this.listeners = listeners;
    }

    /**
     * Counts the incident and logs it. An enforce-mode answer is written only after this: the line exists before
     * the client reads the answer, and a flood of new paths pays for its lines in its own latency instead of in
     * container threads left finishing log lines after their clients have moved on.
     */
    void report(Diagnosis d) {
        counters.count(d.code());
        if (!listeners.isEmpty()) {
            listeners.incident(d.code().name(), endpointOf(d), this::internalError);
        }
        if (output.isLoggable(d.level()) && incidents.admit(d.code(), d.level(), d.request().requestUri())) {
            if (startup.hold(d)) {
                return;
            }
            String line = d.line();
            recent.add(line);
            incidents.write(d.level(), line);
        }
    }

    /** An upgrade attempt's outcome ({@link GuardListener#ACCEPTED}...), for the listeners. */
    void upgrade(String outcome) {
        if (!listeners.isEmpty()) {
            listeners.upgrade(outcome, this::internalError);
        }
    }

    /**
     * The template of the endpoint in this context that the request's path matched or that its line names as the
     * closest, or null: always a known template, so listeners never see the paths clients send. Only asked when a
     * listener is registered; the search is bounded as it is for a line.
     */
    private static String endpointOf(Diagnosis d) {
        ClosestEndpoint.Suggestion s = ClosestEndpoint.find(d.deployment().endpoints(), d.deployment().contextPath(),
                d.request().path());
        return s == null || s.otherContext() != null ? null : s.endpoint().path();
    }

    /** The last incident lines logged in full, oldest first. */
    List<String> recentLines() {
        return recent.list();
    }

    /** wsguard failed on a request and passed it on unchanged: counted, and logged the first time. */
    void internalError(Throwable e) {
        counters.count(DiagnosisCode.WSG99);
        if (internalErrorLogged.compareAndSet(false, true)) {
            output.write(Level.SEVERE, DiagnosisCode.WSG99 + " wsguard failed on a request and passed it on unchanged"
                    + " (further internal errors are only counted in JMX): " + Sanitizer.field(String.valueOf(e), 512));
        }
    }
}
