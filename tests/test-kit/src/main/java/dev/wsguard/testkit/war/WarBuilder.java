package dev.wsguard.testkit.war;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

/**
 * Writes an exploded WAR as a user would deploy it: {@code WEB-INF/web.xml} (Servlet 6.0), class files in
 * {@code WEB-INF/classes} (copied from the test class path, or raw bytes), jars in {@code WEB-INF/lib}
 * (the real wsguard jar, library jars, or jars made here from class files). Nothing is compiled or
 * loaded: a class is copied as the bytes the build produced, so a fixture compiled against an API that
 * is absent at run time (javax.websocket) can be packaged too.
 */
public final class WarBuilder {

    /** A servlet, filter or listener declared in web.xml. */
    private record Servlet(String name, String className, String mapping) {
    }

    private final Map<String, byte[]> classes = new LinkedHashMap<>();
    private final Map<String, Path> libJars = new LinkedHashMap<>();
    private final Map<String, Map<String, byte[]>> madeJars = new LinkedHashMap<>();
    private final Map<String, String> contextParams = new LinkedHashMap<>();
    private final List<Servlet> servlets = new ArrayList<>();
    private final List<String> listeners = new ArrayList<>();
    private Map<String, String> guardParams;
    private List<String> absoluteOrdering;
    private boolean metadataComplete;

    private WarBuilder() {
    }

    public static WarBuilder create() {
        return new WarBuilder();
    }

    /**
     * Puts the wsguard jar in {@code WEB-INF/lib} and declares its filter in web.xml first, on {@code /*},
     * async-supported, with these init-params (as the README tells users to).
     */
    public WarBuilder guardFilter(Map<String, String> initParams) {
        guardParams = new LinkedHashMap<>(initParams);
        return guardJar();
    }

    /** Only the wsguard jar in {@code WEB-INF/lib}, no filter declared (its initializer still runs). */
    public WarBuilder guardJar() {
        Path jar = LocalJars.guardJar();
        // Named as Maven's war plugin would name it, whatever the temporary file is called.
        libJars.put("wsguard-filter.jar", jar);
        return this;
    }

    /** Declares a servlet (class copied into {@code WEB-INF/classes}) with one URL pattern. */
    public WarBuilder servlet(String name, Class<? extends jakarta.servlet.Servlet> type, String mapping) {
        servlets.add(new Servlet(name, type.getName(), mapping));
        return classes(type);
    }

    /** Declares a listener (class copied into {@code WEB-INF/classes}). */
    public WarBuilder listener(Class<? extends java.util.EventListener> type) {
        listeners.add(type.getName());
        return classes(type);
    }

    public WarBuilder contextParam(String name, String value) {
        contextParams.put(name, value);
        return this;
    }

    /** In {@link #absoluteOrdering}, stands for {@code <others/>}: every jar not named. */
    public static final String OTHERS = "<others/>";

    /**
     * {@code <absolute-ordering>} with these fragment names ({@link #OTHERS} for {@code <others/>}); none gives the
     * empty element (excludes every jar).
     */
    public WarBuilder absoluteOrdering(String... fragmentNames) {
        absoluteOrdering = List.of(fragmentNames);
        return this;
    }

    public WarBuilder metadataComplete(boolean complete) {
        metadataComplete = complete;
        return this;
    }

    /** Copies the class files of these classes (and their nested and anonymous classes) into WEB-INF/classes. */
    public WarBuilder classes(Class<?>... types) {
        for (Class<?> type : types) {
            classFiles(type.getName()).forEach(classes::put);
        }
        return this;
    }

    /** Copies a class file by binary name, without loading the class (its API may be absent at run time). */
    public WarBuilder classFile(String binaryName) {
        classFiles(binaryName).forEach(classes::put);
        return this;
    }

    /** A class file from raw bytes. */
    public WarBuilder classBytes(String binaryName, byte[] bytes) {
        classes.put(binaryName, bytes.clone());
        return this;
    }

    /** Copies a jar into {@code WEB-INF/lib} under its own file name. */
    public WarBuilder libJar(Path jar) {
        libJars.put(jar.getFileName().toString(), jar);
        return this;
    }

    /** Makes a jar in {@code WEB-INF/lib} from class files of the test class path, by binary name. */
    public WarBuilder libJarOfClassFiles(String jarName, String... binaryNames) {
        Map<String, byte[]> entries = madeJars.computeIfAbsent(jarName, k -> new LinkedHashMap<>());
        for (String name : binaryNames) {
            classFiles(name).forEach(entries::put);
        }
        return this;
    }

    /** Makes a jar in {@code WEB-INF/lib} from raw class bytes (binary name to bytes). */
    public WarBuilder libJarOfBytes(String jarName, Map<String, byte[]> classBytes) {
        madeJars.computeIfAbsent(jarName, k -> new LinkedHashMap<>()).putAll(classBytes);
        return this;
    }

