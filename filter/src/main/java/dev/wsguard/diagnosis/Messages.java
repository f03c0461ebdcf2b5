package dev.wsguard.diagnosis;

import static dev.wsguard.text.Sanitizer.field;

import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.ProxyFingerprint;
import dev.wsguard.text.Wording;
import java.util.ArrayList;
import java.util.List;

/**
 * Every per-request log line wsguard writes, in one place. A line reads: code, what happened,
 * who answered, the likely cause, the fix, and what enforce mode did. Request data always goes
 * through {@code Sanitizer.field}; the fixed text has no line breaks, so one incident is one line.
 */
public final class Messages {

    /**
     * What an nginx location needs to forward a handshake, valid as pasted (the {@code map} variant that keeps
     * keep-alive for plain requests is in docs/troubleshooting.md); quoted in every WSG03 that gives nginx's fix.
     */
    public static final String NGINX_LOCATION_FIX = Wording.of(ProxyFingerprint.NGINX, "config");

    /**
     * WSG03's advice where the proxy cannot be told, for each proxy one can meet: nothing quoted in it is
     * anything but what can be pasted as it stands.
     */
    static final String PROXY_FIX = Wording.fill(DiagnosisCode.WSG03, "fix", "nginx", NGINX_LOCATION_FIX);

    private static final int LISTED_ENDPOINTS = 5;

    private Messages() {
    }

    static String render(Diagnosis d) {
        switch (d.code()) {
            case WSG01:
            case WSG02:
            case WSG08:
                return misrouted(d);
            case WSG03:
                return stripped(d);
            case WSG04:
                return malformed(d);
            case WSG05:
                return version(d);
            case WSG06:
                return plain(d);
            case WSG07:
                return refused(d);
            default:
                return start(d, d.code().meaning()).toString();
        }
    }

    private static String misrouted(Diagnosis d) {
        Finding f = d.finding();
        StringBuilder b = start(d, "WebSocket upgrade").append(" was");
        answered(b, d.observation(), true);
        b.append(insteadOfAnUpgrade(d));
        BodySample body = d.observation() == null ? BodySample.empty() : d.observation().body();
        if (!body.isEmpty()) {
            b.append(" (body: ").append(body.describe()).append(')');
        }
        b.append(". ");
        if (d.code() == DiagnosisCode.WSG08 && f.cause() != Cause.ENDPOINT_ANSWERED_PLAIN_HTTP) {
            b.append("An ordinary resource refused it (one without GET, or a check of its own). ");
        }
        cause(b, d, f);
        if (f.alsoLikely() == Cause.PROXY_PATH_MAPPING) {
            // The client's URL may be right and the proxy's path mapping wrong: a fix of the client URL alone would
            // send the user round in circles.
            b.append(' ').append(Wording.fill(Cause.PROXY_PATH_MAPPING, null, "evidence",
                    joined(d.handshake().proxyEvidence()), "uri", field(d.request().requestUri())))
                    .append(' ').append(Wording.fill(Cause.PROXY_PATH_MAPPING, "fix", "mapping",
                            mappingHint(d.finding().proxy())));
        }
        return outcome(b, d);
    }

    /** How the named proxy maps paths; nginx's where none is named, the proxy most often met. */
    private static String mappingHint(ProxyFingerprint proxy) {
        String hint = proxy == null ? null : Wording.of(proxy, "mapping");
        return hint != null ? hint : Wording.of(ProxyFingerprint.NGINX, "mapping");
    }

