package dev.wsguard;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.Mode;
import dev.wsguard.config.PlainRequests;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.Diagnosis;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.EnforceAnswer;
import dev.wsguard.diagnosis.Enforcement;
import dev.wsguard.diagnosis.Observation;
import dev.wsguard.diagnosis.RequestFacts;
import dev.wsguard.diagnosis.Responder;
import dev.wsguard.diagnosis.Verdicts;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.startup.StartupReport;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.logging.Level;

/**
 * What a request that needs wsguard goes through: an upgrade attempt is classified, sent down the chain with
 * its answer watched (and, in enforce mode, held back), judged by what answered, replaced or answered where
 * enforce mode says so, and reported; a plain request to an endpoint path is reported (or, with
 * plain-requests=reject, answered). {@link WebSocketGuardFilter} decides, cheaply, which requests come here.
 */
final class RequestPath {

    /** Marks a request as handled, so a second wsguard filter (webapp and container-wide) stays out of it. */
    static final String HANDLED_ATTRIBUTE = WebSocketGuardFilter.HANDLED_ATTRIBUTE;

    private final GuardConfig config;
    private final Deployment deployment;
    private final ServletContext context;
    private final GuardCounters counters;
    private final IncidentReporter reporter;
    private final AnswerWriter answers;
    private final boolean enforce;
    private final boolean watchPlain;
    private final Answerer answerer;

    RequestPath(GuardConfig config, Deployment deployment, ServletContext context, GuardCounters counters,
            IncidentReporter reporter, Answerer answerer) {
        this.answerer = answerer;
        this.config = config;
        this.deployment = deployment;
        this.context = context;
        this.counters = counters;
        this.reporter = reporter;
        this.answers = new AnswerWriter(deployment.container());
        this.enforce = config.mode() == Mode.ENFORCE;
        // Whether any endpoint is known is asked per request: a framework may tell its endpoints after init.
        this.watchPlain = config.plainRequests() != PlainRequests.IGNORE;
    }

    /**
     * The endpoint a plain GET addresses, when {@code plain-requests} asks to watch them, or null.
     * Called for every non-upgrade request: header-free, allocation-free.
     */
    KnownEndpoint plainRequestEndpoint(HttpServletRequest request) {
        if (!watchPlain) {
            return null;
        }
        // Read once: a framework may hand its endpoints over while requests run.
        EndpointRegistry known = deployment.endpoints();
        if (known.isEmpty() || !"GET".equals(request.getMethod())) {
            return null;
        }
        return known.matchPathInContext(request.getServletPath(), request.getPathInfo());
    }

    /** An upgrade attempt: Upgrade names websocket, or Sec-WebSocket-Key or Sec-WebSocket-Version is present. */
    void onUpgradeHeaders(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        Handshake handshake;
        try {
            if (!firstVisit(request)) {
                chain.doFilter(request, response);
                return;
            }
            handshake = HandshakeClassifier.classify(new ServletHandshakeRequest(request));
            if (!handshake.kind().isAttempt()) {
                // Not an attempt after all (the fast path lets few of these through): not ours, unless it is a
                // plain GET to an endpoint.
                request.removeAttribute(HANDLED_ATTRIBUTE);
                if (plainRequestEndpoint(request) != null) {
                    onPlainRequest(request, response, chain);
                } else {
                    chain.doFilter(request, response);
                }
                return;
            }
            counters.upgradeRequest();
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
            chain.doFilter(request, response);
            return;
        }
        DiagnosisCode invalid = Verdicts.forInvalid(handshake.kind());
        if (invalid != null && enforce) {
            answer(request, response, invalid, handshake);
            return;
        }
        // Only a valid handshake can be misrouted, so only its answer is held back for replacing.
        HoldBackResponse held = new HoldBackResponse(response,
                enforce && invalid == null ? config.bufferLimit() : -1);
        Throwable failure = null;
        try {
            chain.doFilter(request, held);
        } catch (IOException | ServletException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            afterChain(request, response, held, handshake, invalid, failure);
        }
    }

