package dev.wsguard.springboot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.http.RawHttp;
import dev.wsguard.testkit.http.RawRequest;
import dev.wsguard.testkit.http.RawResponse;
import dev.wsguard.testkit.log.Marker;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * spring-websocket without the embedded server's WebSocket support: the application runs in a child JVM
 * ({@link ChildJvm}) on this module's class path less the container's WebSocket jars (Tomcat's
 * tomcat-embed-websocket, which also carries the jakarta.websocket API; Jetty's {@code jetty-*websocket*} jars, the
 * API jars staying as spring-boot-starter-jetty has them; Undertow's undertow-websockets-jsr). What happens depends
 * on whether the jakarta.websocket API is left: without it Spring cannot create its handshake handler and the
 * application fails to start; with it an application of Spring handlers starts and every handshake fails at request
 * time, while one with a {@code ServerEndpointExporter} fails to start. Each way, the starter names the missing
 * support and the dependency that brings it for this module's server: in Boot's failure report, or in {@code WSG10}
 * (SEVERE, Spring's endpoints being declared) and the request lines that follow.
 */
class StarterWithoutContainerWebSocketTest {

    /** The jars that carry an embedded server's WebSocket support, by file name. */
    private static final Pattern CONTAINER_WEBSOCKET_JAR =
            Pattern.compile("(tomcat-embed-websocket|jetty-[a-z0-9-]*websocket[a-z0-9-]*|undertow-websockets-jsr)-\\d[^/\\\\]*\\.jar");
    /** The artifact each server's fix must name, among the jars left out. */
    private static final Pattern FIX_ARTIFACT =
            Pattern.compile("(tomcat-embed-websocket|jetty-ee1\\d-websocket-jakarta-server|undertow-websockets-jsr)-\\d");

    private static List<String> classPath;
    private static String artifact;
    private static boolean apiLeft;

    @TempDir
    static Path dir;

    @BeforeAll
    static void withoutTheContainersWebSocketJars() throws IOException {
        classPath = new ArrayList<>();
        List<String> removed = new ArrayList<>();
        for (String entry : ChildJvm.testClassPath()) {
            String name = Path.of(entry).getFileName().toString();
            (CONTAINER_WEBSOCKET_JAR.matcher(name).matches() ? removed : classPath).add(entry);
        }
        for (String jar : removed) {
            Matcher m = FIX_ARTIFACT.matcher(Path.of(jar).getFileName().toString());
            if (m.lookingAt()) {
                artifact = m.group(1);
            }
        }
        assertNotNull(artifact, "this module's server brings its WebSocket support in a jar the test leaves out: "
                + removed);
        List<URL> urls = new ArrayList<>();
        for (String entry : classPath) {
            urls.add(Path.of(entry).toUri().toURL());
        }
        try (URLClassLoader left = new URLClassLoader(urls.toArray(new URL[0]), null)) {
            apiLeft = left.findResource("jakarta/websocket/Endpoint.class") != null;
            for (String container : List.of("org/apache/tomcat/websocket/server/WsSci.class",
                    "org/eclipse/jetty/websocket/core/server/WebSocketMappings.class",
                    "io/undertow/websockets/jsr/Bootstrap.class")) {
                assertEquals(null, left.findResource(container), "still on the class path: " + container);
            }
        }
    }

    @Test
    void anApplicationWithAServerEndpointExporterFailsToStartAndBootsReportNamesTheMissingDependency()
            throws Exception {
        try (ChildJvm child = ChildJvm.start(classPath, ChildBootApp.App.FULL, dir)) {
            String report = failureReport(child);
            if (apiLeft) {
                assertTrue(report.contains("The ServerEndpointExporter bean 'serverEndpointExporter' deploys"
                        + " @ServerEndpoint classes into the server's jakarta.websocket.server.ServerContainer"),
                        report);
            } else {
                assertTrue(report.contains("the jakarta.websocket API it needs is not"), report);
            }
            assertTrue(report.contains(":" + artifact + ","), "the action names " + artifact + ": " + report);
        }
    }

    @Test
    void anApplicationOfSpringHandlersFailsEveryHandshakeAndWsguardSaysWhyWithTheBootFix() throws Exception {
        try (ChildJvm child = ChildJvm.start(classPath, ChildBootApp.App.HANDLER_ONLY, dir)) {
            if (!apiLeft) {
                // Spring's handshake handler needs the API: nothing starts, and Boot's report says why.
                String report = failureReport(child);
                assertTrue(report.contains("Spring's WebSocket support (spring-websocket) is on the class path, but"
                        + " the jakarta.websocket API it needs is not: jakarta.websocket."), report);
                assertTrue(report.contains(":" + artifact + ","), report);
                return;
            }
            String started = child.awaitLine(l -> l.startsWith(ChildBootApp.STARTED), ChildJvm.START_SECONDS)
                    .orElseThrow(() -> new AssertionError("the application did not start: " + child.output()));
            int port = Integer.parseInt(started.substring(ChildBootApp.STARTED.length()).trim());

            String wsg10 = line(child, " WSG10 ");
            assertTrue(wsg10.contains(" ERROR "), "SEVERE (Boot logs it as ERROR), Spring's endpoint being declared: "
                    + wsg10);
            assertTrue(wsg10.contains("1 endpoint is declared: /echo from Spring WebSocketHandler; the framework's"
                    + " handlers still take handshakes to their paths and can only fail them (WSG07)"), wsg10);
            String fix = wsg10.substring(wsg10.indexOf(". Fix: ") + ". Fix: ".length());
            assertTrue(fix.startsWith("add ") && fix.contains(":" + artifact + ","), wsg10);
            assertFalse(fix.contains("--add-modules") || fix.contains("WebSocketDeploymentInfo")
                    || fix.contains("lib/tomcat-websocket.jar"), "the container's own fix is not Boot's: " + wsg10);

            try (RawResponse response = RawHttp.exchange(port, RawRequest.validUpgrade("/echo"))) {
                assertEquals(500, response.status(), response.head());
            }
            // Read up to a marker's line: the handshake's line came before it.
            Marker marker = Marker.at(port, "");
            String answer = marker.send();
            String markerLine = line(child, " " + marker.path() + " ");
            String wsg07 = line(child, " WSG07 WebSocket upgrade GET /echo ");
            assertTrue(wsg07.contains("answered 500 by Spring handler WebSocketHttpRequestHandler (pattern /echo)"),
                    wsg07);
            assertTrue(wsg07.contains("WebSocket support is not enabled in this context (no"
                    + " jakarta.websocket.server.ServerContainer; see WSG10)"), wsg07);
            assertTrue(wsg07.endsWith("Fix: " + fix), "the same fix as WSG10: " + wsg07);
            assertTrue(markerLine.contains("see WSG10") && markerLine.endsWith("Fix: " + fix), answer + ": " + markerLine);
        }
    }

    /** Boot's failure report of a child that did not start: its description and action. */
    private static String failureReport(ChildJvm child) throws InterruptedException {
        Integer exit = child.awaitExit(ChildJvm.START_SECONDS);
        String output = child.output();
        assertEquals(Integer.valueOf(3), exit, "the application failed to start: " + output);
        int at = output.indexOf("APPLICATION FAILED TO START");
        assertTrue(at >= 0, output);
        int end = output.indexOf(ChildBootApp.FAILED, at);
        return output.substring(at, end < 0 ? output.length() : end).replaceAll("\\s+", " ");
    }

    /** The child's first output line holding {@code text}; it must come. */
    private static String line(ChildJvm child, String text) throws InterruptedException {
        return child.awaitLine(l -> l.contains(text), 30)
                .orElseThrow(() -> new AssertionError("no line with '" + text + "': " + child.output()));
    }
}
