package dev.wsguard;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.LogSink;
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
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeClassifier;
import dev.wsguard.report.GuardCounters;
import dev.wsguard.report.GuardMBean;
import dev.wsguard.report.IncidentLog;
import dev.wsguard.report.JmxRegistration;
import dev.wsguard.report.LogOutput;
import dev.wsguard.startup.StartupFacts;
import dev.wsguard.startup.StartupInspector;
import dev.wsguard.startup.StartupLine;
import dev.wsguard.startup.StartupReport;
import dev.wsguard.text.Sanitizer;
import jakarta.servlet.AsyncEvent;
import jakarta.servlet.AsyncListener;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletMapping;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;

/**
 * One filter instance's working parts: settings, knowledge of the context, the incident log and
 * counters, and the slow path that every upgrade attempt takes. {@link WebSocketGuardFilter} only
 * decides, cheaply, whether a request needs it.
 */
final class Guard {

    /** Marks a request as handled, so a second wsguard filter (webapp and container-wide) stays out of it. */
    static final String HANDLED_ATTRIBUTE = "dev.wsguard.handled";
    /** How many incident lines wait for the startup report at most; the scan's own budget bounds how long. */
    static final int HELD_BEFORE_STARTUP_REPORT = 64;
    /** Marks a context whose startup report was written, so it is written once per context. */
    static final String STARTUP_REPORTED_ATTRIBUTE = "dev.wsguard.startup.reported";

    private final GuardConfig config;
    private final Deployment deployment;
    private final ServletContext context;
    private final LogOutput output;
    private final IncidentLog incidents;
    private final GuardCounters counters;
    private final AnswerWriter answers;
    private final boolean enforce;
    private final boolean watchPlain;
    private final AtomicBoolean internalErrorLogged = new AtomicBoolean();
    private final CountDownLatch startupReported = new CountDownLatch(1);
    /**
     * Incident lines that came while the startup scan still ran: written just after WSG00, so the summary
     * comes first and the lines know what the scan found (a javax endpoint at that path, say). Bounded;
     * past it, lines are written at once.
     */
    private final List<Diagnosis> beforeStartupReport = new ArrayList<>();
    private volatile boolean startupReportWritten;
    private volatile JmxRegistration jmx;
    private Thread sweeper;

    Guard(GuardConfig config, Deployment deployment, ServletContext context, LogOutput output, GuardCounters counters) {
        this.config = config;
        this.deployment = deployment;
        this.context = context;
        this.output = output;
        this.counters = counters;
        this.incidents = new IncidentLog(output, config.logWindowSeconds(), IncidentLog.DEFAULT_MAX_KEYS,
                System::nanoTime);
        this.answers = new AnswerWriter(deployment.container());
        this.enforce = config.mode() == Mode.ENFORCE;
        this.watchPlain = config.plainRequests() != PlainRequests.IGNORE && !deployment.endpoints().isEmpty();
    }

    /**
     * Starts the guard. The MBean is registered here, in every mode, so it exists when {@code init}
     * returns (SPEC: registered in init, unregistered in destroy). The startup report is written once
     * per context (a second wsguard filter in the same context, container-wide and in web.xml, stays
     * quiet). Except in mode off, the webapp scan and the report run on wsguard's own thread, so the
     * deployment does not wait for them; the same thread then ends log windows as their time runs out.
     */
    void start(StartupFacts facts) {
        boolean report = firstInContext();
        if (!report) {
            // Another wsguard filter of this context writes the report; this one has nothing to wait for.
            writeHeldIncidents();
            startupReported.countDown();
        }
        // The first platform MBean server of a JVM costs about 130 ms where the container has none yet; the
        // contract wants the bean visible once init returns, so the deployment pays it.
        registerMBean();
        if (config.mode() == Mode.OFF) {
            if (report) {
                writeStartupReport(facts);
            }
            return;
        }
        sweeper = new Thread(() -> {
            if (report) {
                writeStartupReport(scanned(facts));
            }
            sweepEverySecond();
        }, "wsguard-log-window " + deployment.contextName());
        sweeper.setDaemon(true);
        sweeper.start();
    }

