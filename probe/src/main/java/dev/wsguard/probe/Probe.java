package dev.wsguard.probe;

import dev.wsguard.diagnosis.BodySample;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.diagnosis.Verdicts;
import dev.wsguard.handshake.ProxyFingerprint;
import dev.wsguard.text.Wording;
import dev.wsguard.text.Sanitizer;
import java.security.SecureRandom;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * One run: the handshake, then either the checks after a 101 or the diagnosis of any other answer, with redirects
 * followed and variants tried, never more than {@value #MAX_REQUESTS} requests and never past the deadline.
 */
final class Probe {

    static final int MAX_REQUESTS = 6;
    static final int MAX_REDIRECTS = 3;

    private final Options options;
    private final Connector connector;
    private final Deadline deadline;
    private final SecureRandom random = new SecureRandom();
    private int requests;

    private final boolean tryH2;

    Probe(Options options, Connector connector) {
        this(options, connector, Deadline.inMillis(options.timeoutMillis), true);
    }

    /**
     * A probe under a given deadline (a hop of {@code --direct} shares the run's); {@code tryH2}: whether a misrouted
     * TLS answer gets the one HTTP/2 check (the proxied hop only).
     */
    Probe(Options options, Connector connector, Deadline deadline, boolean tryH2) {
        this.options = options;
        this.connector = connector;
        this.deadline = deadline;
        this.tryH2 = tryH2;
    }

    Report run(Target target) {
        Report report = new Report();
        report.url(target.toString());
        Exchange.Answer first;
        try {
            first = send(target);
        } catch (ProbeException e) {
            return failed(report, e);
        } finally {
            report.requests = requests;
        }
        try {
            if (first.status() == 101) {
                return switched(report, first);
            }
            return diagnosed(report, first);
        } finally {
            report.requests = requests;
        }
    }

    private Exchange.Answer send(Target target) throws ProbeException {
        requests++;
        return Exchange.handshake(connector, target, Accept.newKey(random), options.origin, options.headers, deadline);
    }

    private Report failed(Report report, ProbeException e) {
        report.verdict = e.verdict();
        report.detail(e.getMessage());
        report.fix(ProbeText.of(e.fixKey()));
        return report;
    }

    /** A 101: right accept, a pong, and the answer to --send. */
    private Report switched(Report report, Exchange.Answer answer) {
        Wire wire = answer.wire();
        try {
            describeAnswer(report, answer);
            ProbeException bad = Session.checkSwitch(answer.head(), answer.key());
            if (bad != null) {
                report.accept = "wrong";
                return failed(report, bad);
            }
            report.accept = "ok";
            report.pongMs = Session.ping(wire, random);
            if (options.send != null) {
                report.sent(options.send);
                String echo = Session.exchangeText(wire, options.send, random);
                report.echo(echo);
                if (echo == null) {
                    report.detail(ProbeText.of("echo.none"));
                }
            }
            report.verdict = Verdict.WORKS;
            report.works(answer.target().toString());
            report.fix(ProbeText.of("fix.works"));
            return report;
        } catch (ProbeException e) {
            return failed(report, e);
        } finally {
            Session.close(wire, random);
        }
    }

    private static void describeAnswer(Report report, Exchange.Answer answer) {
        report.status = answer.status();
        report.reason(answer.head().reason());
        report.handshakeMs = answer.millis();
        for (String name : AnsweredBy.OF_INTEREST) {
            String value = answer.head().first(name);
            if (value != null) {
                report.header(name, value);
            }
        }
        AnsweredBy.Named proxy = AnsweredBy.proxy(answer.head());
        if (proxy != null) {
            report.proxy = proxy.who();
            report.proxyEvidence = Report.clean(proxy.evidence());
        }
        for (String name : AnsweredBy.names(answer.head())) {
            report.answeredBy.add(Report.clean(name));
        }
        if (answer.status() != 101) {
            report.bodyDescription(answer.body().describe());
            if (serverCode(answer.head()) != null) {
                report.serverAnswer(answer.body().text());
            }
        }
    }

    /** Any other answer: the filter's code for it, who answered, redirects, variants, and the fix. */
    private Report diagnosed(Report report, Exchange.Answer answer) {
        describeAnswer(report, answer);
        int status = answer.status();
        DiagnosisCode code = Verdicts.forAnswer(status, false);
        DiagnosisCode serverCode = serverCode(answer.head());
        if (serverCode != null && code != null) {
            // The application's own wsguard (enforce mode) answered in place of what it caught: its code names the
            // cause, where the status alone (400, 426) would only say "refused".
            code = serverCode;
        }
        if (code == null) {
            report.verdict = Verdict.PROTOCOL_ERROR;
            report.detail("an interim answer " + status + " to a handshake");
            report.fix(ProbeText.of("fix.protocol.interim"));
            return report;
        }
        report.code = code;
        report.verdict = code == DiagnosisCode.WSG07 ? Verdict.REFUSED : Verdict.MISROUTED;
        String fix = fixFor(answer, code);
        if (status >= 300 && status < 400) {
            fix = followRedirects(report, answer, fix);
        } else if (report.verdict == Verdict.MISROUTED) {
            String found = tryVariants(report, answer);
            if (found != null) {
                fix = found;
            } else {
                if (tryH2) {
                    fix = checkH2(report, answer.target(), fix);
                }
                if (code != DiagnosisCode.WSG03) {
                    fix = withStrippingProxy(fix, answer.head());
                }
            }
        }
        report.fix(fix);
        return report;
    }

    /**
     * A proxy that does not forward upgrades unless told (nginx, Apache httpd...) answered in front: the path may be
     * right and the proxy the cause, so its fix, in the filter's words, follows the path advice.
     */
    private static String withStrippingProxy(String fix, ResponseHead head) {
        for (ProxyFingerprint proxy : AnsweredBy.proxies(head)) {
            if (!proxy.forwardsUpgrades()) {
                String nginx = String.valueOf(Wording.of(ProxyFingerprint.NGINX, "config"));
                String proxyFix = Wording.fill(proxy, "fix", "nginx", nginx, "hop",
                        Wording.fill(DiagnosisCode.WSG03, "hop", "nginx", nginx));
                return fix + " " + ProbeText.fill("fix.proxy.strips", "proxy", proxy.displayName(), "fix", proxyFix);
            }
        }
        return fix;
    }

    /**
     * The one HTTP/2 check (RFC 8441) after a misrouted HTTP/1.1 answer on a TLS URL: reported in {@code h2}, and as a
     * variant when an h2 answer came; the fix gains a sentence when WebSocket over h2 is accepted there.
     */
    private String checkH2(Report report, Target target, String fix) {
        if (!target.secure()) {
            report.h2(new H2Check.Result(null, null, null, false, ProbeText.of("h2.cleartext")));
            return fix;
        }
        if (deadline.expired()) {
            return fix;
        }
        H2Check.Result result = H2Check.run(connector, target, options.origin, options.headers, deadline);
        report.h2(result);
        if (result.status() != null) {
            report.variant(target.toString(), result.status(), null, false, report.h2.note());
        }
        return result.accepted() ? fix + " " + ProbeText.of("fix.h2.accepted") : fix;
    }

    /** The code a wsguard in enforce mode put in its answer ({@code WSGuard-Code}), if it is one of a request's. */
    static DiagnosisCode serverCode(ResponseHead head) {
        String value = head.first(dev.wsguard.diagnosis.EnforceAnswer.CODE_HEADER);
        if (value == null) {
            return null;
        }
        for (DiagnosisCode c : DiagnosisCode.values()) {
            if (c.name().equals(value.trim()) && c.compareTo(DiagnosisCode.WSG01) >= 0
                    && c.compareTo(DiagnosisCode.WSG08) <= 0) {
                return c;
            }
        }
        return null;
    }

    private String fixFor(Exchange.Answer answer, DiagnosisCode code) {
        int status = answer.status();
        BodySample body = answer.body();
        String description = body.describe();
        String statusText = String.valueOf(status);
        switch (code) {
            case WSG01:
                if (Variants.isSockJsGreeting(body)) {
                    return ProbeText.fill("fix.sockjs", "path", Report.clean(answer.target().path()));
                }
                if (Variants.isSocketIo(answer.target(), body)) {
                    return ProbeText.of("fix.socketio");
                }
                if (description.endsWith("looks like a login page")) {
                    return ProbeText.of("fix.WSG01.login");
                }
                if (description.endsWith("single-page-app shell")) {
                    return ProbeText.of("fix.WSG01.spa");
                }
                return ProbeText.of(description.startsWith("an HTML page") ? "fix.WSG01.html" : "fix.WSG01");
            case WSG02:
                return ProbeText.of("fix.WSG02");
            case WSG03:
                // The filter's own proxy fix: the probe sent both headers, so a hop on the way removed them.
                return ProbeText.of("fix.WSG03") + " " + Wording.fill(DiagnosisCode.WSG03, "fix", "nginx",
                        String.valueOf(Wording.of(ProxyFingerprint.NGINX, "config")));
            case WSG04:
            case WSG05:
                return ProbeText.fill("fix.rewritten", "code", code.name());
            case WSG06:
                return ProbeText.fill("fix.WSG08", "status", statusText);
            case WSG07:
                if (status >= 300 && status < 400) {
                    String location = answer.head().first("Location");
                    if (looksLikeLogin(location)) {
                        return ProbeText.of("fix.WSG07.login");
                    }
                    return ProbeText.fill("fix.WSG07.redirect", "status", statusText, "location",
                            Report.clean(location));
                }
                if (status == 401) {
                    return ProbeText.fill("fix.WSG07.401", "challenge",
                            Report.clean(String.valueOf(answer.head().first("WWW-Authenticate"))));
                }
                if (status == 403) {
                    return ProbeText.of("fix.WSG07.403");
                }
                if (status == 502 || status == 503 || status == 504) {
                    return ProbeText.fill("fix.WSG07.gateway", "status", statusText);
                }
                return ProbeText.fill("fix.WSG07.5xx", "status", statusText);
            default:
                if (status == 426) {
                    List<String> versions = answer.head().values("Sec-WebSocket-Version");
                    return versions.isEmpty() ? ProbeText.of("fix.WSG08.426.bare")
                            : ProbeText.fill("fix.WSG08.426", "versions", Report.clean(String.join(", ", versions)));
                }
                if (Variants.isSocketIo(answer.target(), body)) {
                    return ProbeText.of("fix.socketio");
                }
                if (status == 400) {
                    return ProbeText.of("fix.WSG08.400");
                }
                if (status == 405) {
                    return ProbeText.of("fix.WSG08.405");
                }
                return ProbeText.fill("fix.WSG08", "status", statusText);
        }
    }

    /** Where a redirect to a login page goes, by the words such URLs use. */
    static boolean looksLikeLogin(String location) {
        if (location == null) {
            return false;
        }
        String l = location.toLowerCase(Locale.ROOT);
        return l.contains("login") || l.contains("signin") || l.contains("sign-in") || l.contains("logon")
                || l.contains("/auth") || l.contains("sso") || l.contains("oauth") || l.contains("saml");
    }

    /** Follows Location with the same handshake, at most {@value #MAX_REDIRECTS} hops; the fix, changed by what came. */
    private String followRedirects(Report report, Exchange.Answer first, String fix) {
        Set<String> seen = new HashSet<>();
        seen.add(first.target().key());
        Exchange.Answer current = first;
        for (int hop = 0; hop < MAX_REDIRECTS; hop++) {
            String location = current.head().first("Location");
            if (location == null || current.status() < 300 || current.status() >= 400) {
                return fix;
            }
            Target next = current.target().resolve(location);
            if (next == null) {
                report.redirect(location, null, null, false,
                        ProbeText.fill("redirect.unusable", "location", Report.clean(location)));
                return fix;
            }
            if (!seen.add(next.key())) {
                report.redirect(next.toString(), null, null, false,
                        ProbeText.fill("redirect.loop", "url", Report.clean(next.toString())));
                return ProbeText.fill("fix.WSG07.redirect.loop", "url", Report.clean(next.toString()));
            }
            if (requests >= MAX_REQUESTS || deadline.expired()) {
                return fix;
            }
            Exchange.Answer answer;
            try {
                answer = send(next);
            } catch (ProbeException e) {
                report.redirect(next.toString(), null, null, false, e.verdict().label() + ": " + Report.clean(e.getMessage()));
                return fix;
            }
            if (answer.status() == 101) {
                boolean right = Session.checkSwitch(answer.head(), answer.key()) == null;
                Session.close(answer.wire(), random);
                report.redirect(next.toString(), 101, null, right, null);
                if (right) {
                    report.works(next.toString());
                    return ProbeText.fill("fix.WSG07.redirect.works", "url", Report.clean(next.toString()));
                }
                return fix;
            }
            // An enforcing wsguard behind the redirect names the cause with its own code, as for a first answer.
            DiagnosisCode server = serverCode(answer.head());
            DiagnosisCode code = server != null ? server : Verdicts.forAnswer(answer.status(), false);
            report.redirect(next.toString(), answer.status(), code, false, Report.described(answer.body().describe()));
            current = answer;
        }
        if (current.status() >= 300 && current.status() < 400) {
            report.redirect(current.head().first("Location"), null, null, false,
                    ProbeText.fill("redirect.limit", "hops", String.valueOf(MAX_REDIRECTS)));
        }
        return fix;
    }

    /** Tries the variants while requests and time remain; the fix naming the first that answers 101, or null. */
    private String tryVariants(Report report, Exchange.Answer answer) {
        // A 400 hints at SockJS only when it is the server's own (not wsguard's enforce answer for another code).
        int status = report.code == DiagnosisCode.WSG08 ? answer.status() : 0;
        List<Variants.Variant> plan = Variants.plan(answer.target(), answer.body(), status, MAX_REQUESTS - requests);
        for (Variants.Variant variant : plan) {
            if (requests >= MAX_REQUESTS || deadline.expired()) {
                break;
            }
            Target t = variant.target();
            Exchange.Answer a;
            try {
                a = send(t);
            } catch (ProbeException e) {
                report.variant(t.toString(), null, null, false, e.verdict().label());
                continue;
            }
            if (a.status() == 101) {
                boolean right = Session.checkSwitch(a.head(), a.key()) == null;
                Session.close(a.wire(), random);
                report.variant(t.toString(), 101, null, right, right ? null : "a 101 with a wrong accept");
                if (right) {
                    report.works(t.toString());
                    return fixForVariant(answer.target(), variant);
                }
                continue;
            }
            DiagnosisCode server = serverCode(a.head());
            report.variant(t.toString(), a.status(), server != null ? server : Verdicts.forAnswer(a.status(), false),
                    false,
                    Report.described(a.body().describe()));
        }
        return null;
    }

    private static String fixForVariant(Target original, Variants.Variant variant) {
        String path = Report.clean(original.path());
        String variantPath = Report.clean(variant.target().requestTarget());
        switch (variant.kind()) {
            case SOCKJS:
                return ProbeText.fill("fix.variant.sockjs", "path", path, "variantPath", variantPath);
            case SOCKET_IO:
                return ProbeText.fill("fix.variant.socketio", "variantPath", variantPath);
            case HINT:
                return ProbeText.fill("fix.variant.hint", "variant", Sanitizer.field(variant.target().toString(),
                        Report.FIELD));
            default:
                return ProbeText.fill("fix.variant.works", "variant", Sanitizer.field(variant.target().toString(),
                        Report.FIELD));
        }
    }
}
