package dev.wsguard.probe;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** A URL the probe sends a handshake to: ws/http over TCP, wss/https over TLS. */
final class Target {

    private final String scheme;
    private final String host;
    private final int port;
    private final String path;
    private final String query;

    private Target(String scheme, String host, int port, String path, String query) {
        this.scheme = scheme;
        this.host = host;
        this.port = port;
        this.path = path;
        this.query = query;
    }

    /** Parses a URL the user typed; the message of the exception says what is wrong with it. */
    static Target parse(String url) throws UsageException {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw new UsageException("not a URL: " + e.getMessage());
        }
        return of(uri, url);
    }

    private static Target of(URI uri, String shown) throws UsageException {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss") && !scheme.equals("http") && !scheme.equals("https")) {
            throw new UsageException("the URL must start with ws://, wss://, http:// or https://: " + shown);
        }
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            throw new UsageException("the URL names no host: " + shown);
        }
        boolean secure = scheme.equals("wss") || scheme.equals("https");
        int port = uri.getPort() < 0 ? (secure ? 443 : 80) : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        return new Target(scheme, host, port, path, uri.getRawQuery());
    }

    /** Where a {@code Location} header points, relative to this URL; null when it is no usable URL. */
    Target resolve(String location) {
        try {
            // A relative Location keeps this URL's scheme (ws stays ws); an absolute one brings its own.
            URI base = new URI(scheme, null, socketHost(), port, "/", null, null);
            URI resolved = base.resolve(new URI(path + (query == null ? "" : "?" + query))).resolve(location.trim());
            return of(resolved, location);
        } catch (URISyntaxException | IllegalArgumentException | UsageException e) {
            return null;
        }
    }

    /** The same server with another path and query (a variant). */
    Target withPath(String newPath, String newQuery) {
        return new Target(scheme, host, port, newPath.isEmpty() ? "/" : newPath, newQuery);
    }

    boolean secure() {
        return scheme.equals("wss") || scheme.equals("https");
    }

    /** The host as a socket wants it (an IPv6 literal without its brackets). */
    String socketHost() {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    String host() {
        return host;
    }

    int port() {
        return port;
    }

    String path() {
        return path;
    }

    String query() {
        return query;
    }

    /** The request target: path and query. */
    String requestTarget() {
        return query == null ? path : path + "?" + query;
    }

    /** The Host header: the port only where it is not the scheme's default. */
    String hostHeader() {
        return port == (secure() ? 443 : 80) ? host : host + ":" + port;
    }

    /** The origin of a page served from this host, as a same-origin page's browser sends it. */
    String sameOrigin() {
        return (secure() ? "https://" : "http://") + hostHeader();
    }

    /** The WebSocket scheme a client writes for this URL. */
    String wsScheme() {
        return secure() ? "wss" : "ws";
    }

    /** Same server, path and query: what a redirect loop returns to. */
    String key() {
        return wsScheme() + "://" + hostHeader().toLowerCase(Locale.ROOT) + requestTarget();
    }

    /** The URL, in the scheme it was given in. */
    @Override
    public String toString() {
        return scheme + "://" + hostHeader() + requestTarget();
    }
}
