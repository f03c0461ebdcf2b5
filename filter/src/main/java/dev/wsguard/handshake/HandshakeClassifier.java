package dev.wsguard.handshake;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Classifies a request against the server-side rules of RFC 6455 section 4.2.1 (and RFC 8441 for
 * HTTP/2). Order matters: a request is judged by the first rule it breaks, the way a container
 * would reject it, except that evidence of a proxy stripping hop-by-hop headers wins over the
 * details, because that is the cause the user needs to hear about.
 */
public final class HandshakeClassifier {

    public static final String UPGRADE = "Upgrade";
    public static final String CONNECTION = "Connection";
    public static final String SEC_WEBSOCKET_KEY = "Sec-WebSocket-Key";
    public static final String SEC_WEBSOCKET_VERSION = "Sec-WebSocket-Version";
    public static final String HOST = "Host";
    public static final String WEBSOCKET = "websocket";
    public static final String SUPPORTED_VERSION = "13";
    /** The protocol a proxy downgrades a handshake to: it carries no Upgrade. */
    static final String HTTP_1_0 = "HTTP/1.0";

    /** Repeated headers beyond this count change no verdict; reading them would only cost memory. */
    public static final int MAX_VALUES_READ = 32;

    /** Header names read when looking for proxy evidence; a request with more is not read further. */
    public static final int MAX_HEADER_NAMES_READ = 100;

    /** Headers that a reverse proxy adds; their presence names the likely culprit of stripping. */
    private static final String[] PROXY_HEADERS = {
        "Via", "Forwarded", "X-Forwarded-For", "X-Forwarded-Host", "X-Forwarded-Proto", "X-Real-IP",
        // The URI the client asked the proxy for, where the proxy passes it on (an nginx habit).
        "X-Original-URI"
    };
    /** Any header of this family is a proxy's too (X-Forwarded-Port, X-Forwarded-Server, X-Forwarded-Prefix...). */
    private static final String FORWARDED_PREFIX = "X-Forwarded-";
    /** Beyond the fixed names, at most this many more X-Forwarded-* headers are named as evidence. */
    private static final int MAX_EXTRA_EVIDENCE = 4;

    private HandshakeClassifier() {
    }

    /**
     * The cheap test the filter runs on every request, allocation-free: whether the first value of
     * each header makes this a handshake attempt (docs/how-it-works.md: {@code Upgrade} names websocket, or a
     * {@code Sec-WebSocket-Key} or {@code -Version} is present). {@link #classify} reads every value;
     * a request whose first Upgrade value names another protocol needs {@link #upgradesToWebSocket}
     * on all its Upgrade values before it can be called no attempt.
     */
    public static boolean mayBeAttempt(String upgrade, String key, String version) {
        return key != null || version != null || HeaderTokens.containsToken(upgrade, WEBSOCKET);
    }

    /** Whether any of the Upgrade header's values names websocket. */
    public static boolean upgradesToWebSocket(List<String> upgrades) {
        return anyContains(upgrades, WEBSOCKET);
    }

