package dev.wsguard.startup;

import jakarta.servlet.ServletContext;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.Set;

/** Where the webapp scan reads from: a ServletContext in production, a map in tests. */
interface ScanResources {

    /** Like {@code ServletContext.getResourcePaths}: direct children, directories ending in '/'. */
    Set<String> list(String directory);

    /** The resource's bytes, or null. */
    InputStream open(String path) throws IOException;

    /**
     * The resource as a file on disk, when there is one (like {@code ServletContext.getRealPath}), so a
     * jar can be read through its central directory; null to stream it.
     */
    default File file(String path) {
        return null;
    }

    /** A context's resources; a container that refuses a question is taken to have nothing there. */
    static ScanResources of(ServletContext context) {
        return new ScanResources() {
            @Override
            public Set<String> list(String directory) {
                try {
                    return context.getResourcePaths(directory);
                } catch (RuntimeException e) {
                    return null;
                }
            }

            @Override
            public InputStream open(String path) {
                return context.getResourceAsStream(path);
            }

            @Override
            public File file(String path) {
                try {
                    String real = context.getRealPath(path);
                    return real == null ? null : new File(real);
                } catch (RuntimeException e) {
                    return null;
                }
            }
        };
    }
}
