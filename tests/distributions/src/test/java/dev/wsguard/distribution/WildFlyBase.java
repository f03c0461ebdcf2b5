package dev.wsguard.distribution;

import dev.wsguard.suite.scenarios.GuardMode;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A WildFly server base directory for one set-up ({@code jboss.server.base.dir}): a fresh copy of the distribution's
 * {@code standalone/} under target/distribution/{name}/, with WARs dropped into its {@code deployments/} for the
 * deployment scanner, as a user deploys them. The unpacked distribution itself is never changed, so every set-up
 * starts from the same one; a module a set-up adds goes to a module directory of its own, put on the module path.
 */
final class WildFlyBase {

    /** The module's name in docs/wildfly.md. */
    static final String MODULE_NAME = "dev.wsguard";

    private final String name;
    private final Path setupDir;
    private final Path dir;
    private final List<String> deployments = new ArrayList<>();
    private final List<Path> exploded = new ArrayList<>();
    private Path moduleRoot;

    private WildFlyBase(String name, Path setupDir) {
        this.name = name;
        this.setupDir = setupDir;
        this.dir = setupDir.resolve("standalone");
    }

    /** Copies the distribution's standalone/ to target/distribution/{name}/standalone, replacing an earlier run's. */
    static WildFlyBase fromDistribution(String name) throws IOException {
        WildFlyBase base = new WildFlyBase(name, Distribution.work().resolve(name));
        JettyBase.deleteTree(base.setupDir);
        JettyBase.copyTree(Distribution.wildflyHome().resolve("standalone"), base.dir);
        return base;
    }

    String name() {
        return name;
    }

    /** The server base directory. */
    Path dir() {
        return dir;
    }

    /** Where the set-up's other files go (derived WARs, the console file, modules). */
    Path setupDir() {
        return setupDir;
    }

    /** The log users read: standalone/log/server.log. */
    Path serverLog() {
        return dir.resolve("log").resolve("server.log");
    }

    /** The module directory to put on the module path after the distribution's, or null. */
    Path moduleRoot() {
        return moduleRoot;
    }

    /** The names of the deployments dropped in, such as {@code sample.war}. */
    List<String> deployments() {
        return List.copyOf(deployments);
    }

    /** Drops a WAR into deployments/ as {context}.war, so at /{context}, byte for byte. */
    WildFlyBase deployWar(String context, Path war) throws IOException {
        Files.copy(war, deployedWar(context));
        deployments.add(context + ".war");
        return this;
    }

    Path deployedWar(String context) {
        return dir.resolve("deployments").resolve(context + ".war");
    }

    /**
     * The directory of an exploded webapp deployed at /{context}. The scanner deploys exploded content only when
     * told to: {@link #markExplodedForDeployment()} writes its {@code .dodeploy} marker once the content is there.
     */
    Path webappDirectory(String context) {
        Path webapp = dir.resolve("deployments").resolve(context + ".war");
        exploded.add(webapp);
        deployments.add(context + ".war");
        return webapp;
    }

    /** Writes {name}.war.dodeploy beside each exploded webapp, as WildFly's deployment scanner asks. */
    void markExplodedForDeployment() throws IOException {
        for (Path webapp : exploded) {
            if (!Files.isDirectory(webapp.resolve("WEB-INF"))) {
                throw new IllegalStateException("no WEB-INF in " + webapp);
            }
            Files.writeString(webapp.resolveSibling(webapp.getFileName() + ".dodeploy"), webapp.getFileName().toString());
        }
    }

