package dev.wsguard.javax;

import dev.wsguard.suite.scenarios.ContainerAnswer;
import dev.wsguard.suite.scenarios.HeaderRule;
import dev.wsguard.suite.scenarios.Scenario;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerSettings;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.war.DeployedServer;
import dev.wsguard.testkit.war.TomcatWarDeployer;
import dev.wsguard.testkit.war.WebApp;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The javax containers, each run as the catalogue's nearest jakarta container is: a deployment becomes a javax WAR
 * ({@link JavaxWar}) deployed as that container deploys WARs. The catalogue's answers are read for {@link #nearest}.
 * Each runs in a Surefire execution of its own, with only its own container on the class path: Tomcat 9 and Jetty
 * 12.0 ee8 in tests/javax, Jetty 12.1 ee8 in tests/javax-jetty-12.1 (Maven holds one Jetty version per module).
 */
enum JavaxContainer implements ContainerUnderTest {

    TOMCAT_9("Tomcat", "9.0.124", "", ContainerKind.TOMCAT_10_1, Engine.TOMCAT, Map.of(
            // Observed on 9.0.124: Tomcat 9's upgrade refuses a repeated key with its own 400 page (10.1 upgrades).
            "S10b", new ContainerAnswer(400, List.of(HeaderRule.ignoringCase("Content-Type", "text/html;charset=utf-8")),
                    true, "Tomcat 9 answers a repeated Sec-WebSocket-Key with its own 400; Tomcat 10.1 upgrades it"),
            "S10c", new ContainerAnswer(400, List.of(HeaderRule.ignoringCase("Content-Type", "text/html;charset=utf-8")),
                    true, "Tomcat 9 answers a repeated Sec-WebSocket-Key with its own 400; Tomcat 10.1 upgrades it"),
            // Observed on 9.0.124: no upgrade over HTTP/1.0, so the request goes on to the servlet at /.
            "S12", new ContainerAnswer(200, List.of(HeaderRule.ignoringCase("Content-Type", "text/plain;charset=UTF-8")),
                    true, "Tomcat 9 does not upgrade an HTTP/1.0 request; the plain servlet answers it"))),

    /** Jetty 12.0's ee8 environment (tests/javax). */
    JETTY_12_0_EE8("Jetty", "12.0.30", " ee8", ContainerKind.JETTY_12_0, Engine.JETTY_EE8, Map.of()),

    /** Jetty 12.1's ee8 environment (tests/javax-jetty-12.1), held to Jetty 12.1's ee10 answers. */
    JETTY_12_1_EE8("Jetty", "12.1.5", " ee8", ContainerKind.JETTY_12_1, Engine.JETTY_EE8, Map.of());

    /** The system property by which a module's pom names the Jetty ee8 its class path holds ({@link #jettyEe8}). */
    static final String JETTY_EE8_VERSION = "wsguard.javax.jetty-ee8.version";

    /**
     * How each kind of installation deploys a WAR and tells its version: one per API, whichever version of it the
     * class path holds. Each execution has only its own container on the class path; a body's references to it
     * resolve only when that body runs.
     */
    private enum Engine {

        /** Tomcat 9 embedded, deployed with the kit's TomcatWarDeployer (the same API since Tomcat 9). */
        TOMCAT {
            @Override
            DeployedServer deploy(boolean webSocket, Path war) throws Exception {
                return TomcatWarDeployer.start(webSocket, List.of(WebApp.at(AppSetup.CONTEXT_PATH, war)),
                        new JavaxOnlyParent(JavaxContainer.class.getClassLoader()));
            }

            @Override
            String version() {
                String info = org.apache.catalina.util.ServerInfo.getServerInfo();
                return info.substring(info.indexOf('/') + 1);
            }
        },

        /** Jetty 12's ee8 environment, the same API on 12.0 and 12.1. */
        JETTY_EE8 {
            @Override
            DeployedServer deploy(boolean webSocket, Path war) throws Exception {
                return JettyEe8WarDeployer.start(webSocket, war);
            }

            @Override
            String version() {
                return org.eclipse.jetty.util.Jetty.VERSION;
            }
        };

