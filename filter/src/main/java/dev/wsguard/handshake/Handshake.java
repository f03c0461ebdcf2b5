package dev.wsguard.handshake;

import java.util.Collections;
import java.util.List;

/** The verdict on a request's handshake headers: its kind, and for bad ones exactly why. */
public final class Handshake {

    private static final Handshake NOT_UPGRADE = new Handshake(HandshakeKind.NOT_UPGRADE, null, null, 0,
            Collections.emptyList(), null);

    private final HandshakeKind kind;
    private final HandshakeProblem problem;
    private final String offendingValue;
    private final int occurrences;
    private final List<String> proxyEvidence;
    private final ProxyFingerprint proxy;

    private Handshake(HandshakeKind kind, HandshakeProblem problem, String offendingValue, int occurrences,
            List<String> proxyEvidence, ProxyFingerprint proxy) {
        this.kind = kind;
        this.problem = problem;
        this.offendingValue = offendingValue;
        this.occurrences = occurrences;
        this.proxyEvidence = proxyEvidence;
        this.proxy = proxy;
    }

    static Handshake notUpgrade() {
        return NOT_UPGRADE;
    }

    static Handshake of(HandshakeKind kind, Evidence evidence) {
        return new Handshake(kind, null, null, 0, evidence.headers, evidence.proxy);
    }

    static Handshake problem(HandshakeKind kind, HandshakeProblem problem, String offendingValue, int occurrences,
            Evidence evidence) {
        return new Handshake(kind, problem, offendingValue, occurrences, evidence.headers, evidence.proxy);
    }

    /** What a request shows of proxies on its way: their headers, and the proxy they name, if any. */
    static final class Evidence {
        static final Evidence NONE = new Evidence(Collections.emptyList(), null);

        final List<String> headers;
        final ProxyFingerprint proxy;

        Evidence(List<String> headers, ProxyFingerprint proxy) {
            this.headers = headers;
            this.proxy = proxy;
        }
    }

    /** Whether this is an RFC 8441 handshake (an extended CONNECT over HTTP/2); false for none at all. */
    public static boolean overHttp2(Handshake handshake) {
        return handshake != null && handshake.kind == HandshakeKind.VALID_HTTP2;
    }

    public HandshakeKind kind() {
        return kind;
    }

    /** What is wrong, or null for valid requests and non-upgrades. */
    public HandshakeProblem problem() {
        return problem;
    }

    /** The raw header value (or method, or protocol) that broke the rule, unsanitized; may be null. */
    public String offendingValue() {
        return offendingValue;
    }

    /** How often the offending header occurred (for {@link HandshakeProblem#DUPLICATE_KEY}). */
    public int occurrences() {
        return occurrences;
    }

    /** Headers that show a proxy on the way, as {@code Name: value}, raw; never null. */
    public List<String> proxyEvidence() {
        return proxyEvidence;
    }

    /** The proxy the request's headers name (docs/proxies.md), or null where they name none. */
    public ProxyFingerprint proxy() {
        return proxy;
    }

    @Override
    public String toString() {
        return kind + (problem == null ? "" : "/" + problem);
    }
}
