package dev.wsguard.testkit.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Scratch directories for the containers, all under the module's {@code target/}. */
public final class WorkDirs {

    private WorkDirs() {
    }

    /** The build directory: set by Surefire, else {@code target} of the working directory (IDE runs). */
    public static Path target() {
        return Paths.get(System.getProperty("wsguard.it.target", "target")).toAbsolutePath();
    }

    public static Path create(String prefix) {
        try {
            Path root = Files.createDirectories(target().resolve("it-work"));
            return Files.createTempDirectory(root, prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Best effort: a leftover scratch directory under target/ must not fail a test. */
    public static void deleteQuietly(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            List<Path> deepestFirst = walk.sorted(Comparator.reverseOrder()).collect(Collectors.toList());
            for (Path p : deepestFirst) {
                Files.deleteIfExists(p);
            }
        } catch (IOException | UncheckedIOException ignored) {
            // Left for mvn clean.
        }
    }
}
