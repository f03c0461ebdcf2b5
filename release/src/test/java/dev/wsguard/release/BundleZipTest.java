package dev.wsguard.release;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Collections;
import java.util.List;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BundleZipTest {

    private static final Instant TIME = Instant.parse("2026-12-07T00:00:00Z");

    @Test
    void theSameFilesMakeTheSameZipInNameOrderAtOneTime(@TempDir Path dir) throws IOException {
        Path staging = dir.resolve("staging");
        Files.createDirectories(staging.resolve("dev/wsguard/b/1"));
        Files.createDirectories(staging.resolve("dev/wsguard/a/1"));
        Files.writeString(staging.resolve("dev/wsguard/b/1/b-1.pom"), "b");
        Files.writeString(staging.resolve("dev/wsguard/a/1/a-1.pom"), "a");

        BundleZip.write(staging, dir.resolve("one.zip"), TIME);
        Files.setLastModifiedTime(staging.resolve("dev/wsguard/a/1/a-1.pom"), FileTime.from(Instant.now()));
        BundleZip.write(staging, dir.resolve("two.zip"), TIME);

        assertArrayEquals(Files.readAllBytes(dir.resolve("one.zip")), Files.readAllBytes(dir.resolve("two.zip")));
        try (ZipFile zip = new ZipFile(dir.resolve("one.zip").toFile())) {
            List<? extends ZipEntry> entries = Collections.list(zip.entries());
            assertEquals(List.of("dev/wsguard/a/1/a-1.pom", "dev/wsguard/b/1/b-1.pom"),
                    entries.stream().map(ZipEntry::getName).collect(Collectors.toList()));
            assertEquals(LocalDateTime.of(2026, 12, 7, 0, 0), entries.get(0).getTimeLocal());
        }
    }
}
