package dev.wsguard.release;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Signs every file of a staging directory with gpg, writing {@code x.jar.asc} beside {@code x.jar}: Central requires a
 * detached ASCII-armoured signature for each file but the checksums. The files signed are exactly the ones uploaded,
 * whichever plugin made them. A passphrase, where the key has one and no gpg agent holds it, comes from the
 * environment variable {@value #PASSPHRASE_VARIABLE} (the name maven-gpg-plugin reads), never from the command line.
 */
final class BundleSigner {

    static final String PASSPHRASE_VARIABLE = "MAVEN_GPG_PASSPHRASE";

    private final String keyName;
    private final Path gpgHome;
    private final String passphrase;

    /**
     * @param keyName the key to sign with, as gpg's {@code --local-user} takes it (an id, a fingerprint, an e-mail)
     * @param gpgHome gpg's home directory, or null for gpg's own default
     * @param passphrase the key's passphrase, or null to leave it to gpg (an agent, or a key without one)
     */
    BundleSigner(String keyName, Path gpgHome, String passphrase) {
        this.keyName = keyName;
        this.gpgHome = gpgHome;
        this.passphrase = passphrase;
    }

    void signAll(Path staging) {
        for (Path file : filesToSign(staging)) {
            sign(file);
        }
    }

    private void sign(Path file) {
        Path signature = file.resolveSibling(file.getFileName() + ".asc");
        List<String> command = new ArrayList<>(List.of("gpg", "--batch", "--yes", "--armor", "--detach-sign",
                "--local-user", keyName, "--output", signature.toString()));
        if (gpgHome != null) {
            command.addAll(List.of("--homedir", gpgHome.toString()));
        }
        if (passphrase != null) {
            command.addAll(List.of("--pinentry-mode", "loopback", "--passphrase-fd", "0"));
        }
        command.add(file.toString());
        try {
            Process gpg = new ProcessBuilder(command).redirectErrorStream(true).start();
            try (OutputStream stdin = gpg.getOutputStream()) {
                if (passphrase != null) {
                    stdin.write((passphrase + "\n").getBytes(StandardCharsets.UTF_8));
                }
            }
            String output = new String(gpg.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!gpg.waitFor(2, TimeUnit.MINUTES)) {
                gpg.destroyForcibly();
                throw new IllegalStateException("gpg did not sign " + file + " within 2 minutes");
            }
            if (gpg.exitValue() != 0 || !Files.isRegularFile(signature)) {
                throw new IllegalStateException("gpg could not sign " + file + " with key '" + keyName + "' (exit "
                        + gpg.exitValue() + "): " + output.trim());
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not run gpg to sign " + file + ": is gpg installed?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while signing " + file, e);
        }
    }

    private static List<Path> filesToSign(Path staging) {
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> !file.getFileName().toString().endsWith(".asc"))
                    .filter(file -> ChecksumFiles.Kind.ofFile(file.getFileName().toString()).isEmpty())
                    .sorted()
                    .collect(Collectors.toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
