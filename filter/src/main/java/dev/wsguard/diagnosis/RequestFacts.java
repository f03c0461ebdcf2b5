package dev.wsguard.diagnosis;

/**
 * What a log line says about the request: raw values, sanitized only when rendered. The
 * context-relative path is what endpoints are declared against.
 */
public final class RequestFacts {

    private final String method;
    private final String requestUri;
    private final String contextPath;
    private final String path;
    private final String protocol;
    private final String remoteAddress;
    private final String scheme;
    private final String authority;
    private final String origin;

    public RequestFacts(String method, String requestUri, String contextPath, String protocol, String remoteAddress) {
        this(method, requestUri, contextPath, protocol, remoteAddress, null, null);
    }

    /**
     * @param scheme    the request's scheme ({@code http}, {@code https}), or null
     * @param authority the host (and port) the client addressed, from its Host header; or null
     */
    public RequestFacts(String method, String requestUri, String contextPath, String protocol, String remoteAddress,
            String scheme, String authority) {
        this(method, requestUri, contextPath, protocol, remoteAddress, scheme, authority, null);
    }

    /** @param origin the page's origin, from the request's Origin header; or null */
    public RequestFacts(String method, String requestUri, String contextPath, String protocol, String remoteAddress,
            String scheme, String authority, String origin) {
        this.origin = nonNull(origin);
        this.scheme = nonNull(scheme);
        this.authority = nonNull(authority);
        this.method = nonNull(method);
        this.requestUri = nonNull(requestUri);
        this.contextPath = nonNull(contextPath);
        this.protocol = nonNull(protocol);
        this.remoteAddress = nonNull(remoteAddress);
        String p = this.requestUri.startsWith(this.contextPath)
                ? this.requestUri.substring(this.contextPath.length()) : this.requestUri;
        int semicolon = p.indexOf(';');
        this.path = semicolon >= 0 ? p.substring(0, semicolon) : p;
    }

    private static String nonNull(String s) {
        return s == null ? "" : s;
    }

    public String method() {
        return method;
    }

    /** The raw request URI, context path included, no query. */
    public String requestUri() {
        return requestUri;
    }

    public String contextPath() {
        return contextPath;
    }

    /** The path inside the context, e.g. {@code /echo}; what endpoint templates match. */
    public String path() {
        return path;
    }

    public String protocol() {
        return protocol;
    }

    public String remoteAddress() {
        return remoteAddress;
    }

    /** The Origin header's value (a browser's page), raw; empty without one. */
    public String origin() {
        return origin;
    }

    /**
     * The WebSocket URL of the request's own path: {@code wss://} where the request came over https,
     * else {@code ws://}; the host as the client addressed it, {@code <host>} when unknown. Raw: sanitize
     * before logging.
     */
    public String webSocketUrl() {
        return webSocketUrl(requestUri);
    }

    /** The WebSocket URL of another path on the same server, as {@link #webSocketUrl()} makes the request's. */
    public String webSocketUrl(String path) {
        String ws = "https".equalsIgnoreCase(scheme) ? "wss://" : "ws://";
        return ws + (authority.isEmpty() ? "<host>" : authority) + path;
    }
}