    /** Why no endpoint took a valid handshake, and what to change: the finding's words, filled in. */
    private static void cause(StringBuilder b, Diagnosis d, Finding f) {
        Cause c = f.cause();
        Deployment dep = d.deployment();
        String path = field(d.request().path());
        KnownEndpoint e = f.endpoint();
        String endpoint = e == null ? "" : field(e.path());
        String label = e == null ? "" : field(e.label(), 64);
        switch (c) {
            case NO_WEBSOCKET_SUPPORT:
                sentences(b, c, null, "fix", dep.enableWebSocketFix());
                return;
            case MAPPED_ENDPOINT_DECLINED:
            case MAPPED_ENDPOINT_PREEMPTED:
                sentences(b, c, null, "mapped", field(f.mappedTemplate()), "container", dep.container().displayName());
                return;
            case JAVAX_ENDPOINT:
                sentences(b, c, null, "endpoint", endpoint, "label", e.source().label());
                return;
            case ENDPOINT_ANSWERED_PLAIN_HTTP:
                List<String> under = webSocketPathsUnder(dep.endpoints(), e.path());
                String client = e.client() != null
                        ? Wording.fill(c, "client", "client", e.client(), "endpoint", endpoint)
                        : Wording.of(c, "anyClient");
                b.append(Wording.fill(c, null, "endpoint", endpoint, "label", label)).append(' ')
                        .append(Wording.fill(c, under.isEmpty() ? "fix" : "fixWithPaths", "client", client,
                                "paths", String.join(" or ", under)));
                return;
            case FRAMEWORK_ENDPOINT_SHADOWED_BY_HANDLER:
                // The framework named the handler that took its endpoint's path, and how to put its own first.
                Responder r = d.observation().responder();
                b.append(Wording.fill(c, null, "endpoint", endpoint, "label", label, "answerer",
                        field(r.answerer(), 160))).append(' ').append(Wording.fill(c, "fix", "fix",
                        field(r.shadowFix(), 512)));
                return;
            case FRAMEWORK_ENDPOINT_SHADOWED:
                sentences(b, c, null, "endpoint", endpoint, "label", label, "path", path);
                return;
            case ORIGIN_REFUSED_PASSED_ON:
                // The same fix as where the container answers the refusal itself with 403.
                b.append(Wording.fill(c, null, "endpoint", endpoint, "label", label, "origin",
                        field(d.request().origin(), 128), "container", dep.container().displayName())).append(' ')
                        .append(Wording.of(Cause.ORIGIN_CHECK_REFUSED, "fix"));
                return;
            case ENDPOINT_NOT_DEPLOYED:
                EndpointRegistry registry = dep.endpoints();
                sentences(b, c, registry.containerListed() ? null : "unlisted", "endpoint", endpoint, "label", label,
                        "unavailable", registry.isComplete() ? "" : " (" + unavailable(registry) + ")");
                return;
            case FRAMEWORK_EXPLAINED_PATH:
                // The framework knows what the path is to it (a STOMP destination used as a URL), and its fix.
                String meaning = field(d.observation().responder().explanation(), 1024);
                b.append(Wording.fill(c, null, "path", path, "explanation", meaning)).append(meaning.endsWith(".")
                        ? "" : ".");
                return;
            case REGISTRY_UNAVAILABLE:
                cannotTell(b, d, f);
                return;
            case ENDPOINT_IN_OTHER_CONTEXT:
                b.append(Wording.fill(c, null, "path", path, "other", otherContext(dep, f.closest()))).append(' ')
                        .append(Wording.fill(c, "fix", "url", field(f.closest().urlPath())));
                return;
            case NO_ENDPOINT_IN_CONTEXT:
                sentences(b, c, null, "path", path);
                return;
            default:
                b.append(Wording.fill(c, null, "path", path));
                if (f.closest() != null) {
                    b.append(' ').append(Wording.fill(c, "closest", "closest", closest(d, f.closest())));
                } else {
                    b.append(' ').append(Wording.fill(c, "list", "list", list(dep.endpoints().all())));
                }
                b.append(' ').append(Wording.fill(c, "fix", "path", path));
        }
    }

    /** A cause's sentence ({@code variant} null for its own) and its fix, both filled from the same values. */
    private static void sentences(StringBuilder b, Cause c, String variant, String... namesAndValues) {
        b.append(Wording.fill(c, variant, namesAndValues));
        if (Wording.of(c, "fix") != null) {
            b.append(' ').append(Wording.fill(c, "fix", namesAndValues));
        }
    }

    /**
     * Neither wsguard's initializer nor the container could say which endpoints exist: say so instead of
     * claiming that none matches, and label any hint by the only list there is (the endpoints init-param).
     */
    private static void cannotTell(StringBuilder b, Diagnosis d, Finding f) {
        Cause c = Cause.REGISTRY_UNAVAILABLE;
        EndpointRegistry registry = d.deployment().endpoints();
        String path = field(d.request().path());
        ClosestEndpoint.Suggestion s = f.closest();
        b.append(Wording.fill(c, registry.isEmpty() ? "noList" : null, "unavailable", unavailable(registry)));
        if (s != null && s.relation() == ClosestEndpoint.Relation.OTHER_CONTEXT) {
            b.append(' ').append(Wording.fill(c, "otherContext", "other", otherContext(d.deployment(), s)))
                    .append(' ').append(Wording.fill(c, "fixOtherContext", "url", field(s.urlPath()), "path", path));
            return;
        }
        if (s != null) {
            b.append(' ').append(Wording.fill(c, "closest", "closest", closest(d, s)));
        } else if (!registry.isEmpty()) {
            b.append(' ').append(Wording.fill(c, "list", "list", list(registry.all())));
        }
        b.append(' ').append(Wording.fill(c, "fix", "path", path));
    }

