package dev.wsguard.distribution;

import dev.wsguard.distribution.app.AnsweringFilter;
import dev.wsguard.testkit.fixtures.EchoEndpoint;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The web applications the set-ups deploy besides the two sample WARs as built: a copy of the sample
 * with its wsguard filter renamed, and small exploded fixture webapps written here whose only servlet
 * is the container's default.
 */
final class WebApps {

    static final String FILTER_CLASS = "dev.wsguard.WebSocketGuardFilter";
    private static final String WEB_XML = "WEB-INF/web.xml";

    private WebApps() {
    }

    /** The sample WAR with its wsguard filter under another name, so the module's filter cannot merge with it. */
    static Path sampleWithFilterRenamed(Path target, String newName) throws IOException {
        return rewriteWar(Distribution.sampleWar(), target, webXml -> {
            Document doc = parse(webXml);
            List<String> names = wsguardFilterNames(doc);
            if (names.size() != 1) {
                throw new IllegalStateException("expected one " + FILTER_CLASS + " in the sample's web.xml, found " + names);
            }
            for (String tag : List.of("filter", "filter-mapping")) {
                for (Element e : children(doc.getDocumentElement(), tag)) {
                    Element name = child(e, "filter-name");
                    if (name != null && name.getTextContent().trim().equals(names.get(0))) {
                        name.setTextContent(newName);
                    }
                }
            }
            return serialize(doc);
        });
    }

    /** The name of the servlet a WAR's web.xml maps at {@code pattern}, or null. */
    static String servletMappedAt(Path war, String pattern) throws IOException {
        Document doc = parse(webXml(war).getBytes(StandardCharsets.UTF_8));
        for (Element mapping : children(doc.getDocumentElement(), "servlet-mapping")) {
            for (Element urlPattern : children(mapping, "url-pattern")) {
                if (urlPattern.getTextContent().trim().equals(pattern)) {
                    return text(mapping, "servlet-name");
                }
            }
        }
        return null;
    }

    /**
     * An exploded webapp without servlets or endpoints, so every path gets the default servlet's 404
     * (the sample's catch-all answers 200 everywhere). An application filter at {@code /filtered/*}
     * answers 200 itself: an upgrade there is diagnosed only if wsguard runs before it.
     * {@code ownWsguard}: null for a webapp without wsguard, else the init-params of its own wsguard
     * filter (declared first, named "wsguard", the jar in WEB-INF/lib).
     */
    static Path plainWebapp(Path dir, Map<String, String> contextParams, Map<String, String> ownWsguard) throws IOException {
        return fixtureWebapp(dir, "plain", contextParams, ownWsguard, AnsweringFilter.class, """
                  <filter>
                    <filter-name>answering</filter-name>
                    <filter-class>%s</filter-class>
                  </filter>
                  <filter-mapping><filter-name>answering</filter-name><url-pattern>/filtered/*</url-pattern></filter-mapping>
                """.formatted(AnsweringFilter.class.getName()));
    }

    /**
     * The fixture for the catalogue's S4 (docs/scenarios.md), "endpoint /echo, default servlet only": an exploded webapp whose
     * only content is an annotated echo endpoint at /echo, so a near miss (/echo2) reaches the
     * container's default servlet and gets 404. Neither sample WAR can show S4: their catch-all at "/"
     * answers 200 everywhere, and a webapp without endpoints shows another row (WSG02 with no endpoint
     * to suggest). {@code ownWsguard} as for {@link #plainWebapp}.
     */
    static Path echoEndpointOnly(Path dir, Map<String, String> ownWsguard) throws IOException {
        return fixtureWebapp(dir, "echo-endpoint-only", Map.of(), ownWsguard, EchoEndpoint.class, "");
    }