    /** Writes the WAR into {@code dir} (created; must be empty or absent) and returns it. */
    public Path build(Path dir) {
        try {
            Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
            Files.writeString(webInf.resolve("web.xml"), webXml(), StandardCharsets.UTF_8);
            Path classesDir = Files.createDirectories(webInf.resolve("classes"));
            for (Map.Entry<String, byte[]> c : classes.entrySet()) {
                Path file = classesDir.resolve(c.getKey().replace('.', '/') + ".class");
                Files.createDirectories(file.getParent());
                Files.write(file, c.getValue());
            }
            Path lib = Files.createDirectories(webInf.resolve("lib"));
            for (Map.Entry<String, Path> jar : libJars.entrySet()) {
                Files.copy(jar.getValue(), lib.resolve(jar.getKey()));
            }
            for (Map.Entry<String, Map<String, byte[]>> jar : madeJars.entrySet()) {
                writeJar(lib.resolve(jar.getKey()), jar.getValue());
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A jar of class files (binary name to bytes) with a minimal manifest. */
    public static void writeJar(Path jar, Map<String, byte[]> classBytes) throws IOException {
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().putValue("Manifest-Version", "1.0");
        try (OutputStream out = Files.newOutputStream(jar); JarOutputStream zip = new JarOutputStream(out, manifest)) {
            for (Map.Entry<String, byte[]> c : classBytes.entrySet()) {
                zip.putNextEntry(new JarEntry(c.getKey().replace('.', '/') + ".class"));
                zip.write(c.getValue());
                zip.closeEntry();
            }
        }
    }

    String webXml() {
        StringBuilder x = new StringBuilder(1024);
        x.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"https://jakarta.ee/xml/ns/jakartaee\"\n")
                .append("         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("         xsi:schemaLocation=\"https://jakarta.ee/xml/ns/jakartaee")
                .append(" https://jakarta.ee/xml/ns/jakartaee/web-app_6_0.xsd\"\n")
                .append("         version=\"6.0\" metadata-complete=\"").append(metadataComplete).append("\">\n");
        if (absoluteOrdering != null) {
            if (absoluteOrdering.isEmpty()) {
                x.append("  <absolute-ordering/>\n");
            } else {
                x.append("  <absolute-ordering>\n");
                absoluteOrdering.forEach(n -> x.append(n.equals(OTHERS) ? "    " + OTHERS + "\n"
                        : "    <name>" + n + "</name>\n"));
                x.append("  </absolute-ordering>\n");
            }
        }
        contextParams.forEach((name, value) -> x.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        if (guardParams != null) {
            x.append("  <filter>\n    <filter-name>wsguard</filter-name>\n    <filter-class>")
                    .append(LocalJars.GUARD_FILTER).append("</filter-class>\n")
                    .append("    <async-supported>true</async-supported>\n");
            guardParams.forEach((name, value) -> x.append("    <init-param><param-name>").append(name)
                    .append("</param-name><param-value>").append(value).append("</param-value></init-param>\n"));
            x.append("  </filter>\n  <filter-mapping>\n    <filter-name>wsguard</filter-name>\n")
                    .append("    <url-pattern>/*</url-pattern>\n  </filter-mapping>\n");
        }
        for (String listener : listeners) {
            x.append("  <listener><listener-class>").append(listener).append("</listener-class></listener>\n");
        }
        for (Servlet s : servlets) {
            x.append("  <servlet>\n    <servlet-name>").append(s.name()).append("</servlet-name>\n")
                    .append("    <servlet-class>").append(s.className()).append("</servlet-class>\n")
                    .append("    <async-supported>true</async-supported>\n  </servlet>\n")
                    .append("  <servlet-mapping>\n    <servlet-name>").append(s.name()).append("</servlet-name>\n")
                    .append("    <url-pattern>").append(s.mapping()).append("</url-pattern>\n  </servlet-mapping>\n");
        }
        return x.append("</web-app>\n").toString();
    }

    /**
     * The class file of {@code binaryName} and of every class nested in it ({@code Outer$Inner},
     * {@code Outer$1}), read from the test class path.
     */
    public static Map<String, byte[]> classFiles(String binaryName) {
        Map<String, byte[]> found = new LinkedHashMap<>();
        String resource = binaryName.replace('.', '/') + ".class";
        ClassLoader loader = WarBuilder.class.getClassLoader();
        URL url = loader.getResource(resource);
        if (url == null) {
            throw new IllegalArgumentException("no class file " + resource + " on the test class path");
        }
        found.put(binaryName, read(loader, resource));
        if ("file".equals(url.getProtocol())) {
            Path file = LocalJars.toPath(url);
            String simple = file.getFileName().toString().replace(".class", "");
            String pkg = binaryName.contains(".") ? binaryName.substring(0, binaryName.lastIndexOf('.') + 1) : "";
            try (DirectoryStream<Path> siblings = Files.newDirectoryStream(file.getParent(), simple + "$*.class")) {
                for (Path sibling : siblings) {
                    String nested = pkg + sibling.getFileName().toString().replace(".class", "");
                    found.put(nested, Files.readAllBytes(sibling));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return found;
    }

    private static byte[] read(ClassLoader loader, String resource) {
        try (InputStream in = loader.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalArgumentException("cannot read " + resource);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
