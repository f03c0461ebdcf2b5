package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.scenarios.GuardMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * WildFly with wsguard as a global module, installed as docs/wildfly.md says (module.xml and the ee subsystem's
 * global-modules, read from the page): the webapps carry no wsguard jar, but their web.xml still declares the
 * filter, since a global module only adds classes (and, with services="true", its ServletContainerInitializer) to
 * every deployment. The sample without its jar, the no-wsguard WAR for the differential, and the fixtures, also
 * without jars. One server for all of them.
 */
class WildFlyGlobalModuleIT extends SampleSetUp<WildFlyServer> implements LogModeDifferential {

    private static final List<String> GUARDED = List.of("/sample", "/echo-only", "/plain");

    @Override
    protected WildFlyServer startServer() throws Exception {
        WildFlyBase base = WildFlyBase.fromDistribution("wildfly-global-module").withGlobalModuleAsTheDocSays();
        base.deployWar("sample", WildFlyBase.sampleWithoutFilterJar(base.setupDir().resolve("sample.war")));
        base.deployWar("sample-without-wsguard", WebApps.withoutWsguard(Distribution.noWsguardWar()));
        withoutFilterJar(WebApps.echoEndpointOnly(base.webappDirectory("echo-only"), Map.of()));
        withoutFilterJar(WebApps.plainWebapp(base.webappDirectory("plain"), Map.of(), Map.of()));
        servletAtRoot = WebApps.servletMappedAt(Distribution.sampleWar(), "/");
        return WildFlyServer.start(base);
    }

    /** The fixture declares wsguard in web.xml; the module, not a jar of its own, provides the class. */
    private static void withoutFilterJar(Path webapp) throws Exception {
        Path jar = webapp.resolve("WEB-INF/lib").resolve(Distribution.filterJar().getFileName());
        Files.delete(jar);
        Files.delete(jar.getParent());
    }

    @Override
    protected boolean oneLineFormat() {
        return true;
    }

    @Override
    public GuardMode sampleMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode echoOnlyMode() {
        return GuardMode.LOG;
    }

    @Override
    protected GuardMode plainMode() {
        return GuardMode.LOG;
    }

    @Test
    void noWebappCarriesTheFilterJar() throws Exception {
        assertEquals(List.of(), WebApps.entries(server.base().deployedWar("sample")).stream()
                .filter(e -> e.startsWith("WEB-INF/lib/wsguard")).toList());
        for (String fixture : List.of("echo-only", "plain")) {
            Path lib = server.base().dir().resolve("deployments").resolve(fixture + ".war").resolve("WEB-INF/lib");
            assertTrue(!Files.exists(lib), () -> lib + " should not exist");
        }
    }

    /**
     * wsguard's ServletContainerInitializer runs from the module (services="true"): the sample's report says the
     * scan ran and lists the annotated endpoints it found; and each webapp that declares the filter reports once.
     */
    @Test
    void theModulesInitializerScansEachWebappThatDeclaresTheFilter() throws Exception {
        for (String context : GUARDED) {
            server.firstRequest(context);
        }
        assertEquals(Map.of("/sample", "log", "/echo-only", "log", "/plain", "log"),
                replay.awaitStartupReports(GUARDED.toArray(String[]::new)));
        assertOneStartupReportPerContext(GUARDED);
        String report = replay.log().diagnoses("WSG00").stream().filter(d -> d.mentions(" guards context /sample "))
                .findFirst().orElseThrow().message();
        assertTrue(report.contains("endpoints known: 3 (/chat/{room}, /echo from annotation scan; /ticker from init-param"
                + " endpoints); endpoint scan: ran (2 annotated, 1 programmatic, 0 ServerApplicationConfig)"), report);
    }

    /** Nothing WildFly logs at WARN or above names wsguard, for the webapps with the filter or without. */
    @Test
    void serverLogHoldsNoWarningAboutWsguard() {
        List<String> deployed = server.log().lines().stream().filter(l -> l.contains("WFLYSRV0010: Deployed")).toList();
        assertEquals(4, deployed.size(), () -> "every WAR deployed before this is read: " + deployed);
        assertEquals(List.of(), server.complaintsNaming("dev.wsguard", 0), () -> "server.log:\n" + server.log().text());
    }

    @Test
    void wsguardRunsBeforeTheWebappsOwnFilters() throws Exception {
        replay.upgradeAnsweredByApplicationFilter("/plain", GuardMode.LOG);
    }
}