    /** Why the registry is incomplete, starting with the phrase users and tests look for. */
    private static String unavailable(EndpointRegistry registry) {
        return Wording.fill(Cause.REGISTRY_UNAVAILABLE, "reason", "reason", registry.scan().reason());
    }

    /**
     * The handshake-only endpoints below a path that a client can connect to as they are ("/ws/websocket" below
     * "/ws"), at most a few; templates ("/ws/{server}/{session}/websocket", a SockJS session's own path) only where
     * there is no literal one.
     */
    private static List<String> webSocketPathsUnder(EndpointRegistry registry, String path) {
        String prefix = path.endsWith("/") ? path : path + "/";
        List<String> literal = new ArrayList<>();
        List<String> templates = new ArrayList<>();
        for (KnownEndpoint e : registry.all()) {
            if (!e.answersPlainHttp() && e.path().startsWith(prefix)) {
                List<String> into = e.path().indexOf('{') < 0 ? literal : templates;
                if (into.size() < LISTED_ENDPOINTS) {
                    into.add(field(e.path(), 96));
                }
            }
        }
        return literal.isEmpty() ? templates : literal;
    }

    /**
     * The closest endpoint as the client should write it: its path in this context, context path included, a
     * template filled in from the request's own segments where they fit, then the whole WebSocket URL; a typo needs
     * no explanation.
     */
    private static String closest(Diagnosis d, ClosestEndpoint.Suggestion s) {
        String url = d.request().contextPath() + ClosestEndpoint.filledFrom(s.endpoint().path(), d.request().path());
        StringBuilder b = new StringBuilder(field(url));
        if (s.relation() != ClosestEndpoint.Relation.TYPO) {
            b.append(" (").append(s.relation().description()).append(')');
        }
        return b.append(", ").append(field(d.request().webSocketUrl(url))).toString();
    }

    /** "/app/echo in context /app (the URL lacks that context path)". */
    private static String otherContext(Deployment dep, ClosestEndpoint.Suggestion s) {
        String url = field(s.urlPath());
        String context = field(contextName(s.otherContext()));
        return dep.contextPath().isEmpty()
                ? Wording.fill(Cause.ENDPOINT_IN_OTHER_CONTEXT, "lacksContext", "url", url, "context", context)
                : Wording.fill(Cause.ENDPOINT_IN_OTHER_CONTEXT, "namesContext", "url", url, "context", context, "own",
                        field(dep.contextName()));
    }

    private static String contextName(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "ROOT" : contextPath;
    }

    private static String stripped(Diagnosis d) {
        Handshake h = d.handshake();
        Cause c = d.cause();
        StringBuilder b = start(d, "WebSocket handshake").append(' ')
                .append(Wording.fill(c, null, "value", field(h.offendingValue())));
        ProxyFingerprint proxy = d.finding().proxy();
        if (c == Cause.DOWNGRADED_TO_HTTP_1_0 && proxy == ProxyFingerprint.NGINX) {
            // nginx's default proxy_http_version, in words of its own; another proxy blamed reads as any other.
            return downgraded(d, b);
        }
        b.append(" yet with Sec-WebSocket-* headers");
        if (d.observation() != null) {
            // Who answered comes before the cause: the line reads in the order a user investigates.
            b.append(" and was");
            answered(b, d.observation(), false);
        }
        if (proxy == null) {
            b.append(": the hop-by-hop headers were stripped on the way, most likely by a reverse proxy");
            evidence(b, h);
            b.append(". Fix the proxy: ").append(PROXY_FIX);
        } else {
            // The proxy its headers name: how it lost the upgrade, and its fix only (or, for one that forwards
            // upgrades itself, its setting and the hop behind it).
            b.append(": ").append(Wording.of(proxy, "why"));
            evidence(b, h);
            b.append(". ").append(Wording.fill(proxy, "fix", "nginx", NGINX_LOCATION_FIX, "hop",
                    Wording.fill(DiagnosisCode.WSG03, "hop", "nginx", NGINX_LOCATION_FIX)));
        }
        return outcome(b, d);
    }