    /**
     * Installs wsguard as the global module docs/wildfly.md describes: its module.xml in
     * {moduleRoot}/dev/wsguard/main/ with the filter jar beside it under the name the module.xml gives, and its
     * {@code <global-modules>} element in the ee subsystem of standalone.xml. Both are read from the page, so the
     * set-up tests what users copy.
     */
    WildFlyBase withGlobalModuleAsTheDocSays() throws IOException {
        String doc = Files.readString(Distribution.wildflyDoc(), StandardCharsets.UTF_8);
        String moduleXml = xmlBlockContaining(doc, "<module xmlns=\"urn:jboss:module:");
        Matcher jar = Pattern.compile("<resource-root path=\"([^\"]+)\"/>").matcher(moduleXml);
        if (!jar.find()) {
            throw new IllegalStateException("the module.xml of " + Distribution.wildflyDoc() + " has no resource-root:\n" + moduleXml);
        }
        moduleRoot = setupDir.resolve("modules");
        Path main = moduleRoot.resolve(MODULE_NAME.replace('.', '/')).resolve("main");
        Files.createDirectories(main);
        Files.writeString(main.resolve("module.xml"), moduleXml, StandardCharsets.UTF_8);
        Files.copy(Distribution.filterJar(), main.resolve(jar.group(1)));

        String globalModules = xmlBlockContaining(doc, "<global-modules>").stripTrailing();
        Path config = dir.resolve("configuration").resolve("standalone.xml");
        String xml = Files.readString(config, StandardCharsets.UTF_8);
        Matcher ee = Pattern.compile("<subsystem xmlns=\"urn:jboss:domain:ee:[0-9.]+\">\\R").matcher(xml);
        if (!ee.find() || xml.contains("<global-modules>")) {
            throw new IllegalStateException(config + ": no ee subsystem, or one that has global modules already");
        }
        Files.writeString(config, xml.substring(0, ee.end()) + globalModules + "\n" + xml.substring(ee.end()),
                StandardCharsets.UTF_8);
        return this;
    }

    /**
     * The first ```xml block of a Markdown page that contains {@code marker}, without the indentation of its fence
     * (a block inside a list item is indented with it).
     */
    static String xmlBlockContaining(String markdown, String marker) {
        Matcher block = Pattern.compile("(?m)^( *)```xml\\R(.*?)\\R\\1```$", Pattern.DOTALL).matcher(markdown);
        while (block.find()) {
            if (block.group(2).contains(marker)) {
                String indent = block.group(1);
                StringBuilder xml = new StringBuilder();
                for (String line : block.group(2).split("\\R", -1)) {
                    xml.append(line.startsWith(indent) ? line.substring(indent.length()) : line).append('\n');
                }
                return xml.toString();
            }
        }
        throw new IllegalStateException(Distribution.wildflyDoc() + " has no xml block with " + marker);
    }

    /**
     * A copy of the sample WAR whose {@code wsguard.mode} context-param says {@code mode}: WildFly has no override
     * descriptor, so a second mode is a second WAR, as a user would build it.
     */
    static Path sampleInMode(Path target, GuardMode mode) throws IOException {
        Pattern param = Pattern.compile("(<param-name>\\s*wsguard\\.mode\\s*</param-name>\\s*<param-value>)\\s*\\w+\\s*(</param-value>)");
        return rewriteWar(Distribution.sampleWar(), target, entry -> true, webXml -> {
            Matcher m = param.matcher(webXml);
            if (!m.find() || m.find(m.end())) {
                throw new IllegalStateException("expected one wsguard.mode context-param in the sample's web.xml:\n" + webXml);
            }
            return m.replaceFirst("$1" + mode.paramValue() + "$2");
        });
    }

    /** A copy of the sample WAR without the filter jar in WEB-INF/lib: its web.xml still declares the filter. */
    static Path sampleWithoutFilterJar(Path target) throws IOException {
        Path war = rewriteWar(Distribution.sampleWar(), target, entry -> !isFilterJar(entry), UnaryOperator.identity());
        if (WebApps.entries(Distribution.sampleWar()).stream().noneMatch(WildFlyBase::isFilterJar)) {
            throw new IllegalStateException(Distribution.sampleWar() + " carries no filter jar to take out");
        }
        return war;
    }

    static boolean isFilterJar(String entry) {
        return entry.startsWith("WEB-INF/lib/wsguard-filter") && entry.endsWith(".jar");
    }

    private static Path rewriteWar(Path source, Path target, Predicate<String> keep, UnaryOperator<String> webXml)
            throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                if (!keep.test(e.getName())) {
                    continue;
                }
                byte[] content = in.readAllBytes();
                if (e.getName().equals("WEB-INF/web.xml")) {
                    content = webXml.apply(new String(content, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return target;
    }
}
