package dev.wsguard.springboot;

/** {@link SpringClientsContract} with {@code wsguard.mode=enforce} ({@code application-enforce.properties}). */
class StarterSpringClientsInEnforceModeTest extends SpringClientsContract {

    @Override
    protected BootApp startApp() {
        return startWithSockJsXhr("enforce");
    }

    @Override
    protected boolean enforce() {
        return true;
    }
}
