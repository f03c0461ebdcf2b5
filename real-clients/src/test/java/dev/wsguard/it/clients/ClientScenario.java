package dev.wsguard.it.clients;

import dev.wsguard.it.containers.AppSetup;

/**
 * The misroutings a real client meets, on the catalogue's app setups. A proxy that strips the upgrade headers
 * (S6) cannot be made by a client, so it is not here (see integration-tests' ReverseProxyTest).
 */
public enum ClientScenario {

    RIGHT_URL(AppSetup.STANDARD, "/app/echo", 101, null, "the endpoint's URL"),
    TYPO(AppSetup.STANDARD, "/app/echo2", 200, "WSG01", "a typo; a plain servlet at / answers (S2)"),
    CONTEXT_PATH_TWICE(AppSetup.STANDARD, "/app/app/echo", 200, "WSG01",
            "the context path written twice; the servlet at / answers"),
    CONTEXT_PATH_MISSING(AppSetup.STANDARD, "/echo", 404, null,
            "the context path left out; no context takes it, so the container answers before any webapp"),
    SPA_FALLBACK(AppSetup.SPA_FALLBACK, "/app/chat", 200, "WSG01", "no endpoint there; an SPA fallback at /* answers (S3)"),
    NOT_FOUND(AppSetup.DEFAULT_SERVLET_ONLY, "/app/echo2", 404, "WSG02", "a typo; only the default servlet, 404 (S4)");

    private final AppSetup setup;
    private final String path;
    private final int containerStatus;
    private final String code;
    private final String description;

    ClientScenario(AppSetup setup, String path, int containerStatus, String code, String description) {
        this.setup = setup;
        this.path = path;
        this.containerStatus = containerStatus;
        this.code = code;
        this.description = description;
    }

    public AppSetup setup() {
        return setup;
    }

    public String path() {
        return path;
    }

    /** What the container answers without wsguard (101 for the right URL). */
    public int containerStatus() {
        return containerStatus;
    }

    /** What wsguard logs where it sees the handshake, or null. */
    public String code() {
        return code;
    }

    public String description() {
        return description;
    }
}
