package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * A started server with WARs deployed. Also an {@link IntSupplier} of its port, so that a server started
 * inside an isolated class loader can be driven through JDK types only (see {@link IsolatedServers}).
 */
public record DeployedServer(int port, AutoCloseable stop, Path work) implements RunningServer, IntSupplier {

    @Override
    public int getAsInt() {
        return port;
    }

    @Override
    public void close() {
        try {
            stop.close();
        } catch (Exception ignored) {
            // Best effort: the port is ephemeral and the JVM ends after the run.
        }
        WorkDirs.deleteQuietly(work);
    }
}
