package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import java.nio.file.Path;
import java.util.function.IntSupplier;

/**
 * A started server with WARs deployed. Also an {@link IntSupplier} of its port, so that a server started
 * inside an isolated class loader can be driven through JDK types only (see {@link IsolatedServers}).
 */
public final class DeployedServer implements RunningServer, IntSupplier {

    private final int port;
    private final AutoCloseable stop;
    private final Path work;

    DeployedServer(int port, AutoCloseable stop, Path work) {
        this.port = port;
        this.stop = stop;
        this.work = work;
    }

    @Override
    public int port() {
        return port;
    }

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