    /** The facts with what the webapp scan found; without it if the scan failed. */
    private StartupFacts scanned(StartupFacts facts) {
        try {
            return StartupInspector.scanWebapp(context, facts);
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
            return facts;
        }
    }

    private void registerMBean() {
        try {
            List<String> paths = new ArrayList<>();
            for (KnownEndpoint e : deployment.endpoints().all()) {
                paths.add(e.path());
            }
            jmx = JmxRegistration.register(new GuardMBean(counters, config.mode().name().toLowerCase(Locale.ROOT),
                    deployment.contextPath(), paths.toArray(new String[0]), context.getServerInfo()),
                    deployment.contextName());
        } catch (Exception | LinkageError e) {
            // JMX is optional (a locked-down container may forbid it); diagnoses still work.
            output.write(Level.FINE, DiagnosisCode.WSG00 + " JMX registration skipped: " + Sanitizer.field(e.toString()));
        }
    }

    private void writeStartupReport(StartupFacts facts) {
        try {
            for (StartupLine line : StartupReport.lines(facts)) {
                counters.count(line.code());
                incidents.write(line.level(), line.text());
            }
        } finally {
            writeHeldIncidents();
            startupReported.countDown();
        }
    }

    /** Writes the incident lines held while the startup report was pending; from then on lines go out at once. */
    private void writeHeldIncidents() {
        List<Diagnosis> held;
        synchronized (beforeStartupReport) {
            startupReportWritten = true;
            held = new ArrayList<>(beforeStartupReport);
            beforeStartupReport.clear();
        }
        for (Diagnosis d : held) {
            incidents.write(d.level(), d.line());
        }
    }

    /** Waits, bounded, until the startup report is written (or skipped); for tests and tools. */
    boolean awaitStartupReport(long timeout, TimeUnit unit) throws InterruptedException {
        return startupReported.await(timeout, unit);
    }

