package dev.wsguard.testkit.war;

import dev.wsguard.testkit.server.WorkDirs;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Finds the jars a test WAR packages: the real wsguard jar, jars of the test class path by artifact name,
 * and jars that are deliberately kept off that class path (WebSocket API jars, Tyrus), whose paths
 * Surefire passes as a system property (see the pom).
 */
public final class LocalJars {

    /** The wsguard jar, built once per JVM when the filter comes from a classes directory. */
    private static Path guardJar;

    /** wsguard's filter, by name: the suite itself does not depend on the filter jar; container modules do. */
    public static final String GUARD_FILTER = "dev.wsguard.WebSocketGuardFilter";

    private LocalJars() {
    }

    /** wsguard's filter class from the module's test class path; fails where the module does not have it. */
    public static Class<?> guardFilterClass() {
        try {
            return Class.forName(GUARD_FILTER, false, LocalJars.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException("wsguard-filter is not on this module's test class path", e);
        }
    }

    /**
     * The jar wsguard's filter class was loaded from, as users drop it into {@code WEB-INF/lib}. In a
     * reactor build that has not packaged yet it is {@code filter/target/classes}: then that directory is
     * jarred (with its {@code META-INF/services}) into {@code target/it-wars/}. The system property
     * {@code wsguard.it.guard-jar} names another jar to package instead (an older build, a release).
     */
    public static synchronized Path guardJar() {
        if (guardJar != null) {
            return guardJar;
        }
        String override = System.getProperty("wsguard.it.guard-jar", "");
        if (!override.isBlank()) {
            Path jar = Paths.get(override).toAbsolutePath();
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException("wsguard.it.guard-jar=" + override + " is not a file");
            }
            guardJar = jar;
            return guardJar;
        }
        CodeSource source = guardFilterClass().getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            throw new IllegalStateException("no code source for " + GUARD_FILTER);
        }
        Path location = toPath(source.getLocation());
        if (Files.isRegularFile(location)) {
            guardJar = location;
        } else if (Files.isDirectory(location)) {
            try {
                Path dir = Files.createDirectories(WorkDirs.target().resolve("it-wars"));
                Path jar = Files.createTempFile(dir, "wsguard-filter-", ".jar");
                jarDirectory(location, jar);
                jar.toFile().deleteOnExit();
                guardJar = jar;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        } else {
            throw new IllegalStateException("wsguard's code source " + location + " is neither a jar nor a directory");
        }
        return guardJar;
    }

    /** Writes every file under {@code dir} into a new jar (entries in a stable order). */
    public static void jarDirectory(Path dir, Path jar) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(dir)) {
            files = walk.filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        }
        try (OutputStream out = Files.newOutputStream(jar); ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Path file : files) {
                zip.putNextEntry(new ZipEntry(dir.relativize(file).toString().replace(File.separatorChar, '/')));
                Files.copy(file, zip);
                zip.closeEntry();
            }
        }
    }

    /** Every entry of the test class path (Surefire sets {@code java.class.path} to it in the forked JVM). */
    public static List<Path> testClassPath() {
        List<Path> entries = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!entry.isBlank()) {
                entries.add(Paths.get(entry).toAbsolutePath());
            }
        }
        return entries;
    }

    /** The jar of the test class path whose file name starts with {@code artifactId-} and a digit. */
    public static Path onClassPath(String artifactId) {
        List<Path> hits = testClassPath().stream().filter(p -> isArtifact(p, artifactId)).collect(Collectors.toList());
        if (hits.size() != 1) {
            throw new IllegalStateException("expected one " + artifactId + " jar on the test class path, found " + hits);
        }
        return hits.get(0);
    }

    /**
     * The system properties that list, comma-separated, the jars a module's pom resolves but keeps off the test
     * class path (see its {@code classpathDependencyExcludes}): {@code wsguard.it.war-jars} for what WARs bundle
     * (Tyrus's servlet integration), {@code wsguard.it.off-class-path-jars} for the rest (the WebSocket API jars a
     * WAR bundles by mistake, Tyrus's client).
     */
    private static final List<String> OFF_CLASS_PATH = List.of("wsguard.it.war-jars", "wsguard.it.off-class-path-jars");

    /**
     * A jar the pom resolves but keeps off the test class path, by artifact name; Surefire passes their paths in
     * the properties of {@link #OFF_CLASS_PATH}.
     */
    public static Path warJar(String artifactId) {
        List<Path> hits = offClassPath(artifactId);
        if (hits.size() != 1) {
            throw new IllegalStateException("no single " + artifactId + " jar in " + OFF_CLASS_PATH + " (" + hits
                    + "): run the tests through Maven, which resolves the jars the WARs package and passes their paths");
        }
        return hits.get(0);
    }

    /** A jar by artifact name: kept off the test class path ({@link #warJar}) or, where it is not, on it. */
    public static Path jar(String artifactId) {
        List<Path> hits = offClassPath(artifactId);
        return hits.size() == 1 ? hits.get(0) : onClassPath(artifactId);
    }

    private static List<Path> offClassPath(String artifactId) {
        List<Path> hits = new ArrayList<>();
        for (String property : OFF_CLASS_PATH) {
            for (String entry : System.getProperty(property, "").split(",")) {
                String e = entry.trim();
                if (e.isEmpty() || e.startsWith("${")) {
                    continue; // An unresolved property: that dependency is not declared.
                }
                Path jar = Paths.get(e);
                if (isArtifact(jar, artifactId) && Files.isRegularFile(jar) && !hits.contains(jar)) {
                    hits.add(jar);
                }
            }
        }
        return hits;
    }

    /** {@code jakarta.websocket-api-2.1.1.jar}: the Jakarta WebSocket server API, as users wrongly bundle it. */
    public static Path jakartaWebSocketApi() {
        return warJar("jakarta.websocket-api");
    }

    /** {@code javax.websocket-api-1.1.jar}: the old namespace's API. */
    public static Path javaxWebSocketApi() {
        return warJar("javax.websocket-api");
    }

    /**
     * Tyrus's servlet integration with what Maven packages beside it (tyrus-container-servlet and its
     * compile-scope dependencies), as a WAR bundles it for a container without WebSocket support.
     */
    public static List<Path> tyrusServletJars() {
        List<Path> jars = new ArrayList<>();
        for (String artifact : List.of("tyrus-container-servlet", "tyrus-server", "tyrus-client", "tyrus-core",
                "tyrus-spi", "jakarta.xml.bind-api", "jakarta.activation-api")) {
            jars.add(warJar(artifact));
        }
        return jars;
    }

    private static boolean isArtifact(Path jar, String artifactId) {
        String name = jar.getFileName().toString();
        return name.endsWith(".jar") && name.startsWith(artifactId + "-") && name.length() > artifactId.length() + 1
                && Character.isDigit(name.charAt(artifactId.length() + 1));
    }

    static Path toPath(URL url) {
        try {
            return Paths.get(url.toURI());
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a file URL: " + url, e);
        }
    }

    /** Lower-case file name, for class-path filters. */
    static String fileName(Path p) {
        Path name = p.getFileName();
        return name == null ? "" : name.toString().toLowerCase(Locale.ROOT);
    }
}
