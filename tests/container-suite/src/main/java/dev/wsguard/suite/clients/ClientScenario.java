package dev.wsguard.suite.clients;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.tools.NginxProxy;
import dev.wsguard.suite.scenarios.EnforceAction;

/**
 * The misroutings a real client meets, on the catalogue's app setups, straight to the server or through a real
 * nginx: a proxy that strips the upgrade headers (S6) is the one place a real client meets wsguard's 426.
 */
public enum ClientScenario {

    RIGHT_URL(AppSetup.STANDARD, "/app/echo", null, 101, null, EnforceAction.UNCHANGED, "the endpoint's URL"),
    TYPO(AppSetup.STANDARD, "/app/echo2", null, 200, "WSG01", EnforceAction.REJECT_400,
            "a typo; a plain servlet at / answers (S2)"),
    CONTEXT_PATH_TWICE(AppSetup.STANDARD, "/app/app/echo", null, 200, "WSG01", EnforceAction.REJECT_400,
            "the context path written twice; the servlet at / answers"),
    CONTEXT_PATH_MISSING(AppSetup.STANDARD, "/echo", null, 404, null, EnforceAction.UNCHANGED,
            "the context path left out; no context takes it, so the container answers before any webapp"),
    SPA_FALLBACK(AppSetup.SPA_FALLBACK, "/app/chat", null, 200, "WSG01", EnforceAction.REJECT_400,
            "no endpoint there; an SPA fallback at /* answers (S3)"),
    NOT_FOUND(AppSetup.DEFAULT_SERVLET_ONLY, "/app/echo2", null, 404, "WSG02", EnforceAction.UNCHANGED,
            "a typo; only the default servlet, 404 (S4)"),
    NGINX_NAIVE(AppSetup.STANDARD, "/app/echo", NginxProxy.Config.NAIVE, 200, "WSG03", EnforceAction.REJECT_426,
            "the endpoint's URL through nginx with plain proxy_pass and proxy_http_version 1.1, which drops Upgrade"
                    + " and Connection, so the servlet at / answers (S6)"),
    NGINX_WEBSOCKET(AppSetup.STANDARD, "/app/echo", NginxProxy.Config.WEBSOCKET, 101, null, EnforceAction.UNCHANGED,
            "the endpoint's URL through nginx forwarding Upgrade and Connection, as nginx documents");

    public final AppSetup setup;
    public final String path;
    /** The nginx configuration between client and server, or null where the client connects straight. */
    public final NginxProxy.Config proxy;
    /** What the client gets without wsguard (101 for the right URL), through the proxy where there is one. */
    public final int containerStatus;
    /** What wsguard logs where it sees the handshake, or null. */
    public final String code;
    /** What wsguard in enforce mode answers instead (docs/how-it-works.md): 400 for WSG01, 426 for WSG03. */
    public final EnforceAction enforceAction;
    public final String description;

    ClientScenario(AppSetup setup, String path, NginxProxy.Config proxy, int containerStatus, String code,
                   EnforceAction enforceAction, String description) {
        this.setup = setup;
        this.path = path;
        this.proxy = proxy;
        this.containerStatus = containerStatus;
        this.code = code;
        this.enforceAction = enforceAction;
        this.description = description;
    }
}
