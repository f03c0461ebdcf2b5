package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * A CATALINA_BASE for one set-up, made the way Tomcat's users make one ({@code bin/makebase.sh}: conf/ copied from
 * CATALINA_HOME, empty bin, lib, logs, temp, webapps and work) under target/distribution/{name}/base, then changed as a
 * user changes it: server.xml's connector, WARs and directories dropped into webapps/, a context descriptor under
 * conf/Catalina/localhost/, the jar in lib/ and the snippet in conf/web.xml.
 */
final class TomcatBase {

    /** The Tomcat lines under test; each is the distribution unpacked by the pom. */
    enum Line {
        TOMCAT_11("11", ContainerKind.TOMCAT_11),
        TOMCAT_10_1("10.1", ContainerKind.TOMCAT_10_1);

        private final String label;
        private final ContainerKind expectations;

        Line(String label, ContainerKind expectations) {
            this.label = label;
            this.expectations = expectations;
        }

        Path home() {
            return Distribution.tomcatHome(label);
        }

        String version() {
            return Distribution.tomcatVersion(label);
        }

        /** The embedded build of the same line, whose answers the catalogue gives. */
        ContainerKind expectations() {
            return expectations;
        }
    }

    /** Where tomcat-config/README.md's commands stand for the built jar. */
    static final String README_JAR = "/path/to/wsguard-filter-1.0.0-SNAPSHOT.jar";
    /** The committed file users paste into conf/web.xml. */
    static final String SNIPPET = "conf/web-xml-snippet.xml";
    /** The snippet's server-wide mode, as committed. */
    private static final Pattern MODE_PARAM = Pattern.compile(
            "(<param-name>wsguard\\.mode</param-name>\\s*<param-value>)log(</param-value>)");

    private final String name;
    private final Line line;
    private final Path setupDir;
    private final Path dir;

    private TomcatBase(String name, Line line, Path setupDir) {
        this.name = name;
        this.line = line;
        this.setupDir = setupDir;
        this.dir = setupDir.resolve("base");
    }

    /**
     * {@code $CATALINA_HOME/bin/makebase.sh target/distribution/{name}/base} (replacing what an earlier run left),
     * then server.xml changed so that the server listens on 127.0.0.1 only, on a port the OS picks, with no
     * shutdown port: {@link TomcatServer} reads the port back from Tomcat's log and stops it with a signal.
     */
    static TomcatBase makebase(String name, Line line) throws IOException, InterruptedException {
        TomcatBase base = new TomcatBase(name, line, Distribution.work().resolve(name));
        JettyBase.deleteTree(base.setupDir);
        Files.createDirectories(base.setupDir);
        base.run("makebase", List.of(line.home().resolve("bin").resolve("makebase.sh").toString(), base.dir.toString()));
        base.listenOnLoopbackOnly();
        return base;
    }

    String name() {
        return name;
    }

    Line line() {
        return line;
    }

    Path dir() {
        return dir;
    }

    /** Where the set-up's other files go (the console file, WARs deployed by descriptor). */
    Path setupDir() {
        return setupDir;
    }

    /**
     * The HTTP connector on address 127.0.0.1 and port 0 (Tomcat binds it at init, bindOnInit's default, and logs
     * the port the OS gave in its ProtocolHandler's name), the shutdown port off (-1): two edits of the committed
     * server.xml, each of a text found exactly once, then checked by parsing the result.
     */
    private void listenOnLoopbackOnly() throws IOException {
        Path serverXml = dir.resolve("conf").resolve("server.xml");
        String xml = Files.readString(serverXml, StandardCharsets.UTF_8);
        xml = replaceOnce(xml, "<Server port=\"8005\"", "<Server port=\"-1\"");
        xml = replaceOnce(xml, "<Connector port=\"8080\" protocol=\"HTTP/1.1\"",
                "<Connector port=\"0\" address=\"127.0.0.1\" protocol=\"HTTP/1.1\"");
        Files.writeString(serverXml, xml, StandardCharsets.UTF_8);
        Element server = parse(serverXml).getDocumentElement();
        NodeList connectors = server.getElementsByTagName("Connector");
        if (!server.getAttribute("port").equals("-1") || connectors.getLength() != 1
                || !((Element) connectors.item(0)).getAttribute("address").equals("127.0.0.1")
                || !((Element) connectors.item(0)).getAttribute("protocol").equals("HTTP/1.1")) {
            throw new IllegalStateException(serverXml + " should have shutdown port -1 and one HTTP connector (no AJP)"
                    + " on 127.0.0.1:\n" + xml);
        }
    }

    /** Drops a WAR into webapps/ as {context}.war, so at /{context}, byte for byte. */
    TomcatBase deployWar(String context, Path war) throws IOException {
        Files.copy(war, deployedWar(context));
        return this;
    }

    Path deployedWar(String context) {
        return dir.resolve("webapps").resolve(context + ".war");
    }

    /** The directory for an exploded webapp deployed at /{context}. */
    Path webappDirectory(String context) {
        return dir.resolve("webapps").resolve(context);
    }

