package dev.wsguard.javax;

import java.io.IOException;
import java.net.URL;
import java.util.Collections;
import java.util.Enumeration;

/**
 * The parent of the javax webapps' class loaders: the test class path without its jakarta APIs (the catalogue's
 * fixtures are described with jakarta classes, so the test needs them), as a Tomcat 9 or Jetty ee8 installation has
 * none. wsguard would rightly report the jakarta WebSocket API it sees there (WSG11).
 */
final class JavaxOnlyParent extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    JavaxOnlyParent(ClassLoader testClassPath) {
        super("javax-only", testClassPath);
    }

    private static boolean hidden(String name) {
        return name.startsWith("jakarta.") || name.startsWith("jakarta/") || name.startsWith("/jakarta/");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hidden(name)) {
            throw new ClassNotFoundException(name + " (no jakarta API on a javax container)");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL getResource(String name) {
        return hidden(name) ? null : super.getResource(name);
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        return hidden(name) ? Collections.emptyEnumeration() : super.getResources(name);
    }
}
