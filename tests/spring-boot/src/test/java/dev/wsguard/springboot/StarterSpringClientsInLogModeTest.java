package dev.wsguard.springboot;

/** {@link SpringClientsContract} with the starter's defaults: log mode. */
class StarterSpringClientsInLogModeTest extends SpringClientsContract {

    @Override
    protected BootApp startApp() {
        return startWithSockJsXhr(null);
    }

    @Override
    protected boolean enforce() {
        return false;
    }
}