        abstract DeployedServer deploy(boolean webSocket, Path war) throws Exception;

        abstract String version();
    }

    private final String product;
    private final String expectedVersion;
    /** Appended to the version where the product has more than one Servlet environment ({@code " ee8"}). */
    private final String environment;
    private final ContainerKind nearest;
    private final Engine engine;
    private final Map<String, ContainerAnswer> ownAnswers;

    JavaxContainer(String product, String expectedVersion, String environment, ContainerKind nearest, Engine engine,
                   Map<String, ContainerAnswer> ownAnswers) {
        this.product = product;
        this.expectedVersion = expectedVersion;
        this.environment = environment;
        this.nearest = nearest;
        this.engine = engine;
        this.ownAnswers = ownAnswers;
    }

    /**
     * The Jetty ee8 of this class path, as the module's pom names it ({@value #JETTY_EE8_VERSION}, the version of
     * the Jetty BOM it imports): tests/javax runs Jetty 12.0's, tests/javax-jetty-12.1 Jetty 12.1's, with one test.
     */
    static JavaxContainer jettyEe8() {
        String version = System.getProperty(JETTY_EE8_VERSION, "");
        for (JavaxContainer c : values()) {
            if (c.engine == Engine.JETTY_EE8 && c.expectedVersion.equals(version)) {
                return c;
            }
        }
        throw new IllegalStateException(JETTY_EE8_VERSION + " is '" + version + "' (set by the pom of tests/javax or"
                + " tests/javax-jetty-12.1): no JavaxContainer is Jetty " + version + " ee8; add one, with the answers"
                + " it gives where they differ from its nearest container's");
    }

    /** The rows this container answers differently from {@link #nearest}, each with what it answers and why. */
    Map<String, ContainerAnswer> ownAnswers() {
        return ownAnswers;
    }

    /** What this container answers to the row on its own: the catalogue's answer for {@link #nearest}, or its own. */
    ContainerAnswer answer(Scenario row) {
        return ownAnswers.getOrDefault(row.id(), row.answer(nearest));
    }

    DeployedServer deploy(boolean webSocket, Path war) throws Exception {
        return engine.deploy(webSocket, war);
    }

    /** The version the container on this class path reports. */
    @Override
    public String version() {
        return engine.version();
    }

    /** The jakarta container whose recorded answers this one must give. */
    ContainerKind nearest() {
        return nearest;
    }

    String expectedVersion() {
        return expectedVersion;
    }

    /** {@code Jetty 12.0.30 ee8}: the container as the tests expect it. */
    String displayName() {
        return product + " " + expectedVersion + environment;
    }

    /**
     * {@code Jetty 12.0.30 ee8} with the version the container reports: the container field of its results, so
     * that docs/compatibility.md names what ran, not what the pom meant to run.
     */
    String resultLabel() {
        return product + " " + version() + environment;
    }

    /** {@code javax-jetty-12.0-ee8}: its results file's name in target/compat/. */
    String resultsFileName() {
        return "javax-" + product.toLowerCase(java.util.Locale.ROOT) + "-"
                + expectedVersion.substring(0, expectedVersion.lastIndexOf('.')) + environment.replace(' ', '-');
    }

    @Override
    public RunningServer start(Deployment deployment) throws Exception {
        Path dir = WorkDirs.create("javax-war");
        try {
            Path war = JavaxWar.write(deployment, dir.resolve("app"));
            DeployedServer server = deploy(deployment.app().webSocketSupport(), war);
            return new RunningServer() {
                @Override
                public int port() {
                    return server.port();
                }

                @Override
                public void close() {
                    server.close();
                    WorkDirs.deleteQuietly(dir);
                }
            };
        } catch (Exception | Error e) {
            WorkDirs.deleteQuietly(dir);
            throw e;
        }
    }

    @Override
    public boolean supports(AppSetup setup) {
        return setup.webInfLibJars().isEmpty();
    }

    @Override
    public boolean supports(ContainerSettings settings) {
        return settings.isDefault();
    }
}
