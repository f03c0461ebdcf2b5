package dev.wsguard.handshake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawRequest;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Which proxy a stripped handshake's headers name. The heads of nginx, Apache httpd and HAProxy are those the real
 * proxies forwarded in tests/proxies (ForwardedHandshakeCaptureTest); the others follow each vendor's documentation
 * (docs/proxies.md).
 */
class ProxyFingerprintTest {

    /** A handshake as it arrives stripped of Upgrade and Connection, with these headers (name, value, ...) added. */
    private static Handshake stripped(String... headers) {
        RawRequest.Builder r = RawRequest.request("GET", "/app/echo", "HTTP/1.1").header("Host", "127.0.0.1:8080")
                .header("Sec-WebSocket-Key", RawRequest.SAMPLE_KEY).header("Sec-WebSocket-Version", "13");
        for (int i = 0; i < headers.length; i += 2) {
            r.header(headers[i], headers[i + 1]);
        }
        return HandshakeClassifier.classify(new HeadRequest(r.build()));
    }

    static Stream<Arguments> heads() {
        return Stream.of(
                // Real Apache httpd 2.4, ProxyPass without upgrade=websocket.
                Arguments.of(ProxyFingerprint.APACHE_HTTPD, "X-Forwarded-Server: 127.0.0.1", new String[] {
                    "X-Forwarded-For", "127.0.0.1", "X-Forwarded-Host", "127.0.0.1:8443", "X-Forwarded-Server",
                    "127.0.0.1", "Connection", "Keep-Alive"}),
                // nginx with the tutorials' forwarding headers.
                Arguments.of(ProxyFingerprint.NGINX, "X-Real-IP: 127.0.0.1", new String[] {
                    "Connection", "close", "X-Real-IP", "127.0.0.1", "X-Forwarded-For", "127.0.0.1"}),
                // nginx behind Cloudflare: the hop that strips is named, not the CDN that forwards.
                Arguments.of(ProxyFingerprint.NGINX, "X-Real-IP: 203.0.113.7", new String[] {
                    "CF-Ray", "8d1c2e3f4a5b6c7d-FRA", "CF-Connecting-IP", "203.0.113.7", "X-Real-IP", "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.CLOUDFLARE, "CF-Ray: 8d1c2e3f4a5b6c7d-FRA", new String[] {
                    "CF-Ray", "8d1c2e3f4a5b6c7d-FRA", "X-Forwarded-For", "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.CLOUDFLARE, "CDN-Loop: cloudflare", new String[] {
                    "CDN-Loop", "cloudflare", "X-Forwarded-For", "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.VARNISH, "X-Varnish: 32770", new String[] {"X-Varnish", "32770",
                    "X-Forwarded-For", "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.VARNISH, "Via: 1.1 cache1 (Varnish/7.4)", new String[] {
                    "Via", "1.1 cache1 (Varnish/7.4)"}),
                Arguments.of(ProxyFingerprint.SQUID, "Via: 1.1 proxy.example (squid/6.6)", new String[] {
                    "Via", "1.1 proxy.example (squid/6.6)"}),
                Arguments.of(ProxyFingerprint.ENVOY, "X-Envoy-Expected-Rq-Timeout-Ms: 15000", new String[] {
                    "x-request-id", "5a8c0b6e", "x-envoy-expected-rq-timeout-ms", "15000", "x-forwarded-proto",
                    "https"}),
                Arguments.of(ProxyFingerprint.FASTLY, "Fastly-FF: abc!FRA!cache-fra-123", new String[] {
                    "Fastly-FF", "abc!FRA!cache-fra-123", "X-Forwarded-For", "203.0.113.7"}),
                // Fastly's X-Forwarded-Server names its cache node, which Apache's never does.
                Arguments.of(ProxyFingerprint.FASTLY, "X-Forwarded-Server: cache-fra-eddf8230029-FRA", new String[] {
                    "X-Forwarded-Server", "cache-fra-eddf8230029-FRA"}),
                Arguments.of(ProxyFingerprint.AWS_ALB, "X-Amzn-Trace-Id: Root=1-67891233-abcdef012345678912345678",
                    new String[] {"X-Amzn-Trace-Id", "Root=1-67891233-abcdef012345678912345678", "X-Forwarded-For",
                        "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.AMAZON_CLOUDFRONT, "X-Amz-Cf-Id: nZr1lBb8b0Z2a==", new String[] {
                    "X-Amz-Cf-Id", "nZr1lBb8b0Z2a==", "X-Forwarded-For", "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.GOOGLE_CLOUD_LOAD_BALANCER, "Via: 1.1 google", new String[] {
                    "Via", "1.1 google"}),
                Arguments.of(ProxyFingerprint.AZURE_FRONT_DOOR, "X-Azure-Ref: 0zxV+XAAAAAB", new String[] {
                    "X-Azure-Ref", "0zxV+XAAAAAB", "X-Forwarded-For", "203.0.113.7"}),
                Arguments.of(ProxyFingerprint.HEROKU_ROUTER, "Via: 1.1 vegur", new String[] {"Via", "1.1 vegur"}),
                // Traefik: X-Forwarded-Server with X-Real-Ip and X-Forwarded-Port, which Apache does not add.
                Arguments.of(ProxyFingerprint.TRAEFIK, "X-Forwarded-Server: 4f1a2b3c", new String[] {
                    "X-Forwarded-Server", "4f1a2b3c", "X-Real-Ip", "10.0.0.2", "X-Forwarded-Port", "443"}),
                Arguments.of(ProxyFingerprint.INGRESS_NGINX, "X-Scheme: https", new String[] {
                    "X-Request-ID", "f0e1", "X-Real-IP", "10.0.0.2", "X-Scheme", "https", "X-Forwarded-Scheme",
                    "https"}));
    }

