package dev.wsguard.release;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The bookkeeping a local Maven repository keeps beside artifacts ({@code maven-metadata-local.xml},
 * {@code _remote.repositories}, resolver status files), which maven-dependency-plugin writes when it copies in
 * repository layout. None of it belongs in an upload; the staging directory loses it before anything is signed.
 */
final class LocalRepositoryFiles {

    private static final Pattern BOOKKEEPING = Pattern.compile(
            "maven-metadata-local\\.xml.*|_remote\\.repositories.*|resolver-status\\.properties.*|.*\\.lastUpdated");

    private LocalRepositoryFiles() {
    }

    static void removeFrom(Path staging) {
        try (Stream<Path> files = Files.walk(staging)) {
            List<Path> bookkeeping = files.filter(Files::isRegularFile)
                    .filter(file -> BOOKKEEPING.matcher(file.getFileName().toString()).matches())
                    .collect(Collectors.toList());
            for (Path file : bookkeeping) {
                Files.delete(file);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