    /** The full verdict. Never throws on any header content. */
    public static Handshake classify(HandshakeRequest request) {
        List<String> upgrades = request.values(UPGRADE);
        List<String> keys = request.values(SEC_WEBSOCKET_KEY);
        List<String> versions = request.values(SEC_WEBSOCKET_VERSION);
        boolean upgradeWebsocket = upgradesToWebSocket(upgrades);
        if (!upgradeWebsocket && keys.isEmpty() && versions.isEmpty()) {
            return Handshake.notUpgrade();
        }
        String method = String.valueOf(request.method());
        String protocol = String.valueOf(request.protocol());
        List<String> connections = request.values(CONNECTION);

        if ("CONNECT".equals(method) && isHttp2OrLater(protocol)) {
            // RFC 8441: no key, no Upgrade/Connection (hop-by-hop headers do not exist in HTTP/2).
            return versionVerdict(versions, HandshakeKind.VALID_HTTP2, Handshake.Evidence.NONE);
        }
        Handshake.Evidence evidence = proxyEvidence(request, connections);
        if (!"GET".equals(method)) {
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.METHOD_NOT_GET, method, 1, evidence);
        }
        if (!isHttp11OrLater(protocol)) {
            // A client's handshake that a proxy forwarded as HTTP/1.0 (nginx's default proxy_http_version) has lost
            // Upgrade and Connection on the way and kept the Sec-WebSocket-* headers: the hop is wrong, not the client.
            if (HTTP_1_0.equals(protocol) && upgrades.isEmpty()) {
                List<String> downgraded = new ArrayList<>(evidence.headers.size() + 1);
                downgraded.add(HTTP_1_0);
                downgraded.addAll(evidence.headers);
                return Handshake.problem(HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.DOWNGRADED_TO_HTTP_1_0,
                        protocol, 1, new Handshake.Evidence(Collections.unmodifiableList(downgraded), evidence.proxy));
            }
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.NOT_HTTP_1_1, protocol, 1, evidence);
        }
        if (request.values(HOST).isEmpty()) {
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.NO_HOST, null, 0, evidence);
        }
        boolean connectionUpgrade = anyContains(connections, "upgrade");
        if (!upgradeWebsocket) {
            if (!upgrades.isEmpty()) {
                return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.UPGRADE_NOT_WEBSOCKET,
                        upgrades.get(0), upgrades.size(), evidence);
            }
            HandshakeProblem stripped = connectionUpgrade ? HandshakeProblem.UPGRADE_MISSING
                    : HandshakeProblem.UPGRADE_AND_CONNECTION_MISSING;
            return Handshake.problem(HandshakeKind.HEADERS_STRIPPED, stripped, null, 0, evidence);
        }
        if (!connectionUpgrade) {
            if (connections.isEmpty()) {
                return Handshake.problem(HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.CONNECTION_MISSING, null, 0,
                        evidence);
            }
            // "Connection: close" with "Upgrade: websocket" is what a proxy sends that forwards
            // Upgrade but not Connection (nginx without proxy_set_header Connection).
            if (anyContains(connections, "close") || !evidence.headers.isEmpty()) {
                return Handshake.problem(HandshakeKind.HEADERS_STRIPPED, HandshakeProblem.CONNECTION_REPLACED,
                        connections.get(0), connections.size(), evidence);
            }
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.CONNECTION_WITHOUT_UPGRADE,
                    connections.get(0), connections.size(), evidence);
        }
        if (keys.isEmpty()) {
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.MISSING_KEY, null, 0, evidence);
        }
        if (keys.size() > 1) {
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.DUPLICATE_KEY, keys.get(1), keys.size(),
                    evidence);
        }
        if (!isValidKey(keys.get(0))) {
            return Handshake.problem(HandshakeKind.MALFORMED, HandshakeProblem.INVALID_KEY, keys.get(0), 1, evidence);
        }
        return versionVerdict(versions, HandshakeKind.VALID, evidence);
    }

    private static Handshake versionVerdict(List<String> versions, HandshakeKind whenValid,
            Handshake.Evidence evidence) {
        if (versions.isEmpty()) {
            return Handshake.problem(HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.MISSING_VERSION, null, 0,
                    evidence);
        }
        if (versions.size() > 1 || !SUPPORTED_VERSION.equals(versions.get(0).trim())) {
            String shown = versions.size() > 1 ? String.join(", ", versions) : versions.get(0);
            return Handshake.problem(HandshakeKind.UNSUPPORTED_VERSION, HandshakeProblem.UNSUPPORTED_VERSION, shown,
                    versions.size(), evidence);
        }
        return Handshake.of(whenValid, evidence);
    }

    /**
     * RFC 6455 section 4.1: the key is a random 16-byte value, base64-encoded: 22 base64 characters
     * and {@code ==}. Surrounding optional whitespace is allowed by HTTP and ignored.
     */
    public static boolean isValidKey(String key) {
        if (key == null) {
            return false;
        }
        String k = key.trim();
        if (k.length() != 24 || k.charAt(22) != '=' || k.charAt(23) != '=') {
            return false;
        }
        for (int i = 0; i < 22; i++) {
            if (!isBase64(k.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isBase64(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '+' || c == '/';
    }

    private static boolean anyContains(List<String> values, String token) {
        for (String v : values) {
            if (HeaderTokens.containsToken(v, token)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isHttp11OrLater(String protocol) {
        String p = protocol.toUpperCase(Locale.ROOT);
        return p.startsWith("HTTP/") && !p.equals("HTTP/1.0") && !p.equals("HTTP/0.9");
    }

    private static boolean isHttp2OrLater(String protocol) {
        String p = protocol.toUpperCase(Locale.ROOT);
        return p.startsWith("HTTP/2") || p.startsWith("HTTP/3");
    }

    /** The headers that show a proxy, and the proxy they name; the naming header is evidence too. */
    private static Handshake.Evidence proxyEvidence(HandshakeRequest request, List<String> connections) {
        List<String> evidence = null;
        for (String connection : connections) {
            if (HeaderTokens.containsToken(connection, "close")) {
                evidence = add(evidence, CONNECTION + ": " + connection);
                break;
            }
        }
        for (String name : PROXY_HEADERS) {
            List<String> values = request.values(name);
            if (!values.isEmpty()) {
                evidence = add(evidence, name + ": " + values.get(0));
            }
        }
        int extra = 0;
        List<String> names = request.headerNames();
        for (int i = 0; i < names.size() && i < MAX_HEADER_NAMES_READ && extra < MAX_EXTRA_EVIDENCE; i++) {
            String name = names.get(i);
            if (name != null && name.length() > FORWARDED_PREFIX.length()
                    && name.regionMatches(true, 0, FORWARDED_PREFIX, 0, FORWARDED_PREFIX.length())
                    && !isFixedProxyHeader(name) && !named(evidence, name)) {
                List<String> values = request.values(name);
                evidence = add(evidence, canonical(name) + ": " + (values.isEmpty() ? "" : values.get(0)));
                extra++;
            }
        }
        // Only where some proxy shows: every CDN and load balancer adds X-Forwarded-For or Via too, so a handshake
        // that came straight from a client pays no vendor-header look-ups.
        ProxyFingerprint.Match named = evidence == null ? null : ProxyFingerprint.identify(request);
        if (named != null && !named(evidence, named.evidence().substring(0, named.evidence().indexOf(':')))) {
            evidence = add(evidence, named.evidence());
        }
        return evidence == null ? Handshake.Evidence.NONE
                : new Handshake.Evidence(Collections.unmodifiableList(evidence), named == null ? null : named.proxy());
    }

    /**
     * A header name as its family writes it ("X-Forwarded-Server"), whatever case the container reports it in (Tomcat
     * 10.1 lower-cases names, HAProxy sends them so): the same line on every container.
     */
    static String canonical(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean start = true;
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            b.append(start ? Character.toUpperCase(c) : Character.toLowerCase(c));
            start = c == '-';
        }
        return b.toString();
    }

    private static boolean isFixedProxyHeader(String name) {
        for (String fixed : PROXY_HEADERS) {
            if (fixed.equalsIgnoreCase(name)) {
                return true;
            }
        }
        return false;
    }

    /** Whether a header of this name is already evidence (a container may list a name once per line). */
    private static boolean named(List<String> evidence, String name) {
        if (evidence != null) {
            for (String e : evidence) {
                if (e.length() > name.length() && e.charAt(name.length()) == ':'
                        && e.regionMatches(true, 0, name, 0, name.length())) {
                    return true;
                }
            }
        }
        return false;
    }

    private static List<String> add(List<String> list, String item) {
        List<String> l = list == null ? new ArrayList<>(4) : list;
        l.add(item);
        return l;
    }
}
