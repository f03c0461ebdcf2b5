package dev.wsguard.probe;

import dev.wsguard.handshake.ProxyFingerprint;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Who answered, told by the answer's headers: the response-side counterpart of the filter's request-side
 * {@link ProxyFingerprint} (the names are the filter's; these response signals are the probe's own, since the filter
 * never sees an answer a proxy or CDN wrote itself).
 */
final class AnsweredBy {

    /** The headers a report shows, when present: who answered, and what the answer asks for. */
    static final List<String> OF_INTEREST = List.of("Server", "Via", "X-Powered-By", "CF-Ray", "X-Amz-Cf-Id",
            "X-Amz-Cf-Pop", "X-Cache", "X-Served-By", "X-Varnish", "X-Azure-Ref", "X-Envoy-Upstream-Service-Time",
            "X-Amzn-RequestId", "Content-Type", "Location", "WWW-Authenticate", "Sec-WebSocket-Version",
            "Sec-WebSocket-Protocol", "Upgrade", "Connection", "Sec-WebSocket-Accept",
            dev.wsguard.diagnosis.EnforceAnswer.CODE_HEADER);

    /** A response header whose value contains {@code token} (null: any value) names {@code who}. */
    private record Signal(String header, String token, ProxyFingerprint who) {
    }

    private static final List<Signal> SIGNALS = List.of(
            new Signal("CF-Ray", null, ProxyFingerprint.CLOUDFLARE),
            new Signal("Server", "cloudflare", ProxyFingerprint.CLOUDFLARE),
            new Signal("X-Amz-Cf-Id", null, ProxyFingerprint.AMAZON_CLOUDFRONT),
            new Signal("Via", "cloudfront", ProxyFingerprint.AMAZON_CLOUDFRONT),
            new Signal("Server", "awselb", ProxyFingerprint.AWS_ALB),
            new Signal("X-Azure-Ref", null, ProxyFingerprint.AZURE_FRONT_DOOR),
            new Signal("Via", "google", ProxyFingerprint.GOOGLE_CLOUD_LOAD_BALANCER),
            new Signal("Server", "google frontend", ProxyFingerprint.GOOGLE_CLOUD_LOAD_BALANCER),
            new Signal("Via", "vegur", ProxyFingerprint.HEROKU_ROUTER),
            new Signal("Server", "heroku", ProxyFingerprint.HEROKU_ROUTER),
            new Signal("X-Served-By", "cache-", ProxyFingerprint.FASTLY),
            new Signal("X-Varnish", null, ProxyFingerprint.VARNISH),
            new Signal("Via", "varnish", ProxyFingerprint.VARNISH),
            new Signal("Via", "squid", ProxyFingerprint.SQUID),
            new Signal("Server", "squid", ProxyFingerprint.SQUID),
            new Signal("Server", "envoy", ProxyFingerprint.ENVOY),
            new Signal("X-Envoy-Upstream-Service-Time", null, ProxyFingerprint.ENVOY),
            new Signal("Server", "traefik", ProxyFingerprint.TRAEFIK),
            new Signal("Server", "nginx", ProxyFingerprint.NGINX),
            new Signal("Server", "openresty", ProxyFingerprint.NGINX),
            new Signal("Server", "apache", ProxyFingerprint.APACHE_HTTPD));

    private AnsweredBy() {
    }

    /** A proxy an answer's headers name, and the header that told ({@code Server: nginx/1.22.1}), raw. */
    record Named(ProxyFingerprint who, String evidence) {
    }

    /** Every proxy, load balancer and CDN the answer's headers name, once each, in the order of the signals. */
    static List<Named> all(ResponseHead head) {
        List<Named> found = new ArrayList<>(2);
        for (Signal s : SIGNALS) {
            String value = head.first(s.header());
            if (value != null && (s.token() == null || value.toLowerCase(Locale.ROOT).contains(s.token()))
                    && found.stream().noneMatch(n -> n.who() == s.who())) {
                found.add(new Named(s.who(), s.header() + ": " + value));
            }
        }
        return found;
    }

    /** The proxies the answer's headers name. */
    static List<ProxyFingerprint> proxies(ResponseHead head) {
        List<ProxyFingerprint> who = new ArrayList<>(2);
        for (Named n : all(head)) {
            who.add(n.who());
        }
        return who;
    }

    /** The first proxy or CDN the answer's headers name, or null. */
    static Named proxy(ResponseHead head) {
        List<Named> found = all(head);
        return found.isEmpty() ? null : found.get(0);
    }

    /**
     * The names of what answered, each with the header that told it ({@code Cloudflare (CF-Ray: 8a1...)}), raw. Where
     * no signal matches, the {@code Server} header alone (an application server names itself there).
     */
    static List<String> names(ResponseHead head) {
        List<String> names = new ArrayList<>(2);
        for (Named n : all(head)) {
            names.add(n.who().displayName() + " (" + n.evidence() + ")");
        }
        if (names.isEmpty() && head.first("Server") != null) {
            names.add("Server: " + head.first("Server"));
        }
        return names;
    }
}
