package dev.wsguard.jetty;

import dev.wsguard.WebSocketGuardFilter;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.Diagnosis;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.Enforcement;
import dev.wsguard.diagnosis.Observation;
import dev.wsguard.diagnosis.RequestFacts;
import dev.wsguard.diagnosis.Responder;
import dev.wsguard.diagnosis.Verdicts;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.handshake.HandshakeRequest;
import dev.wsguard.report.IncidentLog;
import dev.wsguard.report.LogOutput;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.RequestLog;
import org.eclipse.jetty.server.Response;

/**
 * Reports, in wsguard's words and on its logger, the broken handshakes Jetty answers before any filter runs, which
 * the filter never sees: Jetty's HTTP/1.1 connector answers 400 ("Invalid h2c upgrade headers") to an
 * {@code Upgrade} without {@code Connection: Upgrade}, the half fix of a proxy that forwards Upgrade but sets
 * Connection to close or deletes it, and Jetty's WebSocket upgrade filter, which runs ahead of the application's
 * filters, answers 400 to a handshake without a key. A {@link RequestLog} sees every request with its answer,
 * these too; only handshakes the header rules find at fault (WSG03, WSG04, WSG05), answered 4xx, and not seen by
 * wsguard's filter are reported. Lines are rate-limited per code and path as the filter's are, with its default
 * window. Install it on the {@code Server}, beside any request log already there:
 * {@code server.setRequestLog(new RequestLog.Collection(new BeforeFiltersRequestLog(), server.getRequestLog()))}
 * (docs/troubleshooting.md#wsg03).
 */
public final class BeforeFiltersRequestLog implements RequestLog {

    private static final int WINDOW_SECONDS = 60;
    private static final long SWEEP_EVERY_NANOS = 1_000_000_000L;

    /** Who answered, as a line says it: the filter could not see where inside Jetty. */
    static final String ANSWERER = "Jetty before any filter (its connector or its WebSocket upgrade filter)";

    private final IncidentLog log;
    private final AtomicLong lastSweep = new AtomicLong(System.nanoTime());
    private final Deployment deployment = Deployment.builder("", ContainerProfile.JETTY, EndpointRegistry.empty())
            .build();

    public BeforeFiltersRequestLog() {
        this(new IncidentLog(new LogOutput(true, null, BeforeFiltersRequestLog.class.getName(), "log"),
                WINDOW_SECONDS, IncidentLog.DEFAULT_MAX_KEYS, System::nanoTime));
    }

    BeforeFiltersRequestLog(IncidentLog log) {
        this.log = log;
    }

    @Override
    public void log(Request request, Response response) {
        try {
            report(request, response.getStatus());
        } catch (RuntimeException | LinkageError e) {
            // A request log must never fail the request it logs; wsguard's own lines are best effort here.
        }
    }

    private void report(Request request, int status) {
        if (status < 400 || status >= 500 || request.getAttribute(WebSocketGuardFilter.HANDLED_ATTRIBUTE) != null) {
            return;
        }
        HttpFields headers = request.getHeaders();
        if (!HandshakeClassifier.mayBeAttempt(headers.get(HandshakeClassifier.UPGRADE),
                headers.get(HandshakeClassifier.SEC_WEBSOCKET_KEY),
                headers.get(HandshakeClassifier.SEC_WEBSOCKET_VERSION))) {
            return;
        }
        Handshake handshake = HandshakeClassifier.classify(new JettyHandshakeRequest(request));
        DiagnosisCode code = Verdicts.forInvalid(handshake.kind());
        if (code == null) {
            return;
        }
        sweepNowAndThen();
        String path = request.getHttpURI().getPath();
        if (!log.admit(code, code.defaultLevel(), path)) {
            return;
        }
        RequestFacts facts = new RequestFacts(request.getMethod(), request.getHttpURI().getPathQuery(), "",
                request.getConnectionMetaData().getProtocol(), Request.getRemoteAddr(request));
        Observation answer = Observation.status(status).responder(Responder.unknown().withAnswerer(ANSWERER))
                .build();
        Diagnosis d = new Diagnosis(code, code.defaultLevel(), deployment, facts, handshake, answer, Enforcement.NONE,
                true);
        log.write(code.defaultLevel(), d.line());
    }

    /** Ends the windows whose time is up (their summaries), at most once a second. */
    private void sweepNowAndThen() {
        long now = System.nanoTime();
        long last = lastSweep.get();
        if (now - last >= SWEEP_EVERY_NANOS && lastSweep.compareAndSet(last, now)) {
            log.sweep();
        }
    }

    /** A Jetty request as the handshake rules read one. */
    private static final class JettyHandshakeRequest implements HandshakeRequest {
        private final Request request;

        JettyHandshakeRequest(Request request) {
            this.request = request;
        }

        @Override
        public String method() {
            return request.getMethod();
        }

        @Override
        public String protocol() {
            return request.getConnectionMetaData().getProtocol();
        }

        @Override
        public List<String> values(String headerName) {
            List<String> values = new ArrayList<>(2);
            for (HttpField f : request.getHeaders()) {
                if (f.is(headerName) && values.size() < HandshakeClassifier.MAX_VALUES_READ) {
                    values.add(f.getValue());
                }
            }
            return values;
        }

        @Override
        public List<String> headerNames() {
            List<String> names = new ArrayList<>();
            for (HttpField f : request.getHeaders()) {
                if (names.size() >= HandshakeClassifier.MAX_HEADER_NAMES_READ) {
                    break;
                }
                names.add(f.getName());
            }
            return Collections.unmodifiableList(names);
        }
    }
}
