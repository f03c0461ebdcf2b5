package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The probe against the repository's Spring Boot sample (spring-boot-sample: Boot 3.5 on its own Tomcat 10.1, Spring
 * WebSocket's raw handlers, STOMP over SockJS at {@code /ws}, a single-page app's fallback, Spring Security's form login,
 * wsguard in log mode from its starter), run as a child JVM on 127.0.0.1, port 0, with the class path its own build
 * wrote (runtime-classpath.txt beside its jar). Started once for the class.
 */
class BootSampleProofTest {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(120);
    private static final Pattern BANNER = Pattern.compile("wsguard Spring Boot demo: http://127\\.0\\.0\\.1:(\\d+)/");

    private static ChildServer boot;

    @BeforeAll
    static void startTheSample() throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("wsguard.probe.boot-sample.jar"));
        Path classPathFile = jar.resolveSibling("runtime-classpath.txt");
        assertTrue(Files.isRegularFile(jar) && Files.isRegularFile(classPathFile),
                () -> "the sample's jar and its runtime-classpath.txt, written by its own build (-am): " + jar);
        // This module's test classes for ChildMain alone (it loads nothing else of them), then the sample's own.
        Path testClasses = Path.of(ChildMain.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String classPath = testClasses + File.pathSeparator + jar + File.pathSeparator
                + Files.readString(classPathFile, StandardCharsets.UTF_8).trim();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        boot = ChildServer.start("spring-boot-sample", List.of(java.toString(), "-cp", classPath, "-Dport=0",
                "-XX:TieredStopAtLevel=1", ChildMain.class.getName(), "dev.wsguard.sample.boot.BootDemo"),
                jar.getParent(), BANNER, START_TIMEOUT);
    }

    @AfterAll
    static void stopTheSample() {
        if (boot != null) {
            boot.close();
        }
    }

    private static String ws(String path) {
        return "ws://127.0.0.1:" + boot.port() + path;
    }

    /**
     * The SockJS endpoint's base, {@code /ws}, with a plain WebSocket handshake: Spring's SockJS service answers it 400
     * (a handshake there is no SockJS transport). The probe tries the raw WebSocket of a SockJS endpoint,
     * {@code /ws/websocket}, which answers 101, and says that /ws is SockJS.
     */
    @Test
    void theSockJsEndpointsBaseLeadsToItsRawWebSocket() {
        Probed.probe(ws("/ws")).assertVerdict(2, "misrouted", "WSG08", 400)
                .assertVariant(ws("/ws/websocket"), 101, null)
                .assertWorksAt(ws("/ws/websocket"))
                .assertFixContains("/ws is SockJS; the raw WebSocket is at /ws/websocket, which answered 101");
    }

    /** The SockJS endpoint's raw WebSocket itself: 101, the accept right, a ping answered. */
    @Test
    void theSockJsRawWebSocketWorks() {
        Probed.probe(ws("/ws/websocket")).assertWorks();
    }

    /** The raw WebSocketHandler at /echo: works, and echoes. */
    @Test
    void theRawWebSocketHandlerWorksAndEchoes() {
        Probed probed = Probed.probe(ws("/echo"), "--send", "hello boot").assertWorks();
        assertEquals("hello boot", probed.string("echo"), probed::toString);
    }

    /** A typo: the single-page app's fallback answers its HTML shell with 200. WSG01. */
    @Test
    void aTypoAnsweredByTheSpaFallbackIsWsg01() {
        Probed.probe(ws("/ecco")).assertVerdict(2, "misrouted", "WSG01", 200)
                .assertVariant(ws("/ecco/"), 404, "WSG02");
    }

    /** Not signed in: Spring Security redirects the handshake to its login page. WSG07, exit 3, with the Location. */
    @Test
    void theSecuredHandlerRedirectsToTheLoginPage() {
        Probed probed = Probed.probe(ws("/secure/ws")).assertVerdict(3, "refused", "WSG07", 302)
                .assertFixContains("redirected to a login page");
        assertTrue(String.valueOf(probed.header("Location")).endsWith("/login"), probed::toString);
    }
}
