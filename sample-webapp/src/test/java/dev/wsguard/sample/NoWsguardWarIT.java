package dev.wsguard.sample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

/**
 * The attached WAR with the classifier {@code no-wsguard} is this sample as a user writes it before
 * adding wsguard: tests that install wsguard container-wide deploy it unchanged. Its web.xml is
 * derived from the real one at build time; this test compares the two WARs the build just packaged.
 */
@Tag("packaged-war")
class NoWsguardWarIT {

    static final String WAR_FILE_PROPERTY = "wsguard.sample.war.file";
    static final String NO_WSGUARD_WAR_PROPERTY = "wsguard.nowsguard.war";

    private static final String WEB_XML = "WEB-INF/web.xml";
    private static final String WSGUARD_FILTER_CLASS = "dev.wsguard.WebSocketGuardFilter";
    /** The sample's own classes share wsguard's package prefix; everything else under it is wsguard's. */
    private static final String SAMPLE_PACKAGE_PATH = "dev/wsguard/sample/";
    private static final String WSGUARD_PACKAGE_PATH = "dev/wsguard/";
    private static final String WSGUARD_PARAM_PREFIX = "wsguard.";
    private static final int MAX_ENTRIES = 10_000;

    @Test
    void theNoWsguardWarIsTheSampleWithoutWsguard() throws Exception {
        Path real = packaged(WAR_FILE_PROPERTY);
        Path bare = packaged(NO_WSGUARD_WAR_PROPERTY);
        try (ZipFile realWar = new ZipFile(real.toFile()); ZipFile bareWar = new ZipFile(bare.toFile())) {
            Set<String> realEntries = entryNames(realWar);
            Set<String> bareEntries = entryNames(bareWar);

            // The real WAR has wsguard, so the comparison below means something.
            List<String> filterJars = realEntries.stream().filter(NoWsguardWarIT::isWsguardJar).collect(Collectors.toList());
            assertEquals(1, filterJars.size(), "the sample WAR must carry wsguard-filter in WEB-INF/lib: " + realEntries);

            Set<String> expected = new TreeSet<>(realEntries);
            expected.removeAll(filterJars);
            assertEquals(expected, bareEntries, "the no-wsguard WAR must hold every file of the sample WAR but the wsguard jar");

            for (String name : bareEntries) {
                if (name.endsWith(".class")) {
                    assertFalse(name.startsWith("WEB-INF/classes/" + WSGUARD_PACKAGE_PATH)
                            && !name.startsWith("WEB-INF/classes/" + SAMPLE_PACKAGE_PATH), "a wsguard class in the no-wsguard WAR: " + name);
                    // Loaded without wsguard on the class path, a class that names one of its types would fail to link.
                    assertFalse(namesAWsguardType(bytes(bareWar, name)), name + " refers to a wsguard class");
                }
                if (name.startsWith("WEB-INF/lib/") && name.endsWith(".jar")) {
                    assertFalse(isWsguardJar(name), "a wsguard jar in the no-wsguard WAR: " + name);
                    assertTrue(jarEntries(bytes(bareWar, name)).stream().noneMatch(e -> e.startsWith(WSGUARD_PACKAGE_PATH)),
                            name + " carries wsguard classes");
                }
            }

            Element realApp = webApp(bytes(realWar, WEB_XML));
            Element bareApp = webApp(bytes(bareWar, WEB_XML));
            List<String> wsguardParts = new ArrayList<>();
            List<String> otherParts = new ArrayList<>();
            Set<String> wsguardFilterNames = new TreeSet<>();
            for (Element e : children(realApp)) {
                if ("filter".equals(e.getLocalName()) && WSGUARD_FILTER_CLASS.equals(childText(e, "filter-class"))) {
                    wsguardFilterNames.add(childText(e, "filter-name"));
                }
            }
            for (Element e : children(realApp)) {
                boolean wsguards = "filter".equals(e.getLocalName()) && wsguardFilterNames.contains(childText(e, "filter-name"))
                        || "filter-mapping".equals(e.getLocalName()) && wsguardFilterNames.contains(childText(e, "filter-name"))
                        || "context-param".equals(e.getLocalName()) && childText(e, "param-name").startsWith(WSGUARD_PARAM_PREFIX);
                (wsguards ? wsguardParts : otherParts).add(canonical(e));
            }
            assertFalse(wsguardFilterNames.isEmpty(), "the sample's web.xml must declare " + WSGUARD_FILTER_CLASS);
            assertTrue(wsguardParts.stream().anyMatch(p -> p.startsWith("context-param")),
                    "the sample's web.xml must set a wsguard.* context-param: " + wsguardParts);

            List<String> bareParts = children(bareApp).stream().map(NoWsguardWarIT::canonical).collect(Collectors.toList());
            assertEquals(otherParts, bareParts,
                    "the no-wsguard web.xml must keep every other element of the real one (servlets, filters, listeners,"
                            + " mappings), unchanged and in order, and add nothing");
            assertEquals(attributes(realApp), attributes(bareApp), "the <web-app> element's version and schema");
            for (String part : bareParts) {
                assertFalse(part.contains(WSGUARD_FILTER_CLASS), "wsguard's filter in the no-wsguard web.xml: " + part);
                assertFalse(part.contains("param-name=" + WSGUARD_PARAM_PREFIX), "a wsguard.* parameter in the no-wsguard web.xml: " + part);
            }
        }
    }

