package dev.wsguard.it.containers;

import java.util.function.Supplier;

/**
 * Every container the suite knows. Expectations in the scenario catalogue are keyed by these constants;
 * adding one (Undertow, GlassFish, Jetty 12.0 ...) makes every catalogue row ask for its expectations.
 */
public enum ContainerKind {

    JETTY_12_1_EE10("jetty-12.1-ee10", JettyEe10Container::new),
    TOMCAT_11("tomcat-11", Tomcat11Container::new);

    private final String label;
    private final Supplier<ContainerUnderTest> factory;

    ContainerKind(String label, Supplier<ContainerUnderTest> factory) {
        this.label = label;
        this.factory = factory;
    }

    public String label() {
        return label;
    }

    public RunningServer start(Deployment deployment) throws Exception {
        return factory.get().start(deployment);
    }

    @Override
    public String toString() {
        return label;
    }
}
