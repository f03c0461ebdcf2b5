package dev.wsguard.testkit.war;

import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;

/**
 * The parent class loader the deployers give their webapps: the test class path less the wsguard jar.
 * wsguard is a dependency of this module, so it sits on the test class path, where no real container
 * has it: there its {@code META-INF/services} entry would make its initializer a container initializer
 * (Tomcat then runs it even when the WAR's {@code absolute-ordering} leaves the WEB-INF/lib copy out),
 * and its classes would be visible to webapps that do not bundle it. Hidden here, every WAR sees only
 * the wsguard it packages.
 */
final class WithoutGuardClassLoader extends URLClassLoader {

    static {
        registerAsParallelCapable();
    }

    private static final String GUARD_PACKAGE = "dev.wsguard.";

    private final String guardLocation;

    private WithoutGuardClassLoader(ClassLoader parent, String guardLocation) {
        // A URLClassLoader with no URLs of its own: Tomcat's WebappLoader walks URLClassLoaders for its class
        // path string and logs any other kind of parent as "Unknown class loader".
        super("without-wsguard", new URL[0], parent);
        this.guardLocation = guardLocation;
    }

    /** Wraps the loader that loaded the deployers (the test class path, or an isolated loader). */
    static ClassLoader of(ClassLoader parent) {
        CodeSource source;
        try {
            source = Class.forName(LocalJars.GUARD_FILTER, false, parent).getProtectionDomain().getCodeSource();
        } catch (ClassNotFoundException e) {
            return parent;
        }
        if (source == null || source.getLocation() == null) {
            return parent;
        }
        return new WithoutGuardClassLoader(parent, source.getLocation().toExternalForm());
    }

    /** A class of the wsguard jar itself; the test kit and the suites share its package prefix but not its jar. */
    private boolean hiddenClass(String name) {
        if (!name.startsWith(GUARD_PACKAGE)) {
            return false;
        }
        URL file = getParent().getResource(name.replace('.', '/') + ".class");
        return file != null && hiddenResource(file);
    }

    private boolean hiddenResource(URL url) {
        String u = url.toExternalForm();
        // A jar's entries read jar:file:/...jar!/..., a directory's file:/.../classes/...
        return u.startsWith(guardLocation) || u.startsWith("jar:" + guardLocation + "!");
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (hiddenClass(name)) {
            throw new ClassNotFoundException(name + " (hidden: webapps bundle their own wsguard)");
        }
        return super.loadClass(name, resolve);
    }

    @Override
    public URL findResource(String name) {
        return null;
    }

    @Override
    public URL getResource(String name) {
        try {
            Enumeration<URL> all = getResources(name);
            return all.hasMoreElements() ? all.nextElement() : null;
        } catch (IOException e) {
            return null;
        }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
        List<URL> kept = new ArrayList<>();
        for (URL url : Collections.list(getParent().getResources(name))) {
            if (!hiddenResource(url)) {
                kept.add(url);
            }
        }
        return Collections.enumeration(kept);
    }
}
