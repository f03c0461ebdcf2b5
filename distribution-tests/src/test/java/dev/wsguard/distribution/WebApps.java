package dev.wsguard.distribution;

import dev.wsguard.distribution.app.AnsweringFilter;
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
 * The web applications the set-ups deploy: the sample WAR as built, copies derived from it at test
 * time, and a plain webapp written here whose only servlet is the container's default.
 */
final class WebApps {

    static final String FILTER_CLASS = "dev.wsguard.WebSocketGuardFilter";
    private static final String WEB_XML = "WEB-INF/web.xml";

    private WebApps() {
    }

    /**
     * The sample WAR with no trace of wsguard: its filter declarations and mappings and its
     * {@code wsguard.*} context-params removed from web.xml, the filter jar removed from WEB-INF/lib.
     * Fails if there was nothing to remove, so a reshaped sample cannot turn a set-up into a no-op.
     */
    static Path sampleWithoutWsguard(Path target) throws IOException {
        return rewriteWar(Distribution.sampleWar(), target, webXml -> {
            Document doc = parse(webXml);
            List<String> names = wsguardFilterNames(doc);
            if (names.isEmpty()) {
                throw new IllegalStateException("the sample's web.xml declares no " + FILTER_CLASS);
            }
            removeFilters(doc, names);
            for (Element param : children(doc.getDocumentElement(), "context-param")) {
                if (text(param, "param-name").startsWith("wsguard.")) {
                    param.getParentNode().removeChild(param);
                }
            }
            return serialize(doc);
        }, true);
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
        }, false);
    }

    /**
     * SCENARIOS.md S4's set-up ("endpoint /echo, default servlet only") made from a copy of a sample
     * WAR: every servlet and servlet-mapping of its web.xml removed, everything else kept (the
     * annotated endpoints /echo and /chat/{room}, the listener that adds /ticker, the filters, wsguard
     * included when the source declares it). What no endpoint takes then reaches the container's
     * default servlet, which answers 404. The sample as built cannot show S4: its catch-all at "/"
     * answers 200 everywhere, and a webapp without endpoints would show another row (WSG02 with
     * nothing to suggest). Fails if the source has no servlet at "/" to remove, so a reshaped sample
     * cannot make this copy identical to it.
     */
    static Path withDefaultServletOnly(Path source, Path target) throws IOException {
        if (servletMappedAt(source, "/") == null) {
            throw new IllegalStateException(source + " maps no servlet at '/': " + webXml(source));
        }
        return rewriteWar(source, target, webXml -> {
            Document doc = parse(webXml);
            for (String tag : List.of("servlet", "servlet-mapping")) {
                for (Element e : children(doc.getDocumentElement(), tag)) {
                    e.getParentNode().removeChild(e);
                }
            }
            return serialize(doc);
        }, false);
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
     * An exploded webapp without servlets, so unknown paths get the default servlet's 404 (the sample's
     * catch-all answers 200 everywhere). An application filter at {@code /filtered/*} answers 200 itself:
     * an upgrade there is diagnosed only if wsguard runs before it. {@code ownWsguard}: null for a
     * webapp without wsguard, else the init-params of its own wsguard filter (declared first, named
     * "wsguard", the jar in WEB-INF/lib).
     */
    static Path plainWebapp(Path dir, Map<String, String> contextParams, Map<String, String> ownWsguard) throws IOException {
        Path webInf = dir.resolve("WEB-INF");
        StringBuilder xml = new StringBuilder("""
                <?xml version="1.0" encoding="UTF-8"?>
                <web-app xmlns="https://jakarta.ee/xml/ns/jakartaee" version="6.0">
                  <display-name>plain</display-name>
                """);
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
        xml.append("""
                  <filter>
                    <filter-name>answering</filter-name>
                    <filter-class>%s</filter-class>
                  </filter>
                  <filter-mapping><filter-name>answering</filter-name><url-pattern>/filtered/*</url-pattern></filter-mapping>
                </web-app>
                """.formatted(AnsweringFilter.class.getName()));
        Files.createDirectories(webInf);
        Files.writeString(webInf.resolve("web.xml"), xml, StandardCharsets.UTF_8);
        String classFile = AnsweringFilter.class.getName().replace('.', '/') + ".class";
        Path target = webInf.resolve("classes").resolve(classFile);
        Files.createDirectories(target.getParent());
        try (InputStream in = AnsweringFilter.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IOException("no " + classFile + " on the test class path");
            }
            Files.copy(in, target);
        }
        return dir;
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

    private static Path rewriteWar(Path source, Path target, UnaryOperator<byte[]> webXml, boolean dropFilterJar)
            throws IOException {
        Files.createDirectories(target.getParent());
        boolean droppedJar = false;
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(source));
                OutputStream file = Files.newOutputStream(target);
                ZipOutputStream out = new ZipOutputStream(file)) {
            for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
                String name = e.getName();
                if (dropFilterJar && name.startsWith("WEB-INF/lib/wsguard-filter") && name.endsWith(".jar")) {
                    droppedJar = true;
                    continue;
                }
                byte[] content = in.readAllBytes();
                if (name.equals(WEB_XML)) {
                    content = webXml.apply(content);
                }
                out.putNextEntry(new ZipEntry(name));
                out.write(content);
                out.closeEntry();
            }
        }
        if (dropFilterJar && !droppedJar) {
            throw new IllegalStateException("the sample WAR holds no WEB-INF/lib/wsguard-filter*.jar: " + entries(source));
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

    private static void removeFilters(Document doc, List<String> names) {
        for (String tag : List.of("filter", "filter-mapping")) {
            for (Element e : children(doc.getDocumentElement(), tag)) {
                if (names.contains(text(e, "filter-name"))) {
                    e.getParentNode().removeChild(e);
                }
            }
        }
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
