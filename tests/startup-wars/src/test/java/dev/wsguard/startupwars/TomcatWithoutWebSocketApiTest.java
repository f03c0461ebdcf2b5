package dev.wsguard.startupwars;

import dev.wsguard.testkit.log.LineAssertions;

import static dev.wsguard.testkit.log.LineAssertions.assertLine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.startupwars.app.ApiProbeServlet;
import dev.wsguard.startupwars.app.WebSocketTypesInitializer;
import dev.wsguard.testkit.war.IsolatedServers;
import dev.wsguard.testkit.war.WarBuilder;
import dev.wsguard.testkit.war.WarContainer;
import dev.wsguard.testkit.war.WarContainer.WebSocket;
import dev.wsguard.testkit.war.WarDirs;
import dev.wsguard.testkit.war.WebApp;
import jakarta.servlet.ServletContainerInitializer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The README's "one limit, from the containers themselves": an embedded Tomcat 11 with no
 * tomcat-embed-websocket (so no jakarta.websocket API at all) and a WAR that bundles wsguard. Tomcat
 * reads the {@code @HandlesTypes} of every initializer in {@code WEB-INF/lib}; wsguard's names
 * jakarta.websocket types. The documented way out ({@code <absolute-ordering/>}) must deploy and get
 * WSG10; the limit itself is pinned as observed, so that a Tomcat which lifts it fails this test and
 * the README gets updated.
 */
class TomcatWithoutWebSocketApiTest {

    private static final String CONTEXT = "/app";
    /** Tomcat's loggers (JULI writes to java.util.logging, which is JVM-wide, so the isolated copy's lines land here). */
    private static final String TOMCAT_LOGGERS = "org.apache.catalina";

    private static WarBuilder apiProbingApp() {
        return WarBuilder.create().servlet("plain", PlainTextServlet.class, "/")
                .servlet("api-probe", ApiProbeServlet.class, ApiProbeServlet.MAPPING).classes(EchoEndpoint.class);
    }

    private static RunningServer startWithoutWebSocketJars(Path war) throws Exception {
        return IsolatedServers.start(WarContainer.TOMCAT, WebSocket.OFF, IsolatedServers.WEBSOCKET_JARS,
                WebApp.at(CONTEXT, war));
    }

    @Test
    void absoluteOrderingDeploysAndTheFilterReportsWsg10NamingTomcatsFix() throws Exception {
        try (GuardLogCapture log = GuardLogCapture.attach(); WarDirs dirs = new WarDirs()) {
            // The README's way out: <absolute-ordering/> keeps every WEB-INF/lib initializer, wsguard's too, out.
            Path war = apiProbingApp().guardFilter(Map.of()).absoluteOrdering().build(dirs.next("ordered"));
            try (RunningServer server = startWithoutWebSocketJars(war)) {
                // Before any request: the line comes from the filter's init, at context start.
                assertLine(log, "WSG10", "tomcat-embed-websocket", "WsSci");
                assertApiAbsent(server);
                try (RawResponse plain = RawHttp.exchange(server.port(), RawRequest.get(CONTEXT + "/").build())) {
                    assertEquals(200, plain.status(), plain::toString);
                    assertEquals(PlainTextServlet.BODY, plain.bodyText());
                }

                try (RawResponse upgrade = RawHttp.exchange(server.port(), RawRequest.validUpgrade(CONTEXT + "/echo"))) {
                    assertEquals(200, upgrade.status(), () -> "no WebSocket support: the servlet at / answers:\n" + upgrade);
                }
                assertLine(log, "WSG01", "/app/echo", "WebSocket support is not enabled", "tomcat-embed-websocket");
            }
        }
    }

    /**
     * Pins the limit: without {@code <absolute-ordering/>} the context does not start. wsguard's initializer
     * refuses to be created where the API is missing, and Tomcat fails the context on that refusal, whose
     * text (naming both ways out) is what its log shows. The same WAR less wsguard's jar deploys on the same
     * Tomcat, so nothing else in it is to blame.
     */
    @Test
    void withoutAbsoluteOrderingTomcatFailsTheContextAndLogsWsguardsWayOut() throws Exception {
        try (TomcatLog tomcatLog = new TomcatLog(); WarDirs dirs = new WarDirs()) {
            Path withGuard = apiProbingApp().guardFilter(Map.of()).build(dirs.next("with-guard"));
            // Observed on 11.0.27: Tomcat marks the context unavailable (and stops it) yet starts; the deployer
            // then finds the context not STARTED.
            Exception failure = assertStartFails(withGuard, "wsguard's initializer");
            assertTrue(String.valueOf(failure.getMessage()).contains("Tomcat webapp '" + CONTEXT + "' is "),
                    () -> "expected the context to be reported as not started, got: " + failure);
            assertTrue(tomcatLog.mentions("wsguard: no jakarta.websocket API on this class path")
                            && tomcatLog.mentions("<absolute-ordering/>") && tomcatLog.mentions("tomcat-embed-websocket"),
                    () -> "Tomcat's log should carry wsguard's refusal naming both ways out; it logged:"
                            + tomcatLog.describe());

            Path withoutGuard = apiProbingApp().build(dirs.next("without-guard"));
            try (RunningServer server = startWithoutWebSocketJars(withoutGuard)) {
                assertApiAbsent(server);
            }
        }
    }

