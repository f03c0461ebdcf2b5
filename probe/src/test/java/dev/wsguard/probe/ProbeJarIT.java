package dev.wsguard.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The packaged jar as users run it: {@code java -jar target/wsguard-probe.jar}, a child process with only the JDK,
 * against a raw echo server. Proves the shading (the filter's classes and words are inside) and the manifest.
 */
class ProbeJarIT {

    private static final long CHILD_LIMIT_SECONDS = 60;

    @Test
    void theJarProbesAWorkingEndpointAndExits0() throws Exception {
        Path jar = Path.of(System.getProperty("wsguard.probe.jar", "target/wsguard-probe.jar"));
        assertTrue(Files.isRegularFile(jar), "run after package: " + jar);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ScriptedServer server = ScriptedServer.start(ScriptedServer::echo)) {
            Path output = Files.createTempFile("probe-jar", ".json");
            try {
                Process child = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--json", "--send", "hi jar",
                        "ws://127.0.0.1:" + server.port() + "/echo"))
                        .redirectErrorStream(true)
                        .redirectOutput(output.toFile())
                        .redirectInput(ProcessBuilder.Redirect.from(new File(System.getProperty("os.name")
                                .startsWith("Windows") ? "NUL" : "/dev/null")))
                        .start();
                if (!child.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                    child.destroyForcibly();
                    throw new AssertionError("the jar did not end within " + CHILD_LIMIT_SECONDS + " s");
                }
                String out = Files.readString(output, StandardCharsets.UTF_8);
                assertEquals(0, child.exitValue(), out);
                assertTrue(out.contains("\"verdict\":\"works\""), out);
                assertTrue(out.contains("\"echo\":\"hi jar\""), out);
            } finally {
                Files.deleteIfExists(output);
            }
        }
    }

    @Test
    void theJarDiagnosesWithTheFiltersWords() throws Exception {
        Path jar = Path.of(System.getProperty("wsguard.probe.jar", "target/wsguard-probe.jar"));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        try (ScriptedServer server = ScriptedServer.start((request, socket, out) -> ScriptedServer.write(out,
                "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n"))) {
            Process child = new ProcessBuilder(List.of(java, "-jar", jar.toString(), "--json",
                    "ws://127.0.0.1:" + server.port() + "/x")).redirectErrorStream(true).start();
            if (!child.waitFor(CHILD_LIMIT_SECONDS, TimeUnit.SECONDS)) {
                child.destroyForcibly();
                throw new AssertionError("the jar did not end within " + CHILD_LIMIT_SECONDS + " s");
            }
            String out = new String(child.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(2, child.exitValue(), out);
            // The meaning comes from the filter's wording.properties, shaded into the jar.
            assertTrue(out.contains("\"meaning\":\"a valid upgrade request was answered 404\""), out);
        }
    }
}
