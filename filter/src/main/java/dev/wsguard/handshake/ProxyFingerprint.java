package dev.wsguard.handshake;

import dev.wsguard.text.Wording;
import java.util.List;
import java.util.Locale;

/**
 * The proxy, load balancer or CDN a forwarded request shows, told by the headers it adds (docs/proxies.md gives the
 * source of every signal). A stripped handshake names the proxy whose default strips it; a proxy that forwards
 * upgrades by default is named too, so the line can say the culprit is another hop. Only a likely culprit: a hop
 * that adds nothing (nginx's {@code proxy_pass} alone) leaves no fingerprint of its own, and the hop nearest the
 * application is the one that matters. Its name and fix are in {@code wording.properties}.
 */
public enum ProxyFingerprint {
    NGINX(false),
    APACHE_HTTPD(false),
    VARNISH(false),
    SQUID(false),
    ENVOY(false),
    FASTLY(false),
    CLOUDFLARE(true),
    AZURE_FRONT_DOOR(true),
    AWS_ALB(true),
    AMAZON_CLOUDFRONT(true),
    GOOGLE_CLOUD_LOAD_BALANCER(true),
    HEROKU_ROUTER(true),
    TRAEFIK(true),
    INGRESS_NGINX(true);

    /** A header that names a proxy, where its value contains {@code token} (case-insensitively; null: any value). */
    private static final class Signal {
        final String header;
        final String token;
        final ProxyFingerprint proxy;

        Signal(String header, String token, ProxyFingerprint proxy) {
            this.header = header;
            this.token = token;
            this.proxy = proxy;
        }
    }

    /**
     * Signals of proxies that strip upgrades by default, checked first, so that behind a CDN the stripping hop is the
     * one named.
     */
    private static final List<Signal> STRIPPING = List.of(
            new Signal("X-Varnish", null, VARNISH),
            new Signal("Via", "varnish", VARNISH),
            new Signal("Via", "squid", SQUID),
            new Signal("X-Envoy-Expected-Rq-Timeout-Ms", null, ENVOY),
            new Signal("X-Envoy-Attempt-Count", null, ENVOY),
            new Signal("Fastly-FF", null, FASTLY),
            new Signal("Fastly-Client-IP", null, FASTLY),
            new Signal("CDN-Loop", "fastly", FASTLY));

    /** Signals of proxies that forward upgrades themselves. */
    private static final List<Signal> FORWARDING = List.of(
            new Signal("CF-Ray", null, CLOUDFLARE),
            new Signal("CF-Connecting-IP", null, CLOUDFLARE),
            new Signal("CDN-Loop", "cloudflare", CLOUDFLARE),
            new Signal("X-Azure-Ref", null, AZURE_FRONT_DOOR),
            new Signal("X-Azure-FDID", null, AZURE_FRONT_DOOR),
            new Signal("X-Amzn-Trace-Id", null, AWS_ALB),
            new Signal("X-Amz-Cf-Id", null, AMAZON_CLOUDFRONT),
            new Signal("Via", "cloudfront", AMAZON_CLOUDFRONT),
            new Signal("Via", "google", GOOGLE_CLOUD_LOAD_BALANCER),
            new Signal("X-Cloud-Trace-Context", null, GOOGLE_CLOUD_LOAD_BALANCER),
            new Signal("Via", "vegur", HEROKU_ROUTER));

    static final String FORWARDED_SERVER = "X-Forwarded-Server";
    static final String REAL_IP = "X-Real-IP";

    private final boolean forwardsUpgrades;

    ProxyFingerprint(boolean forwardsUpgrades) {
        this.forwardsUpgrades = forwardsUpgrades;
    }

    /** Whether this proxy forwards a WebSocket upgrade as it comes, unless configured otherwise. */
    public boolean forwardsUpgrades() {
        return forwardsUpgrades;
    }

    /** The name a line gives it ("Apache httpd"). */
    public String displayName() {
        return Wording.of(this);
    }

    /** A proxy told by its headers, and the header that told it, as {@code Name: value} (raw). */
    public static final class Match {
        private final ProxyFingerprint proxy;
        private final String evidence;

        Match(ProxyFingerprint proxy, String evidence) {
            this.proxy = proxy;
            this.evidence = evidence;
        }

        public ProxyFingerprint proxy() {
            return proxy;
        }

        public String evidence() {
            return evidence;
        }
    }

    /** The proxy a forwarded request shows, or null where its headers name none. Never throws on any header. */
    static Match identify(HandshakeRequest request) {
        Match m = firstSignal(request, STRIPPING);
        if (m != null) {
            return m;
        }
        String server = first(request, FORWARDED_SERVER);
        boolean realIp = first(request, REAL_IP) != null;
        if (server != null) {
            if (server.toLowerCase(Locale.ROOT).startsWith("cache-")) {
                // Fastly names its cache node there ("cache-fra-eddf8230029-FRA").
                return new Match(FASTLY, FORWARDED_SERVER + ": " + server);
            }
            // mod_proxy_http adds X-Forwarded-Server (its ServerName); Traefik adds it too, with X-Real-Ip and
            // X-Forwarded-Port, which Apache does not add.
            return new Match(realIp && first(request, "X-Forwarded-Port") != null ? TRAEFIK : APACHE_HTTPD,
                    FORWARDED_SERVER + ": " + server);
        }
        String scheme = first(request, "X-Scheme");
        if (scheme != null && first(request, "X-Forwarded-Scheme") != null) {
            return new Match(INGRESS_NGINX, "X-Scheme: " + scheme);
        }
        if (realIp) {
            // nginx's convention (its realip module reads X-Real-IP by default), written into most nginx configs; a
            // CDN in front forwards upgrades, so the nginx behind it is the likelier culprit.
            return new Match(NGINX, REAL_IP + ": " + first(request, REAL_IP));
        }
        return firstSignal(request, FORWARDING);
    }

    private static Match firstSignal(HandshakeRequest request, List<Signal> signals) {
        for (Signal s : signals) {
            String value = first(request, s.header);
            if (value != null && (s.token == null || value.toLowerCase(Locale.ROOT).contains(s.token))) {
                return new Match(s.proxy, s.header + ": " + value);
            }
        }
        return null;
    }

    private static String first(HandshakeRequest request, String header) {
        List<String> values = request.values(header);
        return values.isEmpty() || values.get(0) == null ? null : values.get(0);
    }
}
