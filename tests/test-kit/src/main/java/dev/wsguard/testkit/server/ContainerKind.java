package dev.wsguard.testkit.server;

import java.lang.reflect.InvocationTargetException;

/**
 * Every container the suite knows, with the exact version its module runs. The scenario catalogue keys its
 * recorded container answers by these constants, so a new constant makes every row ask for its answer.
 *
 * <p>Each constant names its adapter by class name: the adapters of Undertow and GlassFish live in their
 * own modules, and no module has more than its own container on its class path. Each module's
 * {@code ScenarioContract} subclass checks that the container it loaded is the version named here.
 */
public enum ContainerKind {

    JETTY_12_1("jetty-12.1", "Jetty", "12.1.14", "ee10, embedded ServletContextHandler, Jetty's own Jakarta WebSocket",
            "tests/embedded/jetty-12.1", Adapters.JETTY),
    JETTY_12_0("jetty-12.0", "Jetty", "12.0.30", "ee10, embedded ServletContextHandler, Jetty's own Jakarta WebSocket",
            "tests/embedded/jetty-12.0", Adapters.JETTY),
    TOMCAT_11("tomcat-11", "Tomcat", "11.0.27", "tomcat-embed-core + tomcat-embed-websocket (WsSci)",
            "tests/embedded/tomcat-11", Adapters.TOMCAT),
    TOMCAT_10_1("tomcat-10.1", "Tomcat", "10.1.48", "tomcat-embed-core + tomcat-embed-websocket (WsSci)",
            "tests/embedded/tomcat-10.1", Adapters.TOMCAT),
    UNDERTOW_2_3("undertow-2.3", "Undertow", "2.3.21.Final", "undertow-servlet + undertow-websockets-jsr",
            "tests/embedded/undertow-2.3", "dev.wsguard.embedded.undertow.UndertowContainer"),
    GLASSFISH_7("glassfish-7", "GlassFish", "7.0.25", "glassfish-embedded-all, Tyrus inside; the sample WAR and the catalogue's own WARs",
            "tests/embedded/glassfish-7", "dev.wsguard.embedded.glassfish.GlassFishContainer");

    private final String label;
    private final String product;
    private final String version;
    private final String setup;
    private final String module;
    private final String adapterClassName;

    ContainerKind(String label, String product, String version, String setup, String module, String adapterClassName) {
        this.label = label;
        this.product = product;
        this.version = version;
        this.setup = setup;
        this.module = module;
        this.adapterClassName = adapterClassName;
    }

    /** Why wsguard's 426 lacks Upgrade where {@link #refusalsCarryUpgrade()} is false, for the documents. */
    public static final String REFUSALS_WITHOUT_UPGRADE = "wsguard's 426 carries no Upgrade header here (RFC 9110 asks"
            + " for one): Grizzly takes any response with Upgrade for a protocol switch, drops its Content-Length and"
            + " keeps the connection open, so a client waits for the answer's end until Grizzly drops the idle"
            + " connection, about 30 s later (see"
            + " [GlassFish: why wsguard's 426 carries no Upgrade there](#glassfish-why-wsguards-426-carries-no-upgrade-there));"
            + " wsguard leaves it out, as Tyrus's own 426 does.";

    /**
     * Whether wsguard's own 426 answers carry {@code Upgrade}/{@code Connection: Upgrade} here, as RFC 9110 wants.
     * Not on GlassFish: a 426 with Upgrade loses its framing there (the glassfish-7 module's
     * {@code a426CarryingUpgradeLosesItsFraming} shows it on every run).
     */
    public boolean refusalsCarryUpgrade() {
        return this != GLASSFISH_7;
    }

    /** Short id used in test names, file names and tables ({@code jetty-12.0}). */
    public String label() {
        return label;
    }

    /** {@code Jetty}, {@code Tomcat}... */
    public String product() {
        return product;
    }

    /** The exact version the module runs ({@code 12.0.30}). */
    public String version() {
        return version;
    }

    /** How the container is set up, for the compatibility document. */
    public String setup() {
        return setup;
    }

    /** The Maven module that runs the suite on it. */
    public String module() {
        return module;
    }

    /** {@code Jetty 12.0.30}. */
    public String displayName() {
        return product + " " + version;
    }

    /** A new adapter for this container; fails when the module does not have the container on its class path. */
    public ContainerUnderTest newAdapter() {
        try {
            Class<?> type = Class.forName(adapterClassName, true, ContainerKind.class.getClassLoader());
            return (ContainerUnderTest) type.getConstructor().newInstance();
        } catch (InvocationTargetException e) {
            throw new IllegalStateException("adapter for " + label + " failed: " + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("no adapter for " + label + " on this class path (" + adapterClassName
                    + "): run it from its module, " + module, e);
        }
    }

    /** Names, not class literals: resolving a class literal would load an adapter whose container may be absent. */
    private static final class Adapters {
        static final String JETTY = "dev.wsguard.testkit.server.JettyEe10Container";
        static final String TOMCAT = "dev.wsguard.testkit.server.TomcatContainer";
    }

    @Override
    public String toString() {
        return label;
    }

    /**
     * What deploys real WARs on this container: the kit's Jetty and Tomcat deployers, GlassFish's in its own module
     * (by name, as {@link #newAdapter()} finds adapters), and none for Undertow, whose embedded API builds a
     * deployment in code (the WAR checks' data says so).
     */
    public java.util.Optional<dev.wsguard.testkit.war.WarDeployer> warDeployer() {
        switch (this) {
            case JETTY_12_1:
            case JETTY_12_0:
                return java.util.Optional.of(dev.wsguard.testkit.war.WarContainer.JETTY_EE10);
            case TOMCAT_11:
            case TOMCAT_10_1:
                return java.util.Optional.of(dev.wsguard.testkit.war.WarContainer.TOMCAT);
            case GLASSFISH_7:
                try {
                    return java.util.Optional.of((dev.wsguard.testkit.war.WarDeployer) Class
                            .forName("dev.wsguard.embedded.glassfish.GlassFishWarDeployer", true,
                                    ContainerKind.class.getClassLoader()).getConstructor().newInstance());
                } catch (ReflectiveOperationException | LinkageError e) {
                    throw new IllegalStateException("no WAR deployer for " + label + " on this class path: run it from"
                            + " its module, " + module, e);
                }
            default:
                return java.util.Optional.empty();
        }
    }
}
