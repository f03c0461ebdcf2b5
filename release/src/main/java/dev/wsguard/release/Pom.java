package dev.wsguard.release;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.xml.sax.SAXException;

/**
 * One POM as written (not Maven's effective model): the few elements the release checks read. Inheritance is the
 * caller's business, since only the caller knows where a parent's POM is (the repository, or the bundle).
 */
final class Pom {

    private final Element project;

    private Pom(Element project) {
        this.project = project;
    }

    static Pom parse(byte[] xml) {
        try {
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            // A POM names no DTD or entity worth resolving; refusing them keeps a hostile file from reaching out.
            factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_DTD, "");
            factory.setAttribute(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
            Document document = factory.newDocumentBuilder().parse(new ByteArrayInputStream(xml));
            return new Pom(document.getDocumentElement());
        } catch (ParserConfigurationException | SAXException | IOException e) {
            throw new IllegalArgumentException("not a readable POM: " + e.getMessage(), e);
        }
    }

    static Pom read(Path file) {
        try {
            return parse(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The trimmed text at a path of child element names below {@code <project>}, if there is some. */
    Optional<String> text(String... path) {
        Element element = find(path);
        if (element == null) {
            return Optional.empty();
        }
        String text = element.getTextContent().trim();
        return text.isEmpty() ? Optional.empty() : Optional.of(text);
    }

    /** Whether an element exists at a path, even an empty one. */
    boolean has(String... path) {
        return find(path) != null;
    }

    /** Whether an element exists at a path and holds at least one child element (a list such as licenses). */
    boolean hasEntries(String... path) {
        Element element = find(path);
        if (element == null) {
            return false;
        }
        for (Node node = element.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element) {
                return true;
            }
        }
        return false;
    }

    private Element find(String... path) {
        Element element = project;
        for (String name : path) {
            element = child(element, name);
            if (element == null) {
                return null;
            }
        }
        return element;
    }

    String artifactId() {
        return text("artifactId").orElse("");
    }

    String groupId() {
        return text("groupId").or(() -> text("parent", "groupId")).orElse("");
    }

    String version() {
        return text("version").or(() -> text("parent", "version")).orElse("");
    }

    String packaging() {
        return text("packaging").orElse("jar");
    }

    /** The modules this POM aggregates, its profiles' included. */
    List<String> modules() {
        List<String> modules = new ArrayList<>();
        collectModules(child(project, "modules"), modules);
        Element profiles = child(project, "profiles");
        if (profiles != null) {
            for (Element profile : children(profiles, "profile")) {
                collectModules(child(profile, "modules"), modules);
            }
        }
        return modules;
    }

    private static void collectModules(Element modulesElement, List<String> into) {
        if (modulesElement != null) {
            for (Element module : children(modulesElement, "module")) {
                into.add(module.getTextContent().trim());
            }
        }
    }

    private static Element child(Element parent, String name) {
        List<Element> found = children(parent, name);
        return found.isEmpty() ? null : found.get(0);
    }

    private static List<Element> children(Element parent, String name) {
        List<Element> found = new ArrayList<>();
        for (Node node = parent.getFirstChild(); node != null; node = node.getNextSibling()) {
            if (node instanceof Element && name.equals(node.getNodeName())) {
                found.add((Element) node);
            }
        }
        return found;
    }
}
