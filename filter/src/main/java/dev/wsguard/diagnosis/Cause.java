package dev.wsguard.diagnosis;

import dev.wsguard.handshake.HandshakeProblem;

/**
 * Every cause a line can name, one constant each. For a request, {@link CauseClassifier} chooses it from the request,
 * the answer and what is known of the deployment, and {@link Messages} renders it; a context's startup causes
 * ({@link #atStartup()}) are chosen and rendered by {@code StartupReport} from what the deployment shows. Its words are
 * under {@code Cause.<NAME>} in {@code dev/wsguard/text/wording.properties} (the cause, then {@code .fix}).
 * docs/troubleshooting.md lists them.
 */
public enum Cause {

    // WSG01, WSG02, WSG08: a valid handshake that no WebSocket endpoint took.

    /** The context has no jakarta.websocket ServerContainer, so nothing could upgrade it. */
    NO_WEBSOCKET_SUPPORT,
    /** The container maps an endpoint at the path, and its WebSocket filter, which runs first, declined. */
    MAPPED_ENDPOINT_DECLINED,
    /** The container maps an endpoint at the path, and something after wsguard answered before it. */
    MAPPED_ENDPOINT_PREEMPTED,
    /** A javax.websocket endpoint is declared at the path; a jakarta container never deploys it. */
    JAVAX_ENDPOINT,
    /** A framework endpoint that also answers plain HTTP (SockJS's base) answered the handshake itself. */
    ENDPOINT_ANSWERED_PLAIN_HTTP,
    /** A framework endpoint's path was taken by another handler the framework named. */
    FRAMEWORK_ENDPOINT_SHADOWED_BY_HANDLER,
    /** A framework endpoint's path was answered by something ahead of it. */
    FRAMEWORK_ENDPOINT_SHADOWED,
    /** An endpoint's origin check refused, and the container (Undertow) passed the handshake on as a plain request. */
    ORIGIN_REFUSED_PASSED_ON,
    /** An endpoint is declared at the path but not deployed. */
    ENDPOINT_NOT_DEPLOYED,
    /** The framework knows what the path is to it (a STOMP destination used as a URL), and says so. */
    FRAMEWORK_EXPLAINED_PATH,
    /** Neither the scan nor the container could say which endpoints exist. */
    REGISTRY_UNAVAILABLE,
    /** The endpoint is in another context: the URL lacks or mistakes the context path. */
    ENDPOINT_IN_OTHER_CONTEXT,
    /** The context deploys no endpoint at all. */
    NO_ENDPOINT_IN_CONTEXT,
    /** No endpoint matches the path; the closest one or the list is given. */
    NO_ENDPOINT_MATCHES,
    /**
     * Not a cause of its own but a likely second one beside any of the above: a proxy forwarded the handshake, and its
     * path mapping may have changed a right URL.
     */
    PROXY_PATH_MAPPING,

    // WSG03: the handshake lost its hop-by-hop headers on the way.

    UPGRADE_AND_CONNECTION_MISSING,
    UPGRADE_MISSING,
    CONNECTION_MISSING,
    CONNECTION_REPLACED,
    /** Forwarded as HTTP/1.0: nginx's default proxy_http_version. */
    DOWNGRADED_TO_HTTP_1_0,

    // WSG04: a malformed handshake (RFC 6455 section 4.2.1).

    METHOD_NOT_GET,
    NOT_HTTP_1_1,
    NO_HOST,
    UPGRADE_NOT_WEBSOCKET,
    CONNECTION_WITHOUT_UPGRADE,
    MISSING_KEY,
    DUPLICATE_KEY,
    INVALID_KEY,

    // WSG05: a version other than 13.

    MISSING_VERSION,
    UNSUPPORTED_VERSION,

    // WSG06: a plain request to an endpoint's path.

    PLAIN_REQUEST_TO_ENDPOINT,

    // WSG07: the application refused or failed the handshake.

    /** The framework explained the refusal itself (its origin check, its security filter). */
    FRAMEWORK_EXPLAINED_REFUSAL,
    /** A 3xx: a login redirect, most likely. */
    REDIRECTED,
    /** A 401: a challenge a browser cannot answer during a handshake. */
    AUTHENTICATION_REQUIRED,
    /** A 403 with an Origin at an endpoint the container deploys: its Configurator.checkOrigin said no. */
    ORIGIN_CHECK_REFUSED,
    /** Another 403: an origin check or an access rule. */
    FORBIDDEN,
    /** A 5xx in a context whose WebSocket support is there. */
    APPLICATION_FAILED,
    /** A 5xx from a handler that could not upgrade, since the context has no WebSocket support. */
    FAILED_WITHOUT_WEBSOCKET_SUPPORT,

    // Startup (WSG10 to WSG13): what a context's deployment shows, once.

    /** WSG10: no jakarta.websocket ServerContainer in the context. */
    NO_WEBSOCKET_CONTAINER(true),
    /** WSG11: javax.websocket endpoints found in a jakarta webapp. */
    JAVAX_ENDPOINTS_IN_JAKARTA_WEBAPP(true),
    /** WSG11: a javax.websocket container published in the context. */
    JAVAX_CONTAINER_PUBLISHED(true),
    /** WSG11: a javax.websocket API on a jakarta webapp's class path, no javax endpoint found. */
    JAVAX_API_ON_CLASS_PATH(true),
    /** WSG12: a WebSocket API jar packaged in WEB-INF/lib. */
    API_JAR_IN_WEBAPP(true),
    /** WSG12: two copies of the jakarta.websocket API visible to the webapp. */
    API_VISIBLE_TWICE(true),
    /** WSG13: a WebSocket implementation that cannot work on this container (the container profile says which). */
    IMPLEMENTATION_CANNOT_WORK(true),

    /** A code without a cause of its own (startup and configuration codes rendered here by mistake). */
    NONE;

    private final boolean atStartup;

    Cause() {
        this(false);
    }

    Cause(boolean atStartup) {
        this.atStartup = atStartup;
    }

    /** Whether a context's startup report names it, rather than a request line. */
    public boolean atStartup() {
        return atStartup;
    }

    /** The cause of a handshake the header check already found at fault (WSG03, WSG04, WSG05). */
    public static Cause of(HandshakeProblem problem) {
        switch (problem) {
            case METHOD_NOT_GET:
                return METHOD_NOT_GET;
            case NOT_HTTP_1_1:
                return NOT_HTTP_1_1;
            case NO_HOST:
                return NO_HOST;
            case UPGRADE_NOT_WEBSOCKET:
                return UPGRADE_NOT_WEBSOCKET;
            case CONNECTION_WITHOUT_UPGRADE:
                return CONNECTION_WITHOUT_UPGRADE;
            case MISSING_KEY:
                return MISSING_KEY;
            case DUPLICATE_KEY:
                return DUPLICATE_KEY;
            case INVALID_KEY:
                return INVALID_KEY;
            case UPGRADE_AND_CONNECTION_MISSING:
                return UPGRADE_AND_CONNECTION_MISSING;
            case DOWNGRADED_TO_HTTP_1_0:
                return DOWNGRADED_TO_HTTP_1_0;
            case UPGRADE_MISSING:
                return UPGRADE_MISSING;
            case CONNECTION_MISSING:
                return CONNECTION_MISSING;
            case CONNECTION_REPLACED:
                return CONNECTION_REPLACED;
            case MISSING_VERSION:
                return MISSING_VERSION;
            case UNSUPPORTED_VERSION:
                return UNSUPPORTED_VERSION;
            default:
                throw new IllegalArgumentException(problem.name());
        }
    }
}
