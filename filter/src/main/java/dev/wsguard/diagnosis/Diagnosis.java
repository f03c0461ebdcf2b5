package dev.wsguard.diagnosis;

import dev.wsguard.handshake.Handshake;
import java.util.logging.Level;

/**
 * One incident: the code, the facts behind it, and what was done. Its cause is classified and its log line rendered
 * on demand, so an incident that the rate limiter only counts costs no search and no string building.
 */
public final class Diagnosis {

    private final DiagnosisCode code;
    private final Level level;
    private final Deployment deployment;
    private final RequestFacts request;
    private final Handshake handshake;
    private final Observation observation;
    private final Enforcement enforcement;
    private final boolean webSocketSupport;
    private Finding finding;
    private String line;

    public Diagnosis(DiagnosisCode code, Level level, Deployment deployment, RequestFacts request, Handshake handshake,
            Observation observation, Enforcement enforcement, boolean webSocketSupport) {
        this.code = code;
        this.level = level;
        this.deployment = deployment;
        this.request = request;
        this.handshake = handshake;
        this.observation = observation;
        this.enforcement = enforcement;
        this.webSocketSupport = webSocketSupport;
    }

    public DiagnosisCode code() {
        return code;
    }

    public Level level() {
        return level;
    }

    public Deployment deployment() {
        return deployment;
    }

    public RequestFacts request() {
        return request;
    }

    public Handshake handshake() {
        return handshake;
    }

    /** What the chain answered, or null when wsguard answered without passing the request on. */
    public Observation observation() {
        return observation;
    }

    public Enforcement enforcement() {
        return enforcement;
    }

    /** Whether the context had a {@code jakarta.websocket.server.ServerContainer} when this happened. */
    public boolean webSocketSupport() {
        return webSocketSupport;
    }

    /** The cause, chosen on first use, so that an incident the rate limiter only counts costs no search. */
    public Cause cause() {
        return finding().cause();
    }

    /** The cause with the facts its line names. */
    public Finding finding() {
        if (finding == null) {
            finding = CauseClassifier.classify(this);
        }
        return finding;
    }

    /** The one-line log message, starting with the code. */
    public String line() {
        if (line == null) {
            line = Messages.render(this);
        }
        return line;
    }
}
