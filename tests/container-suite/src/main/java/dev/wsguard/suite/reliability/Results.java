package dev.wsguard.suite.reliability;

import dev.wsguard.testkit.server.WorkDirs;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests measured, written under {@code target/reliability/} for docs/reliability.md. */
public final class Results {

    private Results() {
    }

    public static Path dir() {
        try {
            return Files.createDirectories(WorkDirs.target().resolve("reliability"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes (replaces) one result file. */
    public static void write(String fileName, String text) {
        try {
            Files.writeString(dir().resolve(fileName), text, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