    /**
     * Ends the windows (their summaries are written), stops the sweeper and waits for its thread to
     * end, so a container's leak check at undeploy finds nothing left, and unregisters the MBean.
     */
    void stop() {
        Thread t = sweeper;
        if (t != null) {
            t.interrupt();
            try {
                t.join(TimeUnit.SECONDS.toMillis(5));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        // A scan cut off by undeploy never wrote its report: its held lines still go out.
        writeHeldIncidents();
        incidents.flush();
        if (jmx != null) {
            jmx.close();
        }
    }

    /** Ends log windows as their time runs out, so summaries appear even when traffic stops. */
    private void sweepEverySecond() {
        while (!Thread.currentThread().isInterrupted()) {
            try {
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            }
            sweepQuietly();
        }
    }

    private void sweepQuietly() {
        try {
            incidents.sweep();
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
    }

    GuardCounters counters() {
        return counters;
    }

    private boolean firstInContext() {
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

    /**
     * The endpoint a plain GET addresses, when {@code plain-requests} asks to watch them, or null.
     * Called for every non-upgrade request: header-free, allocation-free.
     */
    KnownEndpoint plainRequestEndpoint(HttpServletRequest request) {
        if (!watchPlain || !"GET".equals(request.getMethod())) {
            return null;
        }
        return deployment.endpoints().matchPathInContext(request.getServletPath(), request.getPathInfo());
    }

    // ---- the slow path ----

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
            internalError(e);
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
            internalError(e);
            chain.doFilter(request, response);
            return;
        }
        chain.doFilter(request, response);
        try {
            if (request.isAsyncStarted()) {
                request.getAsyncContext().addListener(new Follower(request, response, null, null, null));
            } else {
                report(diagnosis(DiagnosisCode.WSG06, DiagnosisCode.WSG06.defaultLevel(), request, null,
                        observe(request, response, null, null), Enforcement.NONE));
            }
        } catch (RuntimeException | LinkageError e) {
            internalError(e);
        }
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
        report(d);
        answers.write(response, EnforceAnswer.forCode(code, handshake), details(d));
    }

    private void afterChain(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held,
            Handshake handshake, DiagnosisCode invalid, Throwable failure) {
        try {
            if (failure == null && request.isAsyncStarted()) {
                held.passOn(Enforcement.NOT_REPLACED_ASYNC);
                request.getAsyncContext().addListener(new Follower(request, response, held, handshake, invalid));
                return;
            }
            conclude(request, response, held, handshake, invalid, failure, failure == null);
        } catch (IOException | RuntimeException | LinkageError e) {
            held.passOnQuietly(null);
            if (!(e instanceof IOException)) {
                internalError(e);
            }
        }
    }

    /** Decides from what the chain answered, replaces a 2xx in enforce mode, and reports. */
    private void conclude(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held,
            Handshake handshake, DiagnosisCode invalid, Throwable failure, boolean mayReplace) throws IOException {
        Observation observation = observe(request, response, held, failure);
        if (invalid != null) {
            held.passOn(null);
            report(diagnosis(invalid, invalid.defaultLevel(), request, handshake, observation, Enforcement.NONE));
            return;
        }
        int status = observation.status();
        boolean http2 = Handshake.overHttp2(handshake);
        if (http2 && status >= 200 && status < 300 && upgradedOverHttp2(request, response, held)) {
            // RFC 8441 accepts with a 200, not a 101: where wsguard runs ahead of the container's WebSocket
            // filter it sees the working upgrades too, and must neither report nor replace them.
            counters.upgradeCompleted();
            held.passOn(null);
            return;
        }
        DiagnosisCode code = Verdicts.forAnswer(status, http2);
        if (code == null) {
            if (status == HttpServletResponse.SC_SWITCHING_PROTOCOLS) {
                counters.upgradeCompleted();
            }
            held.passOn(null);
            return;
        }
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
                        () -> report(replaced));
                if (enforcement == Enforcement.REPLACED) {
                    return;
                }
            }
        }
        held.passOn(null);
        report(diagnosis(code, level, request, handshake, observation, enforcement));
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

    private Observation observe(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held,
            Throwable failure) {
        int status = response.getStatus();
        if (failure != null && !response.isCommitted()) {
            status = HttpServletResponse.SC_INTERNAL_SERVER_ERROR;
        }
        return Observation.status(status)
                .contentType(response.getContentType())
                .location(response.getHeader("Location"))
                .wwwAuthenticate(response.getHeader("WWW-Authenticate"))
                .responder(responder(request))
                .body(held == null ? null : held.sample())
                .failure(failure == null ? null : failure.getClass().getName())
                .build();
    }

    private static Responder responder(HttpServletRequest request) {
        try {
            HttpServletMapping m = request.getHttpServletMapping();
            if (m == null) {
                return Responder.unknown();
            }
            return new Responder(m.getServletName(), m.getPattern(),
                    m.getMappingMatch() == null ? null : m.getMappingMatch().name());
        } catch (RuntimeException e) {
            // Some wrappers do not implement the mapping; the diagnosis simply names no servlet.
            return Responder.unknown();
        }
    }

    private Diagnosis diagnosis(DiagnosisCode code, Level level, HttpServletRequest request, Handshake handshake,
            Observation observation, Enforcement enforcement) {
        RequestFacts facts = new RequestFacts(request.getMethod(), request.getRequestURI(), request.getContextPath(),
                request.getProtocol(), request.getRemoteAddr(), clientScheme(request), request.getHeader("Host"));
        boolean support = context.getAttribute(StartupReport.JAKARTA_SERVER_CONTAINER) != null;
        return new Diagnosis(code, level, deployment, facts, handshake, observation, enforcement, support);
    }