    /**
     * Deploys a copy of {@code war} (byte for byte, kept outside webapps/) at /{context} through a context descriptor,
     * conf/Catalina/localhost/{context}.xml, that sets a context parameter the way Tomcat's users do
     * ({@code <Parameter override="false">}: it replaces a context-param of that name in the WAR's web.xml).
     */
    TomcatBase deployWarWithParameter(String context, Path war, String parameter, String value) throws IOException {
        Path copy = setupDir.resolve("wars").resolve(context + ".war");
        Files.createDirectories(copy.getParent());
        Files.copy(war, copy);
        Path descriptor = dir.resolve("conf").resolve("Catalina").resolve("localhost").resolve(context + ".xml");
        Files.createDirectories(descriptor.getParent());
        Files.writeString(descriptor, """
                <Context docBase="%s">
                  <Parameter name="%s" value="%s" override="false"/>
                </Context>
                """.formatted(copy, parameter, value), StandardCharsets.UTF_8);
        return this;
    }

    /**
     * Step 1 of tomcat-config/README.md, run as written: its first {@code sh} block under "Install", with
     * CATALINA_HOME and CATALINA_BASE set and the README's placeholder for the jar replaced by the built one.
     */
    TomcatBase installJarAsTheReadmeSays() throws IOException, InterruptedException {
        String script = readmeBlock("\n## Install\n");
        if (!script.contains(README_JAR)) {
            throw new IllegalStateException("tomcat-config/README.md's install commands no longer name " + README_JAR
                    + ":\n" + script);
        }
        run("readme-install", List.of("sh", "-eu", "-c", script.replace(README_JAR, Distribution.filterJar().toString())));
        if (!Files.isRegularFile(dir.resolve("lib").resolve(Distribution.filterJar().getFileName()))) {
            throw new IllegalStateException("the README's commands put no jar in " + dir.resolve("lib") + ":\n" + script);
        }
        return this;
    }

    /**
     * Step 2 of tomcat-config/README.md: the committed snippet, as it is in the file, pasted into conf/web.xml just
     * before its closing {@code </web-app>}; {@code mode}, if not null, then set in the pasted context-param as a user
     * edits it. The result must parse, and the snippet must have reached it whole.
     */
    TomcatBase pasteWebXmlSnippet(String mode) throws IOException {
        String snippet = Files.readString(Distribution.tomcatConfig().resolve(SNIPPET), StandardCharsets.UTF_8);
        if (mode != null) {
            Matcher m = MODE_PARAM.matcher(snippet);
            if (!m.find() || m.find()) {
                throw new IllegalStateException("expected one context-param wsguard.mode=log in the snippet:\n" + snippet);
            }
            snippet = m.replaceFirst("$1" + mode + "$2");
        }
        Path webXml = dir.resolve("conf").resolve("web.xml");
        String xml = Files.readString(webXml, StandardCharsets.UTF_8);
        int end = xml.lastIndexOf("</web-app>");
        if (end < 0 || xml.indexOf("</web-app>") != end) {
            throw new IllegalStateException(webXml + " should end with one </web-app>");
        }
        Files.writeString(webXml, xml.substring(0, end) + snippet + "\n" + xml.substring(end), StandardCharsets.UTF_8);
        Document doc = parse(webXml);
        if (doc.getElementsByTagName("filter").getLength() != 1) {
            throw new IllegalStateException("conf/web.xml should now declare one filter, wsguard's: " + webXml);
        }
        return this;
    }

    /** The first {@code sh} block after {@code heading} in tomcat-config/README.md. */
    static String readmeBlock(String heading) throws IOException {
        Path readme = Distribution.tomcatConfig().resolve("README.md");
        String text = Files.readString(readme, StandardCharsets.UTF_8);
        int section = text.indexOf(heading);
        int start = section < 0 ? -1 : text.indexOf("```sh\n", section);
        int end = start < 0 ? -1 : text.indexOf("\n```\n", start);
        if (end < 0) {
            throw new IllegalStateException(readme + " has no sh block under '" + heading.trim() + "'");
        }
        return text.substring(start + "```sh\n".length(), end + 1);
    }

    /** Runs a command of the install (not the server) with CATALINA_HOME and CATALINA_BASE set, bounded. */
    private void run(String label, List<String> command) throws IOException, InterruptedException {
        Path output = setupDir.resolve(label + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(setupDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
        builder.environment().put("CATALINA_HOME", line.home().toString());
        builder.environment().put("CATALINA_BASE", dir.toString());
        builder.environment().put("PATH", Distribution.java().getParent() + File.pathSeparator + System.getenv("PATH"));
        Process p = builder.start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            throw new IllegalStateException(command + " did not finish within 60 s: " + Files.readString(output));
        }
        if (p.exitValue() != 0) {
            throw new IllegalStateException(command + " exited with " + p.exitValue() + ": " + Files.readString(output));
        }
    }

    private static String replaceOnce(String text, String from, String to) {
        int at = text.indexOf(from);
        if (at < 0 || text.indexOf(from, at + 1) >= 0) {
            throw new IllegalStateException("expected '" + from + "' exactly once in:\n" + text);
        }
        return text.substring(0, at) + to + text.substring(at + from.length());
    }

    private static Document parse(Path xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(xml.toFile());
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse " + xml, e);
        }
    }
}