    /**
     * A handshake forwarded as HTTP/1.0 (nginx's default towards its backends, which has no upgrade): the one fix
     * that serves, nginx's, whole and short, so one round trip ends it.
     */
    private static String downgraded(Diagnosis d, StringBuilder b) {
        if (d.observation() != null) {
            // Only the status: who answered a handshake that lost its upgrade on the way matters little here.
            b.append(" (answered ").append(d.observation().status()).append(')');
        }
        b.append(": ").append(Wording.of(Cause.DOWNGRADED_TO_HTTP_1_0, "why"));
        evidence(b, d.handshake());
        // The named proxy's fix only, whole, and short enough to read at a glance (the docs say more).
        b.append(". ").append(Wording.fill(Cause.DOWNGRADED_TO_HTTP_1_0, "fix", "fix", NGINX_LOCATION_FIX));
        return outcome(b, d);
    }

    private static void evidence(StringBuilder b, Handshake h) {
        List<String> evidence = h.proxyEvidence();
        if (evidence.isEmpty()) {
            b.append(" (no proxy header seen; many proxies add none)");
        } else {
            b.append(" (evidence: ").append(joined(evidence)).append(')');
        }
    }

    /** A proxy's headers as a line names them: each escaped and cut, separated by semicolons. */
    private static String joined(List<String> evidence) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < evidence.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(field(evidence.get(i), 96));
        }
        return b.toString();
    }

    private static String malformed(Diagnosis d) {
        Handshake h = d.handshake();
        Cause c = d.cause();
        StringBuilder b = new StringBuilder(256).append(d.code()).append(" Malformed WebSocket handshake ")
                .append(field(d.request().method())).append(' ').append(field(d.request().requestUri())).append(' ')
                .append(field(d.request().protocol())).append(" from ").append(field(d.request().remoteAddress()))
                .append(": ").append(Wording.fill(c, null, "value", field(h.offendingValue(), 96), "requirement",
                        h.problem().requirement(), "count", String.valueOf(h.occurrences())));
        observed(b, d);
        b.append(' ').append(Wording.of(c, "fix"));
        return outcome(b, d);
    }

    private static String version(Diagnosis d) {
        StringBuilder b = start(d, "WebSocket handshake").append(' ')
                .append(Wording.fill(d.cause(), null, "value", field(d.handshake().offendingValue(), 96)))
                .append("; this server speaks only version 13 (RFC 6455).");
        observed(b, d);
        b.append(" Fix: use a client that speaks RFC 6455 (every current browser and library does); an outdated"
                + " client or a hand-made request sent this.");
        return outcome(b, d);
    }

    private static String plain(Diagnosis d) {
        StringBuilder b = new StringBuilder(256).append(d.code()).append(" Plain ").append(field(d.request().method()))
                .append(' ').append(field(d.request().requestUri())).append(" from ")
                .append(field(d.request().remoteAddress()))
                .append(" (no Upgrade, Connection or Sec-WebSocket-* headers) reached WebSocket endpoint path ");
        KnownEndpoint e = d.deployment().endpoints().match(d.request().path());
        b.append(field(e != null ? e.path() : d.request().path()));
        if (d.observation() != null) {
            b.append(" and was");
            answered(b, d.observation(), true);
        }
        b.append(". ");
        sentences(b, d.cause(), null, "url", field(d.request().webSocketUrl()));
        return outcome(b, d);
    }

    private static String refused(Diagnosis d) {
        Observation o = d.observation();
        Finding f = d.finding();
        Cause c = f.cause();
        int status = o.status();
        StringBuilder b = start(d, "WebSocket upgrade");
        b.append(" was answered ").append(status);
        if (status >= 300 && status < 400 && o.location() != null) {
            b.append(" (Location: ").append(field(o.location(), 128)).append(')');
        }
        if (status == 401 && o.wwwAuthenticate() != null) {
            b.append(" (WWW-Authenticate: ").append(field(o.wwwAuthenticate(), 96)).append(')');
        }
        who(b, o.responder(), false);
        b.append(insteadOfAnUpgrade(d)).append(": ");
        String failure = o.failure() == null ? ""
                : " " + Wording.fill(Cause.APPLICATION_FAILED, "thrown", "failure", field(o.failure(), 128));
        switch (c) {
            case FRAMEWORK_EXPLAINED_REFUSAL:
                // The framework's own cause and fix replace the general explanation; a failure still says what was
                // thrown.
                String text = field(o.responder().explanation(), 1024);
                b.append(Wording.fill(c, status >= 500 ? "failed" : null, "explanation", text, "failure", failure))
                        .append(text.endsWith(".") ? "" : ".");
                break;
            case ORIGIN_CHECK_REFUSED:
                sentences(b, c, null, "endpoint", field(f.endpoint().path()), "origin",
                        field(d.request().origin(), 128));
                break;
            case FAILED_WITHOUT_WEBSOCKET_SUPPORT:
                sentences(b, c, null, "failure", failure, "fix", d.deployment().enableWebSocketFix());
                break;
            default:
                sentences(b, c, null, "path", field(d.request().path()), "failure", failure);
        }
        return outcome(b, d);
    }

    /** What a WebSocket endpoint would have answered: RFC 8441 has no 101. */
    private static String insteadOfAnUpgrade(Diagnosis d) {
        return Handshake.overHttp2(d.handshake()) ? " instead of a WebSocket endpoint accepting it" : " instead of 101";
    }

    private static StringBuilder start(Diagnosis d, String what) {
        RequestFacts r = d.request();
        StringBuilder b = new StringBuilder(320).append(d.code()).append(' ').append(what);
        if (Handshake.overHttp2(d.handshake())) {
            b.append(" (HTTP/2 extended CONNECT)");
        }
        return b.append(' ').append(field(r.method())).append(' ').append(field(r.requestUri())).append(" from ")
                .append(field(r.remoteAddress()));
    }

    /**
     * " answered 200 text/html by servlet 'x' (mapping '/', DEFAULT)". {@code byServlet} says the
     * servlet most likely wrote the answer (2xx, 404, 405); otherwise a filter in front of it may
     * have (a security filter's redirect, the container's own WebSocket filter), and the line only
     * says where the request was headed.
     */
    private static void answered(StringBuilder b, Observation o, boolean byServlet) {
        if (o == null) {
            return;
        }
        b.append(" answered ").append(o.status());
        if (o.contentType() != null) {
            b.append(' ').append(field(o.contentType(), 96));
        }
        who(b, o.responder(), byServlet);
    }

    private static void who(StringBuilder b, Responder r, boolean byServlet) {
        if (r.hasAnswerer()) {
            // The framework named who answered inside the servlet: that is what a user looks for, the servlet
            // only says where.
            b.append(" by ").append(field(r.answerer(), 160));
            if (r.isKnown()) {
                // The framework knows where its answerer sits: a handler inside the servlet, or a filter before it.
                boolean inServlet = r.answererInServlet() != null ? r.answererInServlet() : byServlet;
                b.append(inServlet ? " in servlet '" : " on its way to servlet '").append(field(r.servletName(), 128))
                        .append('\'');
            }
            return;
        }
        if (r.isKnown()) {
            b.append(byServlet ? " by servlet '" : " on its way to servlet '").append(field(r.servletName(), 128))
                    .append("' (mapping '").append(field(r.pattern(), 128)).append("', ")
                    .append(field(r.matchType(), 32)).append(')');
        } else {
            b.append(" by the application");
        }
    }

    /**
     * For request-determined codes: what the chain answered, if it was asked. The container's own
     * WebSocket filter may have answered (a 400/426 of its own, or a 101 to a handshake it tolerates).
     */
    private static void observed(StringBuilder b, Diagnosis d) {
        Observation o = d.observation();
        if (o == null) {
            return;
        }
        if (o.status() == 101) {
            b.append(" The WebSocket container accepted it anyway (101), but clients, proxies and other containers"
                    + " may not.");
            return;
        }
        b.append(" It was");
        answered(b, o, false);
        b.append('.');
    }

    private static String outcome(StringBuilder b, Diagnosis d) {
        switch (d.enforcement()) {
            case ANSWERED:
            case REPLACED:
                EnforceAnswer a = EnforceAnswer.forCode(d.code(), d.handshake());
                if (a != null) {
                    b.append(d.enforcement() == Enforcement.REPLACED ? " Answered " : " wsguard answered ")
                            .append(a.status()).append(d.enforcement() == Enforcement.REPLACED ? " instead" : "")
                            .append(" (mode=enforce).");
                }
                break;
            case NONE:
                break;
            default:
                b.append(" Enforce mode: ").append(d.enforcement().sentence()).append('.');
        }
        return b.toString();
    }

    private static String list(List<KnownEndpoint> endpoints) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(endpoints.size(), LISTED_ENDPOINTS);
        for (int i = 0; i < n; i++) {
            b.append(i == 0 ? "" : ", ").append(field(endpoints.get(i).path(), 96));
        }
        if (endpoints.size() > n) {
            b.append(" and ").append(endpoints.size() - n).append(" more");
        }
        return b.toString();
    }
}
