package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.distribution.JettyBase.StartJarRun;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Where a wsguard module cannot work, the real start.jar refuses it, with wsguard's reason, and no server comes up
 * without the filter the base asks for: the Jetty 12.0 module on Jetty 12.1 and the 12.1 modules on 12.0 in one line
 * of start.jar, before anything starts; on Jetty 12.1 a missing jar, a missing environments/ee10-wsguard.xml, and
 * that file left behind by a module that is off, each at startup with its own message (jetty-config/README.md, "Where
 * it cannot work"). Each run is bounded: a server that starts anyway is killed and fails the test.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Jetty121ModuleGuardsIT {

    private static final Duration RUN_TIMEOUT = Duration.ofSeconds(60);

    /** Jetty 12.1, the committed base with wsguard-ee10 as --add-modules leaves it, a webapp to deploy, no jar. */
    private JettyBase ee10Template;

    /** Made once and copied by each test that starts from it: a start.jar run less per test. */
    @BeforeAll
    void prepareEe10Base() throws Exception {
        ee10Template = JettyBase.fromJettyConfig(JettyHome.jetty121(), "guard-12.1-template").withoutModule("wsguard")
                .addModules("wsguard-ee10");
        WebApps.plainWebapp(ee10Template.webappDirectory("plain"), Map.of(), null);
    }

    @Test
    void theJetty120ModuleIsRefusedOnJetty121InOneLine() throws Exception {
        // The committed base as it is: start.d/wsguard.ini enables the Jetty 12.0 module.
        JettyBase base = JettyBase.fromJettyConfig(JettyHome.jetty121(), "guard-wsguard-on-12.1").withFilterJar();
        assertRefusedInOneLine(run(base), "ERROR : No module found to provide deploy for wsguard{enabled}");
    }

    /** {@code --add-modules} takes the module (start.jar checks [version] when it starts), the start refuses it. */
    @Test
    void theJetty121Ee10ModuleIsRefusedOnJetty120InOneLine() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig(JettyHome.jetty120(), "guard-wsguard-ee10-on-12.0").withFilterJar()
                .withoutModule("wsguard").addModules("wsguard-ee10");
        assertRefusedInOneLine(run(base), "ERROR : Module [wsguard-ee10] specifies jetty version [12.1] which is newer"
                + " than this version of jetty [" + JettyHome.jetty120().version() + "]");
    }

    /** Jetty 12.0 has no ee11 at all: {@code --add-modules} itself refuses the module. */
    @Test
    void theJetty121Ee11ModuleIsRefusedOnJetty120InOneLine() throws Exception {
        JettyBase base = JettyBase.fromJettyConfig(JettyHome.jetty120(), "guard-wsguard-ee11-on-12.0").withFilterJar();
        StartJarRun run = base.runStartJar("add-modules", RUN_TIMEOUT, "--add-modules=wsguard-ee11");
        assertRefusedInOneLine(run, "ERROR : No module found to provide ee11-servlet for wsguard-ee11{enabled}");
        assertFalse(Files.exists(base.dir().resolve("start.d/wsguard-ee11.ini")), run::toString);
    }

    @Test
    void withoutTheJarTheServerStopsAtStartupNamingLibWsguard() throws Exception {
        JettyBase base = ee10Base("guard-12.1-without-jar");
        StartJarRun run = run(base);
        assertStoppedWith(run, "java.lang.NullPointerException: wsguard: the module wsguard-ee10 is enabled, but no"
                + " wsguard-filter jar is on the ee10 class path (no dev.wsguard.WebSocketGuardFilter): put"
                + " wsguard-filter-<version>.jar in " + base.dir().resolve("lib/wsguard") + "/ (or disable the module:"
                + " rm start.d/wsguard-ee10.ini)");
    }

    /** Without environments/ee10-wsguard.xml the module would guard nothing, silently: it stops the server instead. */
    @Test
    void withoutTheEnvironmentXmlTheServerStopsAtStartupSayingWhereItGoes() throws Exception {
        JettyBase base = ee10Base("guard-12.1-without-environment-xml").withFilterJar();
        Files.delete(base.dir().resolve("environments/ee10-wsguard.xml"));
        StartJarRun run = run(base);
        assertStoppedWith(run, "java.lang.NullPointerException: wsguard: the module wsguard-ee10 is enabled, but "
                + base.dir().resolve("environments/ee10-wsguard.xml") + ", which adds the filter to each webapp, is"
                + " missing: copy etc/wsguard-ee10-webapp.xml there (java -jar $JETTY_HOME/start.jar"
                + " --add-modules=wsguard-ee10 does)");
    }

    /**
     * Jetty 12.1 applies every environments/ee10*.xml, module or not: the file a disabled module left behind stops the
     * deployment with the way out, rather than fail on a class that left the class path or run without the filter.
     */
    @Test
    void anEnvironmentXmlLeftByADisabledModuleStopsTheDeploymentSayingWhy() throws Exception {
        JettyBase base = ee10Base("guard-12.1-module-off").withFilterJar().withoutModule("wsguard-ee10");
        StartJarRun run = run(base);
        assertStoppedWith(run, "java.lang.NullPointerException: wsguard: this XML adds the wsguard filter to every ee10"
                + " webapp, but no wsguard module gives it its settings (Jetty 12.1: the module wsguard-ee10 is not"
                + " enabled). Enable the module (java -jar $JETTY_HOME/start.jar --add-modules=wsguard-ee10), or remove"
                + " wsguard: rm environments/ee10-wsguard.xml");
    }

    private JettyBase ee10Base(String name) throws Exception {
        return JettyBase.copyOf(ee10Template, name);
    }

    private static StartJarRun run(JettyBase base) throws Exception {
        return base.runStartJar("console", RUN_TIMEOUT, "jetty.http.host=127.0.0.1", "jetty.http.port=0");
    }

    /** start.jar's own refusal: the line, a non-zero exit, no stack trace, nothing started. */
    private static void assertRefusedInOneLine(StartJarRun run, String line) {
        assertTrue(run.exited(), run::toString);
        assertNotEquals(0, run.exitValue(), run::toString);
        List<String> errors = run.output().lines().filter(l -> l.startsWith("ERROR")).toList();
        assertEquals(List.of(line), errors, run::toString);
        assertFalse(run.output().contains("\tat "), () -> "a stack trace: " + run);
        assertFalse(run.output().contains("oejs.Server"), () -> "the server started: " + run);
    }

    private static void assertStoppedWith(StartJarRun run, String reason) {
        assertTrue(run.exited(), () -> "the server started: " + run);
        assertNotEquals(0, run.exitValue(), run::toString);
        assertTrue(run.output().contains(reason), () -> "expected the reason '" + reason + "': " + run);
        assertFalse(run.output().contains("Started oejs.Server"), run::toString);
    }
}
