package dev.wsguard.release;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * The upload the Central Portal takes: one zip holding the Maven repository layout of a staging directory. Entries go
 * in name order with one fixed time, so the same files always make the same zip.
 */
final class BundleZip {

    private BundleZip() {
    }

    static void write(Path staging, Path zip, Instant entryTime) {
        // Local time in UTC: a zip entry's DOS time has no zone, and this keeps it the same wherever the build runs.
        LocalDateTime time = LocalDateTime.ofInstant(entryTime, ZoneOffset.UTC);
        try {
            Files.createDirectories(zip.toAbsolutePath().getParent());
            try (OutputStream out = Files.newOutputStream(zip); ZipOutputStream zipOut = new ZipOutputStream(out)) {
                for (Path file : files(staging)) {
                    ZipEntry entry = new ZipEntry(entryName(staging, file));
                    entry.setTimeLocal(time);
                    zipOut.putNextEntry(entry);
                    Files.copy(file, zipOut);
                    zipOut.closeEntry();
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> files(Path staging) throws IOException {
        try (Stream<Path> files = Files.walk(staging)) {
            return files.filter(Files::isRegularFile)
                    .sorted(Comparator.comparing(file -> entryName(staging, file)))
                    .collect(Collectors.toList());
        }
    }

    private static String entryName(Path staging, Path file) {
        return staging.relativize(file).toString().replace('\\', '/');
    }
}