    /**
     * The scheme the client used: a TLS-terminating proxy forwards https as plain http and says so in
     * X-Forwarded-Proto, so the ws:// or wss:// hint follows what the browser used.
     */
    private static String clientScheme(HttpServletRequest request) {
        String forwarded = request.getHeader("X-Forwarded-Proto");
        if (forwarded != null) {
            int comma = forwarded.indexOf(',');
            String first = (comma >= 0 ? forwarded.substring(0, comma) : forwarded).trim();
            if (first.equalsIgnoreCase("https") || first.equalsIgnoreCase("http")) {
                return first;
            }
        }
        return request.getScheme();
    }

    private String details(Diagnosis d) {
        return config.details() ? d.line() : null;
    }

    /**
     * Counts every incident; logs it in full unless the rate limiter only counts it. An enforce-mode answer
     * is written only after this: the line exists before the client reads the answer, and a flood of new
     * paths pays for its lines in its own latency instead of in container threads left finishing log lines
     * after their clients have moved on.
     */
    private void report(Diagnosis d) {
        counters.count(d.code());
        if (output.isLoggable(d.level()) && incidents.admit(d.code(), d.level(), d.request().requestUri())) {
            if (!startupReportWritten && holdUntilStartupReport(d)) {
                return;
            }
            incidents.write(d.level(), d.line());
        }
    }

    private boolean holdUntilStartupReport(Diagnosis d) {
        synchronized (beforeStartupReport) {
            if (startupReportWritten || beforeStartupReport.size() >= HELD_BEFORE_STARTUP_REPORT) {
                return false;
            }
            beforeStartupReport.add(d);
            return true;
        }
    }

    private void internalError(Throwable e) {
        counters.count(DiagnosisCode.WSG99);
        if (internalErrorLogged.compareAndSet(false, true)) {
            output.write(Level.SEVERE, DiagnosisCode.WSG99 + " wsguard failed on a request and passed it on unchanged"
                    + " (further internal errors are only counted in JMX): " + Sanitizer.field(String.valueOf(e), 512));
        }
    }

    /** Follows a request whose answer is completed asynchronously, and diagnoses it at the end. */
    private final class Follower implements AsyncListener {
        private final HttpServletRequest request;
        private final HttpServletResponse response;
        private final HoldBackResponse held;
        private final Handshake handshake;
        private final DiagnosisCode invalid;
        private final AtomicBoolean done = new AtomicBoolean();

        Follower(HttpServletRequest request, HttpServletResponse response, HoldBackResponse held, Handshake handshake,
                DiagnosisCode invalid) {
            this.request = request;
            this.response = response;
            this.held = held;
            this.handshake = handshake;
            this.invalid = invalid;
        }

        @Override
        public void onComplete(AsyncEvent event) {
            if (!done.compareAndSet(false, true)) {
                return;
            }
            try {
                if (held == null) {
                    report(diagnosis(DiagnosisCode.WSG06, DiagnosisCode.WSG06.defaultLevel(), request, null,
                            observe(request, response, null, null), Enforcement.NONE));
                } else {
                    conclude(request, response, held, handshake, invalid, null, false);
                }
            } catch (IOException | RuntimeException | LinkageError e) {
                if (!(e instanceof IOException)) {
                    internalError(e);
                }
            }
        }

        @Override
        public void onTimeout(AsyncEvent event) {
            // The container completes (or errors) the request next; onComplete diagnoses it.
        }

        @Override
        public void onError(AsyncEvent event) {
            // As for timeouts: onComplete follows.
        }

        @Override
        public void onStartAsync(AsyncEvent event) {
            // A new startAsync() drops listeners unless they re-register.
            if (event.getAsyncContext() != null) {
                event.getAsyncContext().addListener(this);
            }
        }
    }

    static LogOutput outputFor(GuardConfig config, ServletContext context) {
        LogSink sink = config.logSink();
        return new LogOutput(sink != LogSink.SERVLET_CONTEXT, sink == LogSink.LOGGER ? null : context::log);
    }
}
