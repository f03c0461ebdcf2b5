package dev.wsguard.diagnosis;

import dev.wsguard.endpoints.ClosestEndpoint;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.handshake.ProxyFingerprint;

/**
 * Chooses the {@link Cause} of a diagnosis from the request, the answer and what is known of the deployment, before
 * a word is written (as Tomcat's CorsFilter classifies a request before it acts). The order of the checks is the
 * order of certainty: what wsguard knows for sure (no WebSocket support, a mapping the container reports) before
 * what it infers (a typo).
 */
final class CauseClassifier {

    private CauseClassifier() {
    }

    static Finding classify(Diagnosis d) {
        switch (d.code()) {
            case WSG01:
            case WSG02:
            case WSG08:
                Finding f = misrouted(d);
                boolean proxied = d.handshake() != null && !d.handshake().proxyEvidence().isEmpty();
                return proxied && d.code() != DiagnosisCode.WSG08 && !supportMissing(d)
                        ? f.withAlsoLikely(Cause.PROXY_PATH_MAPPING).withProxy(d.handshake().proxy()) : f;
            case WSG03:
                Cause stripped = Cause.of(d.handshake().problem());
                return Finding.of(stripped).withProxy(blamedForStripping(stripped, d.handshake().proxy()));
            case WSG04:
            case WSG05:
                return Finding.of(Cause.of(d.handshake().problem()));
            case WSG06:
                return Finding.of(Cause.PLAIN_REQUEST_TO_ENDPOINT);
            case WSG07:
                return refused(d);
            default:
                return Finding.of(Cause.NONE);
        }
    }

    /**
     * The proxy a stripped handshake blames: the one its headers name; for a handshake downgraded to HTTP/1.0, nginx
     * (its default proxy_http_version), also behind a CDN that forwards upgrades, unless the headers name another proxy
     * that strips them (Apache httpd told to speak HTTP/1.0).
     */
    private static ProxyFingerprint blamedForStripping(Cause stripped, ProxyFingerprint named) {
        if (stripped == Cause.DOWNGRADED_TO_HTTP_1_0 && (named == null || named.forwardsUpgrades())) {
            return ProxyFingerprint.NGINX;
        }
        return named;
    }

    /**
     * Whether the context's missing WebSocket support explains the answer: it has no ServerContainer, and not because
     * it has nothing to serve on a container that then publishes none ({@link Deployment#nothingToServe()}: Tyrus in
     * GlassFish and Payara). Such a context is diagnosed as any context without endpoints, other contexts asked first,
     * so a ROOT that catches a URL without its context path names the context that serves it.
     */
    private static boolean supportMissing(Diagnosis d) {
        return !d.webSocketSupport() && !d.deployment().nothingToServe();
    }

    /** Why no endpoint took a valid handshake. */
    private static Finding misrouted(Diagnosis d) {
        if (supportMissing(d)) {
            return Finding.of(Cause.NO_WEBSOCKET_SUPPORT);
        }
        Deployment dep = d.deployment();
        String path = d.request().path();
        String mapped = dep.mappings().mappedTemplate(path);
        if (mapped != null) {
            Cause c = dep.container().webSocketFilterRunsFirst() ? Cause.MAPPED_ENDPOINT_DECLINED
                    : Cause.MAPPED_ENDPOINT_PREEMPTED;
            return new Finding(c, null, null, mapped, null);
        }
        KnownEndpoint javax = dep.javaxEndpointAt(path);
        if (javax != null) {
            return Finding.at(Cause.JAVAX_ENDPOINT, javax);
        }
        EndpointRegistry registry = dep.endpoints();
        KnownEndpoint at = registry.match(path);
        if (at != null && at.source() == EndpointSource.FRAMEWORK && at.answersPlainHttp()) {
            // A path the framework serves over plain HTTP too (a SockJS endpoint's base): it answered itself.
            return Finding.at(Cause.ENDPOINT_ANSWERED_PLAIN_HTTP, at);
        }
        ClosestEndpoint.Suggestion s = ClosestEndpoint.find(registry, dep.contextPath(), path, dep.directory());
        Responder r = d.observation() == null ? Responder.unknown() : d.observation().responder();
        if (s != null && s.relation() == ClosestEndpoint.Relation.SAME_PATH) {
            KnownEndpoint e = s.endpoint();
            if (e.source() == EndpointSource.FRAMEWORK) {
                // The framework deploys it itself, inside the application: nothing the container could have deployed.
                return Finding.at(r.hasAnswerer() && r.shadowFix() != null ? Cause.FRAMEWORK_ENDPOINT_SHADOWED_BY_HANDLER
                        : Cause.FRAMEWORK_ENDPOINT_SHADOWED, e);
            }
            if (!d.request().origin().isEmpty() && dep.container().passesOriginRefusalsOn()) {
                return Finding.at(Cause.ORIGIN_REFUSED_PASSED_ON, e);
            }
            return Finding.at(Cause.ENDPOINT_NOT_DEPLOYED, e);
        }
        if (r.explanation() != null) {
            return Finding.of(Cause.FRAMEWORK_EXPLAINED_PATH);
        }
        if (!registry.isComplete()) {
            return new Finding(Cause.REGISTRY_UNAVAILABLE, null, s, null, null);
        }
        if (s != null && s.relation() == ClosestEndpoint.Relation.OTHER_CONTEXT) {
            return new Finding(Cause.ENDPOINT_IN_OTHER_CONTEXT, null, s, null, null);
        }
        if (registry.isEmpty()) {
            return Finding.of(Cause.NO_ENDPOINT_IN_CONTEXT);
        }
        return new Finding(Cause.NO_ENDPOINT_MATCHES, null, s, null, null);
    }

    /** Why the application answered a handshake 3xx, 401, 403 or 5xx. */
    private static Finding refused(Diagnosis d) {
        Observation o = d.observation();
        int status = o.status();
        if (o.responder().explanation() != null) {
            // The framework knows this refusal's cause and fix (its origin check, its security filter).
            return Finding.of(Cause.FRAMEWORK_EXPLAINED_REFUSAL);
        }
        if (status < 400) {
            return Finding.of(Cause.REDIRECTED);
        }
        if (status == 401) {
            return Finding.of(Cause.AUTHENTICATION_REQUIRED);
        }
        if (status == 403) {
            KnownEndpoint checked = originCheckedAt(d);
            return checked != null ? Finding.at(Cause.ORIGIN_CHECK_REFUSED, checked) : Finding.of(Cause.FORBIDDEN);
        }
        // A framework's handler took the path and could not upgrade: there is nothing to upgrade with.
        return Finding.of(supportMissing(d) ? Cause.FAILED_WITHOUT_WEBSOCKET_SUPPORT : Cause.APPLICATION_FAILED);
    }

    /**
     * The container's own endpoint at the request's path, where a handshake with an Origin was refused with 403 there:
     * an endpoint's origin check (the specification has the container answer 403 when checkOrigin says no; browsers
     * always send Origin). Null without an Origin, or where no endpoint the container deploys is at the path.
     */
    private static KnownEndpoint originCheckedAt(Diagnosis d) {
        if (d.request().origin().isEmpty() || supportMissing(d)) {
            return null;
        }
        KnownEndpoint at = d.deployment().endpoints().match(d.request().path());
        // A framework's own endpoints check origins their own way (Spring's interceptor), which it explains itself.
        return at != null && at.source() != EndpointSource.FRAMEWORK ? at : null;
    }
}
