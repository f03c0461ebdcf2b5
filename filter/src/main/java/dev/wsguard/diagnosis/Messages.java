package dev.wsguard.diagnosis;

import static dev.wsguard.text.Sanitizer.field;

import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.Handshake;
import dev.wsguard.handshake.HandshakeProblem;
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
    public static final String NGINX_LOCATION_FIX = "proxy_http_version 1.1; proxy_set_header Upgrade $http_upgrade;"
            + " proxy_set_header Connection \"upgrade\";";

    /** Where docs/troubleshooting.md explains WSG03's fixes; the end of the general advice. */
    private static final String WSG03_DOCS = "(docs/troubleshooting.md#wsg03).";

    /**
     * WSG03's advice where the proxy cannot be told, for each proxy one can meet: nothing quoted in it is
     * anything but what can be pasted as it stands.
     */
    static final String PROXY_FIX = "nginx, in the location: " + NGINX_LOCATION_FIX + " Apache httpd 2.4.47 or newer:"
            + " add upgrade=websocket to the ProxyPass line (older: mod_proxy_wstunnel). HAProxy forwards upgrades in"
            + " mode http, so remove any rule that deletes Upgrade or Connection " + WSG03_DOCS;

    /** The fix for an endpoint's origin check that refused the page, whichever way the container answered. */
    private static final String ORIGIN_FIX = "let the page's origin in, in that configurator's checkOrigin(String), or"
            + " connect from a page it allows.";

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
        StringBuilder b = start(d, "WebSocket upgrade").append(" was");
        answered(b, d.observation(), true);
        b.append(insteadOfAnUpgrade(d));
        BodySample body = d.observation() == null ? BodySample.empty() : d.observation().body();
        if (!body.isEmpty()) {
            b.append(" (body: ").append(body.describe()).append(')');
        }
        b.append(". ");
        if (d.code() == DiagnosisCode.WSG08 && answeredByItsOwnEndpoint(d) == null) {
            b.append("An ordinary resource refused it (one without GET, or a check of its own). ");
        }
        cause(b, d);
        proxyMapping(b, d);
        return outcome(b, d);
    }

    /**
     * A handshake a proxy forwarded to no endpoint: the client's URL may be right and the proxy's path mapping wrong,
     * which a fix of the client URL alone would send the user round in circles over.
     */
    private static void proxyMapping(StringBuilder b, Diagnosis d) {
        List<String> evidence = d.handshake() == null ? List.of() : d.handshake().proxyEvidence();
        if (evidence.isEmpty() || d.code() != DiagnosisCode.WSG01 && d.code() != DiagnosisCode.WSG02
                || !d.webSocketSupport()) {
            return;
        }
        b.append(" A proxy forwarded it (");
        joined(b, evidence);
        b.append("): if the client's URL is right, the proxy's path mapping changed it, and this server received ")
                .append(field(d.request().requestUri())).append("; then fix that mapping instead (nginx: a URI"
                        + " after proxy_pass replaces the location's prefix).");
    }

    /** Why no endpoint took a valid handshake, and what to change. */
    private static void cause(StringBuilder b, Diagnosis d) {
        Deployment dep = d.deployment();
        String path = field(d.request().path());
        if (!d.webSocketSupport()) {
            b.append("WebSocket support is not enabled in this context (no jakarta.websocket.server.ServerContainer;"
                    + " see WSG10), so no endpoint can answer. Fix: ").append(dep.enableWebSocketFix())
                    .append('.');
            return;
        }
        EndpointRegistry registry = dep.endpoints();
        ClosestEndpoint.Suggestion s = ClosestEndpoint.find(registry, dep.contextPath(), d.request().path(),
                dep.directory());
        String mapped = dep.mappings().mappedTemplate(d.request().path());
        if (mapped != null) {
            b.append("The container has an endpoint mapped at ").append(field(mapped))
                    .append(", yet it did not take the request: ");
            if (dep.container().webSocketFilterRunsFirst()) {
                b.append(dep.container().displayName()).append("'s WebSocket filter declined the handshake (its"
                        + " configurator refused it, or it was dispatched without the upgrade). Fix: check the"
                        + " endpoint's Configurator (checkOrigin, modifyHandshake) and the container log.");
            } else {
                b.append("something between wsguard and the container's WebSocket filter answered first (another"
                        + " filter, or a servlet reached by a forward). Fix: let upgrade requests to this path pass"
                        + " through the filters after wsguard.");
            }
            return;
        }
        KnownEndpoint javax = dep.javaxEndpointAt(d.request().path());
        if (javax != null) {
            b.append("An endpoint written against javax.websocket is declared at ").append(field(javax.path()))
                    .append(" (").append(javax.source().label()).append("), but this container deploys only"
                    + " jakarta.websocket endpoints (see WSG11). Fix: port it to jakarta.websocket (rename the"
                    + " javax.websocket imports, or run the Eclipse Transformer on its jar).");
            return;
        }
        KnownEndpoint own = answeredByItsOwnEndpoint(d);
        if (own != null) {
            // A path the framework serves over plain HTTP too (a SockJS endpoint's base): it answered itself.
            b.append("An endpoint is declared at ").append(field(own.path())).append(" (")
                    .append(field(own.label(), 64)).append(") and it answers plain HTTP too: it answered this"
                            + " handshake itself without upgrading it, as it does for a client that does not speak its"
                            + " protocol.");
            List<String> under = webSocketPathsUnder(registry, own.path());
            String client = own.client() != null ? own.client() + " at " + field(own.path())
                    : "the client library this endpoint is made for";
            b.append(under.isEmpty() ? " Fix: use " + client + "."
                    : " Fix: connect a plain WebSocket client to " + String.join(" or ", under) + ", or use " + client
                            + ".");
            return;
        }
        if (s != null && s.relation() == ClosestEndpoint.Relation.SAME_PATH
                && s.endpoint().source() == EndpointSource.FRAMEWORK) {
            // The framework deploys it itself, inside the application: nothing the container could have deployed.
            b.append("An endpoint is declared at ").append(field(s.endpoint().path())).append(" (")
                    .append(field(s.endpoint().label(), 64)).append(") but the request did not reach it: ");
            Responder r = d.observation() == null ? Responder.unknown() : d.observation().responder();
            if (r.hasAnswerer() && r.shadowFix() != null) {
                // The framework named the handler that took its endpoint's path, and how to put its own first.
                b.append(field(r.answerer(), 160)).append(" is mapped to the same path and was asked first. Fix: ")
                        .append(field(r.shadowFix(), 512)).append('.');
                return;
            }
            b.append("something ahead of it in the application answered first (a filter, or a controller, router"
                    + " function or other handler mapped to the same path). Fix: let WebSocket handshakes to ")
                    .append(path).append(" through to the framework's WebSocket handler, or move the other mapping.");
            return;
        }
        if (s != null && s.relation() == ClosestEndpoint.Relation.SAME_PATH && !d.request().origin().isEmpty()
                && dep.container().passesOriginRefusalsOn()) {
            b.append("An endpoint is declared at ").append(field(s.endpoint().path())).append(" (")
                    .append(s.endpoint().label()).append(") but no WebSocket endpoint took the request: its"
                    + " ServerEndpointConfig.Configurator's checkOrigin most likely refused Origin ")
                    .append(field(d.request().origin(), 128)).append(", and ").append(dep.container().displayName())
                    .append(" then passes the handshake on as a plain request (or the endpoint is not deployed). Fix: ")
                    .append(ORIGIN_FIX);
            return;
        }
        if (s != null && s.relation() == ClosestEndpoint.Relation.SAME_PATH) {
            b.append("An endpoint is declared at ").append(field(s.endpoint().path())).append(" (")
                    .append(s.endpoint().label()).append(") but ");
            b.append(registry.containerListed() ? "the container has not deployed it"
                    : "no WebSocket endpoint took the request");
            if (!registry.isComplete()) {
                b.append(" (").append(unavailable(registry)).append(')');
            }
            b.append(". Fix: deploy the endpoint (annotation scanning, ServerApplicationConfig,"
                    + " ServerContainer.addEndpoint), or correct the endpoints parameter.");
            return;
        }
        String meaning = d.observation() == null ? null : d.observation().responder().explanation();
        if (meaning != null) {
            // The framework knows what the path is to it (a STOMP destination used as a URL), and its fix.
            b.append("No WebSocket endpoint matches ").append(path).append(": ").append(field(meaning, 1024));
            if (!meaning.endsWith(".")) {
                b.append('.');
            }
            return;
        }
        if (!registry.isComplete()) {
            cannotTell(b, d, s);
            return;
        }
        if (s != null && s.relation() == ClosestEndpoint.Relation.OTHER_CONTEXT) {
            b.append("No WebSocket endpoint matches ").append(path).append(" in this context. Closest endpoint: ");
            otherContext(b, dep, s);
            b.append(". Fix the client URL to ").append(field(s.urlPath())).append('.');
            return;
        }
        if (registry.isEmpty()) {
            b.append("This context deploys no WebSocket endpoint. Fix the client URL (another context?), or"
                    + " deploy an endpoint at ").append(path).append('.');
            return;
        }
        b.append("No WebSocket endpoint matches ").append(path).append('.');
        if (s != null) {
            b.append(" Closest endpoint: ");
            closest(b, d, s);
            b.append('.');
        } else {
            b.append(" Known endpoints: ").append(list(registry.all())).append('.');
        }
        b.append(" Fix the client URL, or deploy an endpoint at ").append(path).append('.');
    }

    /**
     * Neither wsguard's initializer nor the container could say which endpoints exist: say so instead of
     * claiming that none matches, and label any hint by the only list there is (the endpoints init-param).
     */
    private static void cannotTell(StringBuilder b, Diagnosis d, ClosestEndpoint.Suggestion s) {
        EndpointRegistry registry = d.deployment().endpoints();
        String path = field(d.request().path());
        b.append("wsguard cannot tell which endpoint was meant (").append(unavailable(registry));
        if (registry.isEmpty()) {
            b.append("; no endpoints parameter either");
        }
        b.append(").");
        if (s != null && s.relation() == ClosestEndpoint.Relation.OTHER_CONTEXT) {
            b.append(" Another context has one: ");
            otherContext(b, d.deployment(), s);
            b.append(". Fix the client URL to ").append(field(s.urlPath())).append(", or check that an endpoint is"
                    + " deployed at ").append(path).append('.');
            return;
        }
        if (s != null) {
            b.append(" Closest endpoint in the endpoints init-param (the only list wsguard has): ");
            closest(b, d, s);
            b.append('.');
        } else if (!registry.isEmpty()) {
            b.append(" The endpoints init-param (the only list wsguard has) names ").append(list(registry.all()))
                    .append('.');
        }
        b.append(" Fix the client URL, or check that an endpoint is deployed at ").append(path).append('.');
    }

    /** Why the registry is incomplete, starting with the phrase users and tests look for. */
    private static String unavailable(EndpointRegistry registry) {
        return "endpoint registry unavailable: " + registry.scan().reason()
                + " and the container's mappings could not be read; see WSG00";
    }

    /**
     * The framework endpoint, answering plain HTTP too, whose own path the handshake hit (a SockJS endpoint's base),
     * or null: then the endpoint itself answered, not an ordinary resource.
     */
    private static KnownEndpoint answeredByItsOwnEndpoint(Diagnosis d) {
        if (!d.webSocketSupport() || d.deployment().mappings().mappedTemplate(d.request().path()) != null) {
            return null;
        }
        KnownEndpoint e = d.deployment().endpoints().match(d.request().path());
        return e != null && e.source() == EndpointSource.FRAMEWORK && e.answersPlainHttp() ? e : null;
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

    /** "/echo (the URL lacks the endpoint's last path segment)"; a typo needs no explanation. */
    /**
     * The closest endpoint as the client should write it: its path in this context, context path included, a
     * template filled in from the request's own segments where they fit, then the whole WebSocket URL.
     */
    private static void closest(StringBuilder b, Diagnosis d, ClosestEndpoint.Suggestion s) {
        String url = d.request().contextPath() + ClosestEndpoint.filledFrom(s.endpoint().path(), d.request().path());
        b.append(field(url));
        if (s.relation() != ClosestEndpoint.Relation.TYPO) {
            b.append(" (").append(s.relation().description()).append(')');
        }
        b.append(", ").append(field(d.request().webSocketUrl(url)));
    }

    /** "/app/echo in context /app (the URL lacks that context path)". */
    private static void otherContext(StringBuilder b, Deployment dep, ClosestEndpoint.Suggestion s) {
        b.append(field(s.urlPath())).append(" in context ").append(field(contextName(s.otherContext())))
                .append(dep.contextPath().isEmpty() ? " (the URL lacks that context path)"
                        : " (the URL names context " + field(dep.contextName()) + " instead)");
    }

    private static String contextName(String contextPath) {
        return contextPath == null || contextPath.isEmpty() ? "ROOT" : contextPath;
    }

    private static String stripped(Diagnosis d) {
        Handshake h = d.handshake();
        StringBuilder b = start(d, "WebSocket handshake");
        HandshakeProblem p = h.problem();
        if (p == HandshakeProblem.UPGRADE_MISSING) {
            b.append(" arrived with 'Connection: Upgrade' but without 'Upgrade: websocket'");
        } else if (p == HandshakeProblem.CONNECTION_MISSING) {
            b.append(" arrived with 'Upgrade: websocket' but without a Connection header");
        } else if (p == HandshakeProblem.DOWNGRADED_TO_HTTP_1_0) {
            return downgraded(d, b);
        } else if (p == HandshakeProblem.CONNECTION_REPLACED) {
            b.append(" arrived with 'Upgrade: websocket' but 'Connection: ").append(field(h.offendingValue()))
                    .append("' instead of 'Connection: Upgrade'");
        } else {
            b.append(" arrived without 'Upgrade: websocket' and 'Connection: Upgrade'");
        }
        b.append(" yet with Sec-WebSocket-* headers");
        if (d.observation() != null) {
            // Who answered comes before the cause: the line reads in the order a user investigates.
            b.append(" and was");
            answered(b, d.observation(), false);
        }
        b.append(": the hop-by-hop headers were stripped on the way, most likely by a reverse proxy");
        evidence(b, h);
        b.append(". Fix the proxy: ").append(PROXY_FIX);
        return outcome(b, d);
    }

    /**
     * A handshake forwarded as HTTP/1.0 (nginx's default towards its backends, which has no upgrade): the one fix
     * that serves, nginx's, whole and short, so one round trip ends it.
     */
    private static String downgraded(Diagnosis d, StringBuilder b) {
        b.append(" arrived as HTTP/1.0 without Upgrade and Connection");
        if (d.observation() != null) {
            // Only the status: who answered a handshake that lost its upgrade on the way matters little here.
            b.append(" (answered ").append(d.observation().status()).append(')');
        }
        b.append(": likely nginx's default proxy_http_version 1.0 dropped them");
        evidence(b, d.handshake());
        // The named proxy's fix only, whole, and short enough to read at a glance (the docs say more).
        b.append(". Fix the nginx location: ").append(NGINX_LOCATION_FIX);
        return outcome(b, d);
    }

    private static void evidence(StringBuilder b, Handshake h) {
        List<String> evidence = h.proxyEvidence();
        if (evidence.isEmpty()) {
            b.append(" (no proxy header seen; many proxies add none)");
        } else {
            b.append(" (evidence: ");
            joined(b, evidence);
            b.append(')');
        }
    }

    /** A proxy's headers as a line names them: each escaped and cut, separated by semicolons. */
    private static void joined(StringBuilder b, List<String> evidence) {
        for (int i = 0; i < evidence.size(); i++) {
            b.append(i == 0 ? "" : "; ").append(field(evidence.get(i), 96));
        }
    }

    private static String malformed(Diagnosis d) {
        Handshake h = d.handshake();
        StringBuilder b = new StringBuilder(256).append(d.code()).append(" Malformed WebSocket handshake ")
                .append(field(d.request().method())).append(' ').append(field(d.request().requestUri())).append(' ')
                .append(field(d.request().protocol())).append(" from ").append(field(d.request().remoteAddress()))
                .append(": ");
        String value = field(h.offendingValue(), 96);
        String fix;
        switch (h.problem()) {
            case METHOD_NOT_GET:
                b.append("the method is [").append(value).append("]; ").append(h.problem().requirement())
                        .append(" (RFC 6455 section 4.2.1).");
                fix = "Fix the client: open it with a WebSocket client (new WebSocket(url)), not a form or a fetch.";
                break;
            case NOT_HTTP_1_1:
                b.append("the request is [").append(value).append("]; ").append(h.problem().requirement())
                        .append(" (RFC 6455 section 4.2.1).");
                fix = "Fix: send it over HTTP/1.1; a proxy in between must speak HTTP/1.1 to this server (nginx:"
                        + " proxy_http_version 1.1).";
                break;
            case NO_HOST:
                b.append("there is no Host header; ").append(h.problem().requirement())
                        .append(" (RFC 6455 section 4.2.1).");
                fix = "Fix the client or the proxy to send Host.";
                break;
            case UPGRADE_NOT_WEBSOCKET:
                b.append("Upgrade is [").append(value).append("]; ").append(h.problem().requirement())
                        .append(" (RFC 6455 section 4.2.1).");
                fix = "Fix the client to send 'Upgrade: websocket'.";
                break;
            case CONNECTION_WITHOUT_UPGRADE:
                b.append("Connection is [").append(value).append("]; ").append(h.problem().requirement())
                        .append(" (RFC 6455 section 4.2.1).");
                fix = "Fix the client to send 'Connection: Upgrade'; if a proxy is in between, it rewrote the header"
                        + " (see WSG03).";
                break;
            case MISSING_KEY:
                b.append("Sec-WebSocket-Key is missing (RFC 6455 section 4.2.1).");
                fix = "Fix: use a WebSocket client library; a hand-made request must send 16 random bytes in base64.";
                break;
            case DUPLICATE_KEY:
                b.append("Sec-WebSocket-Key appears ").append(h.occurrences()).append(" times; ")
                        .append(h.problem().requirement()).append(" (RFC 6455 section 4.2.1).");
                fix = "Fix whatever adds the second one (a proxy rule, or client code setting the header itself).";
                break;
            case INVALID_KEY:
                b.append("Sec-WebSocket-Key is [").append(value).append("]; ").append(h.problem().requirement())
                        .append(" (24 characters ending in '=='; RFC 6455 section 4.2.1).");
                fix = "Fix the client to send 16 random bytes in base64.";
                break;
            default:
                b.append(h.problem().requirement()).append('.');
                fix = null;
        }
        observed(b, d);
        if (fix != null) {
            b.append(' ').append(fix);
        }
        return outcome(b, d);
    }

    private static String version(Diagnosis d) {
        Handshake h = d.handshake();
        StringBuilder b = start(d, "WebSocket handshake");
        if (h.problem() == HandshakeProblem.MISSING_VERSION) {
            b.append(" has no Sec-WebSocket-Version header");
        } else {
            b.append(" asks for Sec-WebSocket-Version [").append(field(h.offendingValue(), 96)).append(']');
        }
        b.append("; this server speaks only version 13 (RFC 6455).");
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
        b.append(". A WebSocket endpoint answers only handshakes: if a browser, a crawler or a health check sent this,"
                + " nothing is wrong (plain-requests=ignore silences it); if a WebSocket client sent it, its handshake"
                + " headers were removed on the way (see WSG03). The WebSocket URL to use is ")
                .append(field(d.request().webSocketUrl())).append('.');
        return outcome(b, d);
    }

    private static String refused(Diagnosis d) {
        Observation o = d.observation();
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
        String explained = o.responder().explanation();
        if (explained != null) {
            // The framework knows this refusal's cause and fix (its origin check, its security filter): they replace
            // the general explanation; a failure still says what was thrown.
            if (status >= 500) {
                b.append("the application failed while handling the handshake");
                if (o.failure() != null) {
                    b.append(" (").append(field(o.failure(), 128)).append(" thrown)");
                }
                b.append(": ");
            }
            String text = field(explained, 1024);
            b.append(text).append(text.endsWith(".") ? "" : ".");
            return outcome(b, d);
        }
        KnownEndpoint originChecked = status == 403 ? originRefusedAt(d) : null;
        if (status < 400) {
            b.append("the application redirected the handshake before it reached an endpoint (a login redirect, most"
                    + " likely), and a WebSocket client cannot follow a redirect. Fix: let handshakes to ")
                    .append(field(d.request().path())).append(" through the security check (authenticate with the"
                            + " session cookie or a token in the URL), or connect to the final URL.");
        } else if (status == 401) {
            b.append("the application demands authentication, and a browser cannot answer a challenge during a"
                    + " handshake. Fix: authenticate before connecting (session cookie or a token in the URL), or"
                    + " exempt the endpoint from this check.");
        } else if (originChecked != null) {
            // The specification has the container answer 403 when checkOrigin says no; browsers always send Origin.
            b.append("the WebSocket endpoint at ").append(field(originChecked.path())).append(" refused Origin ")
                    .append(field(d.request().origin(), 128)).append(": its ServerEndpointConfig.Configurator's"
                    + " checkOrigin returned false, which the container answers with 403 (unless an access rule"
                    + " refused it first). Fix: ").append(ORIGIN_FIX);
        } else if (status == 403) {
            b.append("the handshake was forbidden: an origin check or an access rule refused it. Fix: allow the page's"
                    + " origin in the endpoint's configurator or the security rules, or connect with the required"
                    + " credentials.");
        } else {
            b.append("the application failed while handling the handshake");
            if (o.failure() != null) {
                b.append(" (").append(field(o.failure(), 128)).append(" thrown)");
            }
            if (!d.webSocketSupport()) {
                // A framework's handler took the path and could not upgrade: there is nothing to upgrade with.
                b.append(", and WebSocket support is not enabled in this context (no"
                        + " jakarta.websocket.server.ServerContainer; see WSG10), so whatever took the handshake"
                        + " could not upgrade it. Fix: ").append(d.deployment().enableWebSocketFix()).append('.');
            } else {
                b.append("; the container log holds the stack trace.");
            }
        }
        return outcome(b, d);
    }

    /**
     * The container's own endpoint at the request's path, where a handshake with an Origin was refused with 403 there:
     * an endpoint's origin check. Null without an Origin, or where no endpoint the container deploys is at the path.
     */
    private static KnownEndpoint originRefusedAt(Diagnosis d) {
        if (d.request().origin().isEmpty() || !d.webSocketSupport()) {
            return null;
        }
        KnownEndpoint at = d.deployment().endpoints().match(d.request().path());
        // A framework's own endpoints check origins their own way (Spring's interceptor), which it explains itself.
        return at != null && at.source() != EndpointSource.FRAMEWORK ? at : null;
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