    /** The header that named the proxy is evidence, under the name its vendor documents. */
    @ParameterizedTest(name = "{0} by {1}")
    @MethodSource("heads")
    void theProxyIsNamedByItsOwnHeaderWhichIsEvidenceToo(ProxyFingerprint expected, String by, String[] headers) {
        Handshake h = stripped(headers);
        assertEquals(HandshakeKind.HEADERS_STRIPPED, h.kind(), h::toString);
        assertEquals(expected, h.proxy(), () -> String.join(" ", headers));
        assertTrue(h.proxyEvidence().contains(by), () -> h.proxyEvidence().toString());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("anonymous")
    void headersThatAnyProxyAddsNameNone(String why, String[] headers) {
        assertNull(stripped(headers).proxy(), why);
    }

    static Stream<Arguments> anonymous() {
        return Stream.of(
                // Real HAProxy 2.6 with option forwardfor, its Connection deleted by a rule: nothing of its own.
                Arguments.of("haproxy", new String[] {"upgrade", "websocket", "x-forwarded-for", "127.0.0.1"}),
                // nginx's proxy_pass with proxy_http_version 1.1 alone: only its Connection: close.
                Arguments.of("bare nginx", new String[] {"Connection", "close"}),
                Arguments.of("generic", new String[] {"X-Forwarded-For", "10.0.0.1", "X-Forwarded-Proto", "https",
                    "Forwarded", "for=10.0.0.1"}),
                // A token in the wrong header, or a substring of nothing the vendor sends, names nothing.
                Arguments.of("no via", new String[] {"X-Note", "varnish squid google"}),
                Arguments.of("nothing", new String[] {}),
                // A vendor's header with no sign of a proxy at all is not read: every CDN and load balancer adds
                // X-Forwarded-For or Via, and a direct handshake pays for no look-ups.
                Arguments.of("vendor header alone", new String[] {"CF-Ray", "8d1c2e3f4a5b6c7d-FRA"}));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("heads")
    void aValidHandshakeStillNamesItsProxyButStaysValid(ProxyFingerprint expected, String by, String[] headers) {
        RawRequest.Builder r = RawRequest.validUpgrade("/app/echo").toBuilder();
        for (int i = 0; i < headers.length; i += 2) {
            if (!headers[i].equalsIgnoreCase("Connection")) {
                r.header(headers[i], headers[i + 1]);
            }
        }
        Handshake h = HandshakeClassifier.classify(new HeadRequest(r.build()));
        assertEquals(HandshakeKind.VALID, h.kind(), h::toString);
        assertEquals(expected, h.proxy());
    }
}