    /** A plain GET (no upgrade headers) to a known endpoint path. */
    void onPlainRequest(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        try {
            if (!firstVisit(request)) {
                chain.doFilter(request, response);
                return;
            }
            if (enforce && config.plainRequests() == PlainRequests.REJECT) {
                answer(request, response, DiagnosisCode.WSG06, null);
                return;
            }
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, response);
        try {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(AsyncFollower.listener(() -> reportPlain(request, response),
                        reporter));
            } else {
                reportPlain(request, response);
            }
        } catch (RuntimeException | LinkageError e) {
            reporter.internalError(e);
        }
    }

    private void reportPlain(HttpServletRequest request, HttpServletResponse response) {
        reporter.report(diagnosis(DiagnosisCode.WSG06, DiagnosisCode.WSG06.defaultLevel(), request, null,
                described(request, ServletFacts.answer(request, response, null, null), null), Enforcement.NONE));
    }

    /**
     * The observation with who answered as the framework describes it: asked only for an answer being diagnosed,
     * so a framework's description costs nothing on the requests that go well.
     */
    private Observation described(HttpServletRequest request, Observation observation, DiagnosisCode code) {
        Responder r = answerer.describe(request, observation.status(), observation.responder(), code);
        return r == observation.responder() ? observation : observation.withResponder(r);
    }

    private boolean firstVisit(HttpServletRequest request) {
        if (request.getDispatcherType() != DispatcherType.REQUEST || request.getAttribute(HANDLED_ATTRIBUTE) != null) {
            return false;
        }
        request.setAttribute(HANDLED_ATTRIBUTE, Boolean.TRUE);
        return true;
    }

    /** Enforce mode: wsguard answers a bad handshake (or a rejected plain request) itself. */
    private void answer(HttpServletRequest request, HttpServletResponse response, DiagnosisCode code,
            Handshake handshake) throws IOException {
        Diagnosis d = diagnosis(code, code.defaultLevel(), request, handshake, null, Enforcement.ANSWERED);
        if (handshake != null) {
            reporter.upgrade(GuardListener.MALFORMED);
        }
        reporter.report(d);
        answers.write(response, EnforceAnswer.forCode(code, handshake), details(d));
    }

    private void afterChain(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held,
            Handshake handshake, DiagnosisCode invalid, Throwable failure) {
        try {
            if (failure == null && request.isAsyncStarted()) {
                held.passOn(Enforcement.NOT_REPLACED_ASYNC);
                request.getAsyncContext().addListener(AsyncFollower.listener(
                        () -> conclude(request, response, held, handshake, invalid, null, false), reporter));
                return;
            }
            conclude(request, response, held, handshake, invalid, failure, failure == null);
        } catch (IOException | RuntimeException | LinkageError e) {
            held.passOnQuietly(null);
            if (!(e instanceof IOException)) {
                reporter.internalError(e);
            }
        }
    }

    /** Decides from what the chain answered, replaces a 2xx in enforce mode, and reports. */
    private void conclude(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held,
            Handshake handshake, DiagnosisCode invalid, Throwable failure, boolean mayReplace) throws IOException {
        Observation observation = ServletFacts.answer(request, response, held, failure);
        if (invalid != null) {
            observation = described(request, observation, null);
            reporter.upgrade(GuardListener.MALFORMED);
            held.passOn(null);
            reporter.report(diagnosis(invalid, invalid.defaultLevel(), request, handshake, observation,
                    Enforcement.NONE));
            return;
        }
        int status = observation.status();
        boolean http2 = Handshake.overHttp2(handshake);
        if (http2 && status >= 200 && status < 300 && upgradedOverHttp2(request, response, held)) {
            // RFC 8441 accepts with a 200, not a 101: where wsguard runs ahead of the container's WebSocket
            // filter it sees the working upgrades too, and must neither report nor replace them.
            counters.upgradeCompleted();
            reporter.upgrade(GuardListener.ACCEPTED);
            held.passOn(null);
            return;
        }
        DiagnosisCode code = Verdicts.forAnswer(status, http2);
        if (code == null) {
            if (status == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                counters.upgradeCompleted();
                reporter.upgrade(GuardListener.ACCEPTED);
            } else {
                reporter.upgrade(GuardListener.OTHER);
            }
            held.passOn(null);
            return;
        }
        observation = described(request, observation, code);
        reporter.upgrade(code == DiagnosisCode.WSG07 ? GuardListener.REFUSED : GuardListener.MISROUTED);
        Level level = Verdicts.level(code, status);
        Enforcement enforcement = Enforcement.NONE;
        if (enforce) {
            if (code != DiagnosisCode.WSG01) {
                enforcement = Enforcement.UNCHANGED;
            } else if (!mayReplace) {
                enforcement = held.passedOnBecause() != null ? held.passedOnBecause() : Enforcement.NOT_REPLACED_ASYNC;
            } else {
                Diagnosis replaced = diagnosis(code, level, request, handshake, observation, Enforcement.REPLACED);
                enforcement = held.replaceWith(EnforceAnswer.forCode(code, handshake), details(replaced), answers,
                        () -> reporter.report(replaced));
                if (enforcement == Enforcement.REPLACED) {
                    return;
                }
            }
        }
        held.passOn(null);
        reporter.report(diagnosis(code, level, request, handshake, observation, enforcement));
    }

    /**
     * Whether a 2xx to an extended CONNECT is the WebSocket the container accepted rather than a resource's page.
     * A container may mark the stream it upgraded; elsewhere an accepted WebSocket writes no content type and no
     * body through the servlet response, where a page does. An empty 2xx of a servlet counts as accepted: a missed
     * diagnosis is better than breaking a working WebSocket.
     */
    private boolean upgradedOverHttp2(HttpServletRequest request, HttpServletResponse response,
            HoldBackResponse held) {
        if (deployment.container().upgradedOverHttp2(request)) {
            return true;
        }
        return response.getContentType() == null && !held.outputObtained();
    }

    private Diagnosis diagnosis(DiagnosisCode code, Level level, HttpServletRequest request, Handshake handshake,
            Observation observation, Enforcement enforcement) {
        RequestFacts facts = ServletFacts.request(request);
        boolean support = context.getAttribute(StartupReport.JAKARTA_SERVER_CONTAINER) != null;
        return new Diagnosis(code, level, deployment, facts, handshake, observation, enforcement, support);
    }

    /** The whole diagnosis for the answer's body where {@code details=true}, else null. */
    private String details(Diagnosis d) {
        return config.details() ? d.line() : null;
    }
}
