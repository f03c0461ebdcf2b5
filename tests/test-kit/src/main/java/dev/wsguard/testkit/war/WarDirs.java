package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Path;

/** Scratch space for one test's WARs under {@code target/it-work/}; closing removes it. */
public final class WarDirs implements AutoCloseable {

    private final Path root = WorkDirs.create("wars");
    private int count;

    /** A fresh, not yet existing directory for one exploded WAR. */
    public synchronized Path next(String name) {
        return root.resolve(name + "-" + count++);
    }

    @Override
    public void close() {
        WorkDirs.deleteQuietly(root);
    }
}
