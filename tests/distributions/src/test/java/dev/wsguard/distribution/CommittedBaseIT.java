package dev.wsguard.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * jetty-config/ is a real JETTY_BASE: the same as the one a user gets from an empty directory with
 * {@code start.jar --add-modules=http,ee10-deploy,ee10-annotations,ee10-websocket-jakarta} and the
 * install steps of jetty-config/README.md. Its start.d files are shorter than the generated ones
 * (Jetty's comment templates are not copied into this repository), so they are compared by what
 * start.jar makes of them, not by text.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CommittedBaseIT {

    private JettyBase generated;

    @BeforeAll
    void generateReferenceBase() throws Exception {
        generated = JettyBase.existing("reference-base", "http", "ee10-deploy", "ee10-annotations", "ee10-websocket-jakarta")
                .installWsguardAsTheReadmeSays();
    }

    @Test
    void startJarSeesTheSameModulesPropertiesClassPathsAndXmls() throws Exception {
        JettyBase committed = JettyBase.fromJettyConfig("committed-base").withFilterJar();
        String expected = withoutBaseDir(generated.listConfig(), generated.dir());
        String actual = withoutBaseDir(committed.listConfig(), committed.dir());
        // The comparison must cover what matters, or an empty output would pass.
        for (String mustAppear : new String[] {"ee10-websocket-jakarta    ${jetty.base}/start.d/ee10-websocket-jakarta.ini",
                "wsguard                   ${jetty.base}/start.d/wsguard.ini", " wsguard.mode = log",
                "${jetty.base}/lib/wsguard/wsguard-filter-", "${jetty.base}/etc/wsguard.xml", "${jetty.base}/resources"}) {
            assertTrue(expected.contains(mustAppear), () -> "the generated base's --list-config lacks '" + mustAppear + "':\n" + expected);
        }
        assertEquals(expected, actual, "start.jar --list-config of jetty-config/ and of a generated base");
    }

    /** The committed wsguard.ini is exactly what {@code --add-modules=wsguard} writes from modules/wsguard.mod. */
    @Test
    void wsguardIniIsTheModulesOwnTemplate() throws Exception {
        assertEquals(Files.readString(generated.dir().resolve("start.d/wsguard.ini")),
                Files.readString(Distribution.jettyConfig().resolve("start.d/wsguard.ini")));
    }

    /** Jetty's log levels: the same settings as the file start.jar copies into a new base, in our own words. */
    @Test
    void jettyLoggingPropertiesSetWhatJettysOwnSets() throws Exception {
        Path copied = generated.dir().resolve("resources/jetty-logging.properties");
        Properties expected = load(copied);
        assertTrue(expected.containsKey("org.eclipse.jetty.LEVEL"), () -> copied + ": " + expected);
        assertEquals(expected, load(Distribution.jettyConfig().resolve("resources/jetty-logging.properties")));
    }

    /** Both bases differ only in where they are: put a placeholder where each names its own directory. */
    private static String withoutBaseDir(String listConfig, Path baseDir) {
        return listConfig.replace(baseDir.toString(), "${jetty.base}");
    }

    private static Properties load(Path file) throws IOException {
        Properties p = new Properties();
        try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        return p;
    }
}