    private static Path packaged(String property) {
        String value = System.getProperty(property);
        assertTrue(value != null && Files.isRegularFile(Path.of(value)),
                "-D" + property + " must name a WAR file this build packaged (failsafe sets it), got " + value);
        return Path.of(value);
    }

    private static boolean isWsguardJar(String name) {
        return name.startsWith("WEB-INF/lib/") && name.substring("WEB-INF/lib/".length()).startsWith("wsguard-");
    }

    private static Set<String> entryNames(ZipFile zip) {
        Set<String> names = new TreeSet<>();
        zip.stream().limit(MAX_ENTRIES).forEach(e -> names.add(e.getName()));
        return names;
    }

    private static byte[] bytes(ZipFile zip, String name) throws IOException {
        ZipEntry entry = zip.getEntry(name);
        assertTrue(entry != null, "no " + name + " in " + zip.getName());
        try (InputStream in = zip.getInputStream(entry)) {
            return in.readAllBytes();
        }
    }

    private static List<String> jarEntries(byte[] jar) throws IOException {
        List<String> names = new ArrayList<>();
        try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(jar))) {
            ZipEntry e;
            while (names.size() < MAX_ENTRIES && (e = in.getNextEntry()) != null) {
                names.add(e.getName());
            }
        }
        return names;
    }

    /**
     * Class names in a class file's constant pool are UTF-8 with slashes ("dev/wsguard/Guard"); a
     * scan of the bytes finds every one, descriptors included, without parsing the pool.
     */
    static boolean namesAWsguardType(byte[] classFile) {
        String text = new String(classFile, StandardCharsets.ISO_8859_1);
        for (int at = text.indexOf(WSGUARD_PACKAGE_PATH); at >= 0; at = text.indexOf(WSGUARD_PACKAGE_PATH, at + 1)) {
            if (!text.startsWith(SAMPLE_PACKAGE_PATH, at)) {
                return true;
            }
        }
        return false;
    }

    private static Element webApp(byte[] xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        Element root = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml)).getDocumentElement();
        assertEquals("web-app", root.getLocalName());
        return root;
    }

    private static List<Element> children(Element parent) {
        List<Element> children = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element) {
                children.add((Element) n);
            }
        }
        return children;
    }

    private static String childText(Element parent, String localName) {
        for (Element e : children(parent)) {
            if (localName.equals(e.getLocalName())) {
                return e.getTextContent().trim();
            }
        }
        return "";
    }

    private static List<String> attributes(Element e) {
        NamedNodeMap map = e.getAttributes();
        List<String> attributes = new ArrayList<>();
        for (int i = 0; i < map.getLength(); i++) {
            attributes.add(map.item(i).getNodeName() + "=" + map.item(i).getNodeValue());
        }
        Collections.sort(attributes);
        return attributes;
    }

    /** An element as one line, without comments and layout: "filter[filter-name=a, filter-class=b]". */
    private static String canonical(Element e) {
        List<Element> children = children(e);
        if (children.isEmpty()) {
            return e.getLocalName() + "=" + e.getTextContent().trim();
        }
        return e.getLocalName() + attributes(e) + children.stream().map(NoWsguardWarIT::canonical)
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