    /**
     * The README's "whatever the initializer does": an initializer that merely names a jakarta.websocket
     * type in {@code @HandlesTypes} (and refuses nothing) fails the context just the same, so wsguard's
     * refusal adds no failure of its own.
     */
    @Test
    void anyInitializerNamingAWebSocketTypeFailsTheContext() throws Exception {
        try (TomcatLog tomcatLog = new TomcatLog(); WarDirs dirs = new WarDirs()) {
            Path jar = initializerJar(dirs.next("initializer-jar").resolve("websocket-types-initializer.jar"));
            Path war = apiProbingApp().libJar(jar).build(dirs.next("named-type"));
            // Observed on 11.0.27: reading @HandlesTypes throws out of ContextConfig, so Tomcat.start() itself fails.
            assertStartFails(war, "an initializer whose @HandlesTypes names " + ApiProbeServlet.SERVER_ENDPOINT);
            String notPresent = "TypeNotPresentException: Type " + ApiProbeServlet.SERVER_ENDPOINT + " not present";
            assertTrue(tomcatLog.mentions(notPresent),
                    () -> "Tomcat's log should say '" + notPresent + "'; it logged:" + tomcatLog.describe());
        }
    }

    private static Exception assertStartFails(Path war, String what) {
        return assertThrows(Exception.class, () -> startWithoutWebSocketJars(war).close(),
                "Tomcat deployed a WAR with " + what + " without the WebSocket API: the README's 'one limit'"
                        + " no longer holds on this Tomcat and must be updated");
    }

    /** A library jar holding {@link WebSocketTypesInitializer}, declared as a container initializer. */
    private static Path initializerJar(Path jar) throws IOException {
        Files.createDirectories(jar.getParent());
        String name = WebSocketTypesInitializer.class.getName();
        String resource = name.replace('.', '/') + ".class";
        byte[] bytes;
        try (InputStream in = WebSocketTypesInitializer.class.getClassLoader().getResourceAsStream(resource)) {
            bytes = Objects.requireNonNull(in, resource).readAllBytes();
        }
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
            out.putNextEntry(new JarEntry(resource));
            out.write(bytes);
            out.closeEntry();
            out.putNextEntry(new JarEntry("META-INF/services/" + ServletContainerInitializer.class.getName()));
            out.write((name + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
        }
        return jar;
    }

    /** Proves the fixture: the webapp really cannot see the WebSocket API. */
    private static void assertApiAbsent(RunningServer server) throws Exception {
        try (RawResponse probe = RawHttp.exchange(server.port(), RawRequest.get(CONTEXT + ApiProbeServlet.MAPPING).build())) {
            assertEquals(200, probe.status(), probe::toString);
            assertTrue(probe.bodyText().contains(ApiProbeServlet.SERVER_ENDPOINT + ": absent"),
                    () -> "the fixture must hide the WebSocket API from the webapp:\n" + probe.bodyText());
        }
    }

    /** Captures what Tomcat logs (message, and the messages of its cause chain) while open. */
    private static final class TomcatLog implements AutoCloseable {

        // A strong reference: java.util.logging holds loggers weakly, and a collected one loses its handler.
        private final Logger logger = Logger.getLogger(TOMCAT_LOGGERS);
        private final List<String> lines = new CopyOnWriteArrayList<>();
        private final Handler handler = new Handler() {
            @Override
            public void publish(LogRecord record) {
                StringBuilder line = new StringBuilder().append(record.getLevel()).append(' ')
                        .append(record.getLoggerName()).append(": ").append(record.getMessage());
                for (Throwable t = record.getThrown(); t != null; t = t.getCause()) {
                    line.append(" <- ").append(t);
                }
                lines.add(line.toString());
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };

        TomcatLog() {
            handler.setLevel(Level.ALL);
            logger.addHandler(handler);
        }

        boolean mentions(String text) {
            return lines.stream().anyMatch(l -> l.contains(text));
        }

        String describe() {
            return lines.stream().map(l -> "\n  " + l).collect(Collectors.joining());
        }

        @Override
        public void close() {
            logger.removeHandler(handler);
        }
    }
}
