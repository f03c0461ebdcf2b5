package dev.wsguard.javax;

import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.testkit.fixtures.FixtureReports;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import dev.wsguard.testkit.server.ServletSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * One catalogue deployment as a javax WAR, as a Tomcat 9 or Jetty ee8 user would deploy it: a Servlet 4.0 web.xml
 * declaring the deployment's filters (wsguard first, as the README says) and servlets, the fixture classes the
 * Eclipse Transformer rewrote to javax at build time (tests/javax/pom.xml) in WEB-INF/classes, and the javax jar
 * in WEB-INF/lib. The container scans and deploys it itself: annotated endpoints, initializers, web.xml.
 */
final class JavaxWar {

    /**
     * The javax jar as built (filter-javax), and the rewritten fixtures: set by the module's pom (tests/javax, or
     * tests/javax-jetty-12.1, which unpacks tests/javax's).
     */
    static final Path GUARD_JAR = Paths.get(required("wsguard.javax.jar"));
    static final Path FIXTURES = Paths.get(required("wsguard.javax.fixtures"));

    private JavaxWar() {
    }

    private static String required(String name) {
        String value = System.getProperty(name);
        if (value == null || value.isEmpty()) {
            throw new IllegalStateException(name + " is set by the module's pom (tests/javax, tests/javax-jetty-12.1);"
                    + " run it through Maven");
        }
        return value;
    }

    /** Writes the WAR of {@code deployment} into {@code dir} and returns it. */
    static Path write(Deployment deployment, Path dir) throws IOException {
        if (!deployment.settings().isDefault()) {
            throw new IllegalArgumentException("container settings are not applied to a javax WAR: " + deployment);
        }
        if (!deployment.app().webInfLibJars().isEmpty()) {
            throw new IllegalArgumentException(deployment.app() + " packages jars of its own; no javax row uses it");
        }
        Path webInf = Files.createDirectories(dir.resolve("WEB-INF"));
        Set<String> classes = new LinkedHashSet<>();
        StringBuilder x = new StringBuilder(2048)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<web-app xmlns=\"http://xmlns.jcp.org/xml/ns/javaee\"\n")
                .append("         xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"\n")
                .append("         xsi:schemaLocation=\"http://xmlns.jcp.org/xml/ns/javaee")
                .append(" http://xmlns.jcp.org/xml/ns/javaee/web-app_4_0.xsd\"\n")
                .append("         version=\"4.0\">\n");
        boolean guarded = false;
        for (FilterSpec f : deployment.allFilters()) {
            x.append("  <filter>\n    <filter-name>").append(f.name()).append("</filter-name>\n    <filter-class>")
                    .append(f.className()).append("</filter-class>\n    <async-supported>true</async-supported>\n");
            for (Map.Entry<String, String> p : f.initParams().entrySet()) {
                x.append("    <init-param><param-name>").append(p.getKey()).append("</param-name><param-value>")
                        .append(escape(p.getValue())).append("</param-value></init-param>\n");
            }
            x.append("  </filter>\n  <filter-mapping>\n    <filter-name>").append(f.name())
                    .append("</filter-name>\n    <url-pattern>").append(f.urlPattern())
                    .append("</url-pattern>\n    <dispatcher>REQUEST</dispatcher>\n  </filter-mapping>\n");
            if (Guard.FILTER_CLASS.equals(f.className())) {
                guarded = true;
            } else {
                classes.add(f.className());
            }
        }
        for (ServletSpec s : deployment.allServlets()) {
            // Only the class is wanted: the fixture servlets have no-argument constructors and do nothing in them.
            String type = s.servlet().get().getClass().getName();
            classes.add(type);
            x.append("  <servlet>\n    <servlet-name>").append(s.name()).append("</servlet-name>\n")
                    .append("    <servlet-class>").append(type).append("</servlet-class>\n")
                    .append("    <async-supported>true</async-supported>\n  </servlet>\n")
                    .append("  <servlet-mapping>\n    <servlet-name>").append(s.name()).append("</servlet-name>\n")
                    .append("    <url-pattern>").append(s.mapping()).append("</url-pattern>\n  </servlet-mapping>\n");
        }
        Files.writeString(webInf.resolve("web.xml"), x.append("</web-app>\n").toString(), StandardCharsets.UTF_8);
        deployment.app().endpointClasses().forEach(c -> classes.add(c.getName()));
        // The probes report through it (ReachProbeFilter), in the webapp's class loader like everything else here.
        classes.add(FixtureReports.class.getName());
        for (String type : classes) {
            copyRewritten(type, webInf.resolve("classes"));
        }
        if (guarded) {
            Files.copy(GUARD_JAR, Files.createDirectories(webInf.resolve("lib")).resolve("wsguard-filter-javax.jar"));
        }
        return dir;
    }

    /** The rewritten class file of {@code binaryName} and of the classes nested in it. */
    private static void copyRewritten(String binaryName, Path classesDir) throws IOException {
        String path = binaryName.replace('.', '/');
        Path file = FIXTURES.resolve(path + ".class");
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing: tests/javax/pom.xml rewrites only"
                    + " dev/wsguard/testkit/fixtures/*.class");
        }
        Path target = classesDir.resolve(path + ".class");
        Files.createDirectories(target.getParent());
        Files.copy(file, target);
        String simple = file.getFileName().toString().replace(".class", "");
        try (DirectoryStream<Path> nested = Files.newDirectoryStream(file.getParent(), simple + "$*.class")) {
            for (Path n : nested) {
                Files.copy(n, target.getParent().resolve(n.getFileName().toString()));
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    private static String escape(String value) {
        return value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
