package dev.wsguard.benchmarks;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarInputStream;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes the benchmark's exploded WAR: {@code classes} generated class files, half in
 * {@code WEB-INF/classes}, half in one jar in {@code WEB-INF/lib}, every tenth one annotated
 * {@code @Deprecated} and one in a hundred {@code @javax.websocket.ClientEndpoint} (javax client code: it
 * passes wsguard's byte pre-filter, so its scan parses those fully, yet none is a server endpoint); with wsguard, its jar in {@code WEB-INF/lib} and its filter declared in web.xml
 * as the README tells users to; or, where wsguard is not to run, its jar without its initializer's service file and no
 * filter (the cost of the jar alone).
 */
final class BenchWar {

    static final String ANNOTATION = "Ljava/lang/Deprecated;";
    static final String JAVAX_CLIENT = "Ljavax/websocket/ClientEndpoint;";
    private static final int CLASSES_PER_PACKAGE = 50;
    static final String INITIALIZER_SERVICE = "META-INF/services/jakarta.servlet.ServletContainerInitializer";

    private BenchWar() {
    }

    static Path write(Path dir, int classes, Path guardJar, boolean guardRuns) throws IOException {
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), webXml(guardJar != null && guardRuns), StandardCharsets.UTF_8);
        Path classesDir = Files.createDirectories(webInf.resolve("classes"));
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        int inClasses = classes / 2;
        for (int i = 0; i < inClasses; i++) {
            String name = name("bench/app", i);
            Path file = classesDir.resolve(name + ".class");
            Files.createDirectories(file.getParent());
            Files.write(file, ClassFiles.write(name, annotationOf(i)));
        }
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(lib.resolve("bench-lib-1.0.jar"));
             JarOutputStream jar = new JarOutputStream(out, manifest)) {
            for (int i = inClasses; i < classes; i++) {
                String name = name("bench/lib", i);
                jar.putNextEntry(new JarEntry(name + ".class"));
                jar.write(ClassFiles.write(name, annotationOf(i)));
                jar.closeEntry();
            }
        }
        addGuard(lib, guardJar);
        return dir;
    }

    /**
     * A WAR whose {@code WEB-INF/lib} holds every jar of {@code libraries} (real third-party jars: class
     * files with code and large constant pools, none mentioning javax.websocket), plus wsguard as above.
     */
    static Path writeWithLibraries(Path dir, Path libraries, Path guardJar, boolean guardRuns) throws IOException {
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Files.writeString(webInf.resolve("web.xml"), webXml(guardJar != null && guardRuns), StandardCharsets.UTF_8);
        Files.createDirectories(webInf.resolve("classes"));
        Path lib = Files.createDirectories(webInf.resolve("lib"));
        try (DirectoryStream<Path> jars = Files.newDirectoryStream(libraries, "*.jar")) {
            for (Path jar : jars) {
                Files.copy(jar, lib.resolve(jar.getFileName()));
            }
        }
        addGuard(lib, guardJar);
        return dir;
    }

    /**
     * wsguard's jar into {@code lib}, copied as it is: the jar that {@link #writeInert} made where wsguard is not to
     * run. The measured JVM only copies a file either way, so neither variant warms up what the other does not.
     */
    private static void addGuard(Path lib, Path guardJar) throws IOException {
        if (guardJar != null) {
            Files.copy(guardJar, lib.resolve("wsguard-filter.jar"));
        }
    }

    /**
     * Writes {@code target}: wsguard's jar less its initializer's service file, every other entry as it is, so nothing
     * of wsguard's runs where it lies in {@code WEB-INF/lib}. Made once, before the measured JVMs start.
     */
    static void writeInert(Path guardJar, Path target) throws IOException {
        boolean dropped = false;
        try (JarInputStream in = new JarInputStream(Files.newInputStream(guardJar));
             JarOutputStream out = new JarOutputStream(Files.newOutputStream(target), in.getManifest())) {
            for (JarEntry e = in.getNextJarEntry(); e != null; e = in.getNextJarEntry()) {
                if (e.getName().equals(INITIALIZER_SERVICE)) {
                    dropped = true;
                    continue;
                }
                out.putNextEntry(new JarEntry(e.getName()));
                in.transferTo(out);
                out.closeEntry();
            }
        }
        if (!dropped) {
            throw new IllegalStateException(guardJar + " has no " + INITIALIZER_SERVICE + " to leave out");
        }
    }

    private static String annotationOf(int i) {
        return i % 100 == 5 ? JAVAX_CLIENT : i % 10 == 0 ? ANNOTATION : null;
    }

    private static String name(String root, int i) {
        return String.format("%s/p%03d/C%05d", root, i / CLASSES_PER_PACKAGE, i);
    }

    private static String webXml(boolean guard) {
        StringBuilder x = new StringBuilder(512)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\" version=\"6.0\">\n");
        if (guard) {
            x.append("  <filter>\n    <filter-name>wsguard</filter-name>\n")
                    .append("    <filter-class>dev.wsguard.WebSocketGuardFilter</filter-class>\n")
                    .append("    <async-supported>true</async-supported>\n  </filter>\n")
                    .append("  <filter-mapping>\n    <filter-name>wsguard</filter-name>\n")
                    .append("    <url-pattern>/*</url-pattern>\n  </filter-mapping>\n");
        }
        return x.append("</web-app>\n").toString();
    }
}
