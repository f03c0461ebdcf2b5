package dev.wsguard.release;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.testkit.tools.ExternalTool;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real signatures with a throwaway key in a gpg home of the test's own, which verify with gpg. */
class BundleSignerTest {

    private static final String KEY = "wsguard-test@example.invalid";

    @TempDir
    Path dir;
    private Path gpgHome;

    @BeforeEach
    void gpgHome() throws Exception {
        if (run(List.of("gpg", "--version"), null) != 0) {
            ExternalTool.skipOrFail("gpg is not installed (apt-get install gnupg)");
        }
        gpgHome = Files.createDirectory(dir.resolve("gnupg"));
        Files.setPosixFilePermissions(gpgHome, java.nio.file.attribute.PosixFilePermissions.fromString("rwx------"));
    }

    @AfterEach
    void stopAgent() throws Exception {
        // gpg starts an agent for the home; it must not outlive the test.
        if (gpgHome != null) {
            run(List.of("gpgconf", "--homedir", gpgHome.toString(), "--kill", "gpg-agent"), null);
        }
    }

    @Test
    void everyFileButChecksumsGetsASignatureThatVerifies() throws Exception {
        generateKey("");
        Path staging = staging();

        new BundleSigner(KEY, gpgHome, null).signAll(staging);

        Path jar = staging.resolve("dev/wsguard/a/1/a-1.jar");
        assertTrue(Files.readString(jar.resolveSibling("a-1.jar.asc")).startsWith("-----BEGIN PGP SIGNATURE-----"));
        assertEquals(0, run(List.of("gpg", "--homedir", gpgHome.toString(), "--verify",
                jar.resolveSibling("a-1.jar.asc").toString(), jar.toString()), null));
        assertTrue(Files.exists(staging.resolve("dev/wsguard/a/1/a-1.pom.asc")));
        assertFalse(Files.exists(staging.resolve("dev/wsguard/a/1/a-1.jar.md5.asc")));
    }

    @Test
    void aPassphraseIsGivenOnStandardInput() throws Exception {
        generateKey("correct horse");
        Path staging = staging();

        new BundleSigner(KEY, gpgHome, "correct horse").signAll(staging);

        Path jar = staging.resolve("dev/wsguard/a/1/a-1.jar");
        assertEquals(0, run(List.of("gpg", "--homedir", gpgHome.toString(), "--verify",
                jar.resolveSibling("a-1.jar.asc").toString(), jar.toString()), null));
    }

    @Test
    void anUnknownKeyFailsNamingIt() throws Exception {
        generateKey("");
        Path staging = staging();

        IllegalStateException failure = assertThrows(IllegalStateException.class,
                () -> new BundleSigner("nobody@example.invalid", gpgHome, null).signAll(staging));

        assertTrue(failure.getMessage().contains("nobody@example.invalid"), failure.getMessage());
    }

    private Path staging() throws IOException {
        Path version = Files.createDirectories(dir.resolve("staging/dev/wsguard/a/1"));
        Files.writeString(version.resolve("a-1.pom"), "<project/>");
        Files.writeString(version.resolve("a-1.jar"), "classes");
        Files.writeString(version.resolve("a-1.jar.md5"), "sum");
        return dir.resolve("staging");
    }

    private void generateKey(String passphrase) throws Exception {
        List<String> command = new ArrayList<>(List.of("gpg", "--homedir", gpgHome.toString(), "--batch",
                "--pinentry-mode", "loopback", "--passphrase-fd", "0", "--quick-generate-key",
                "wsguard test <" + KEY + ">", "ed25519", "sign", "never"));
        assertEquals(0, run(command, passphrase), "gpg could not make a test key");
    }

    private static int run(List<String> command, String stdin) throws Exception {
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        } catch (IOException notInstalled) {
            return -1;
        }
        try (var in = process.getOutputStream()) {
            if (stdin != null) {
                in.write((stdin + "\n").getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!process.waitFor(1, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }
}