    private static Path fixtureWebapp(Path dir, String displayName, Map<String, String> contextParams,
            Map<String, String> ownWsguard, Class<?> appClass, String appXml) throws IOException {
        Path webInf = dir.resolve("WEB-INF");
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <display-name>%s</display-name>
                """.formatted(displayName));
        contextParams.forEach((name, value) -> xml.append("  <context-param><param-name>").append(name)
                .append("</param-name><param-value>").append(value).append("</param-value></context-param>\n"));
        if (ownWsguard != null) {
            xml.append("""
                      <filter>
                        <filter-name>wsguard</filter-name>
                        <filter-class>dev.wsguard.WebSocketGuardFilter</filter-class>
                        <async-supported>true</async-supported>
                    """);
            ownWsguard.forEach((name, value) -> xml.append("    <init-param><param-name>").append(name)
                    .append("</param-name><param-value>").append(value).append("</param-value></init-param>\n"));
            xml.append("""
                      </filter>
                      <filter-mapping><filter-name>wsguard</filter-name><url-pattern>/*</url-pattern></filter-mapping>
                    """);
            Files.createDirectories(webInf.resolve("lib"));
            Files.copy(Distribution.filterJar(), webInf.resolve("lib").resolve(Distribution.filterJar().getFileName()));
        }
        xml.append(appXml).append("</web-app>\n");
        Files.createDirectories(webInf);
        Files.writeString(webInf.resolve("web.xml"), xml, StandardCharsets.UTF_8);
        String classFile = appClass.getName().replace('.', '/') + ".class";
        Path target = webInf.resolve("classes").resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = appClass.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IOException("no " + classFile + " on the test class path");
            }
            Files.copy(in, target);
        }
        return dir;
    }

    /**
     * The WAR, once checked to carry no trace of wsguard (no filter class in web.xml, no wsguard.*
     * context-param, no filter jar): otherwise a "module only" set-up would silently test the webapp's
     * own filter.
     */
    static Path withoutWsguard(Path war) throws IOException {
        String webXml = webXml(war);
        Document doc = parse(webXml.getBytes(StandardCharsets.UTF_8));
        boolean wsguardParam = children(doc.getDocumentElement(), "context-param").stream()
                .anyMatch(p -> text(p, "param-name").startsWith("wsguard."));
        List<String> jars = entries(war).stream().filter(e -> e.startsWith("WEB-INF/lib/wsguard-filter")).toList();
        if (webXml.contains(FILTER_CLASS) || wsguardParam || !jars.isEmpty()) {
            throw new IllegalStateException(war + " carries wsguard (" + jars + "):\n" + webXml);
        }
        return war;
    }

    /** The web.xml inside a WAR, for assertions and messages. */
    static String webXml(Path war) throws IOException {
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (e.getName().equals(WEB_XML)) {
                    return new String(zip.readAllBytes(), StandardCharsets.UTF_8);
                }
            }
        }
        throw new IOException("no " + WEB_XML + " in " + war);
    }

    static List<String> entries(Path war) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream zip = new ZipInputStream(Files.newInputStream(war))) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                names.add(e.getName());
            }
        }
        return names;
    }

    private static Path rewriteWar(Path source, Path target, UnaryOperator<byte[]> webXml) throws IOException {
        Files.createDirectories(target.getParent());
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                byte[] content = in.readAllBytes();
                if (e.getName().equals(WEB_XML)) {
                    content = webXml.apply(content);
                }
                out.putNextEntry(new ZipEntry(e.getName()));
                out.write(content);
                out.closeEntry();
            }
        }
        return target;
    }

    private static List<String> wsguardFilterNames(Document doc) {
        List<String> names = new ArrayList<>();
        for (Element filter : children(doc.getDocumentElement(), "filter")) {
            if (text(filter, "filter-class").equals(FILTER_CLASS)) {
                names.add(text(filter, "filter-name"));
            }
        }
        return names;
    }

    private static Document parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            // web.xml names its schema; nothing is fetched, and no DTD is allowed in.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            return factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
        } catch (Exception e) {
            throw new IllegalStateException("cannot parse web.xml", e);
        }
    }

    private static byte[] serialize(Document doc) {
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(out));
            return out.toByteArray();
        } catch (Exception e) {
            throw new IllegalStateException("cannot write web.xml", e);
        }
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> found = new ArrayList<>();
        NodeList nodes = parent.getChildNodes();
        for (int i = 0; i < nodes.getLength(); i++) {
            Node n = nodes.item(i);
            if (n instanceof Element e && localName.equals(e.getLocalName())) {
                found.add(e);
            }
        }
        return found;
    }

    private static Element child(Element parent, String localName) {
        List<Element> found = children(parent, localName);
        return found.isEmpty() ? null : found.get(0);
    }

    private static String text(Element parent, String localName) {
        Element e = child(parent, localName);
        return e == null ? "" : e.getTextContent().trim();
    }
}
