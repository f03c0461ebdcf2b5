package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringReader;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import javax.xml.validation.SchemaFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.ls.DOMImplementationLS;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * The jar's web-fragment.xml: valid against the Servlet 6.0 schema (so no container refuses the jar),
 * named wsguard (what the WSG00 fix tells users to put in an absolute-ordering), and not
 * metadata-complete (which would stop the container from scanning the jar for annotations).
 */
class WebFragmentTest {

    private static final String SCHEMAS = "/jakarta/servlet/resources/";

    private static Path fragment() throws Exception {
        URL classes = WebSocketGuardFilter.class.getProtectionDomain().getCodeSource().getLocation();
        Path p = Path.of(classes.toURI()).resolve("META-INF/web-fragment.xml");
        assertTrue(Files.isRegularFile(p), "the jar ships " + p);
        return p;
    }

    @Test
    void isValidAgainstTheServlet60Schema() throws Exception {
        SchemaFactory factory = SchemaFactory.newInstance(XMLConstants.W3C_XML_SCHEMA_NS_URI);
        // Every schema comes from the Servlet API jar; nothing is fetched from the network.
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "jar,file");
        factory.setResourceResolver(new LocalSchemas());
        URL xsd = WebFragmentTest.class.getResource(SCHEMAS + "web-fragment_6_0.xsd");
        assertNotNull(xsd, "the Servlet 6.0 API jar carries its schemas");
        Schema schema = factory.newSchema(xsd);
        schema.newValidator().validate(new StreamSource(fragment().toFile()));
    }

    @Test
    void namesTheJarWsguardAndLeavesAnnotationScanningOn() throws Exception {
        DocumentBuilderFactory dbf = DocumentBuilderFactory.newInstance();
        dbf.setNamespaceAware(true);
        Element root = dbf.newDocumentBuilder().parse(fragment().toFile()).getDocumentElement();
        assertEquals("web-fragment", root.getLocalName());
        assertEquals("6.0", root.getAttribute("version"));
        assertEquals("wsguard", root.getElementsByTagNameNS("*", "name").item(0).getTextContent().trim());
        String complete = root.getAttribute("metadata-complete");
        assertTrue(complete.isEmpty() || complete.equals("false"), "metadata-complete=" + complete);
        assertEquals(0, root.getElementsByTagNameNS("*", "ordering").getLength(), "no ordering of its own");
    }

    /** Resolves the schemas' includes from the Servlet API jar, and the XML namespace schema locally. */
    private static final class LocalSchemas implements LSResourceResolver {
        /** Just the xml:lang attribute the Jakarta EE schemas import. */
        private static final String XML_NS_SCHEMA = "<xs:schema xmlns:xs='http://www.w3.org/2001/XMLSchema'"
                + " targetNamespace='http://www.w3.org/XML/1998/namespace'><xs:attribute name='lang'"
                + " type='xs:language'/></xs:schema>";

        private final DOMImplementationLS dom;

        LocalSchemas() throws Exception {
            dom = (DOMImplementationLS) DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .getDOMImplementation();
        }

        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                String baseUri) {
            LSInput input = dom.createLSInput();
            input.setPublicId(publicId);
            if (XMLConstants.XML_NS_URI.equals(namespace)) {
                input.setSystemId(systemId);
                input.setCharacterStream(new StringReader(XML_NS_SCHEMA));
                return input;
            }
            String name = systemId == null ? null : systemId.substring(systemId.lastIndexOf('/') + 1);
            URL local = name == null ? null : WebFragmentTest.class.getResource(SCHEMAS + name);
            if (local == null) {
                return null;
            }
            input.setSystemId(local.toString());
            return input;
        }
    }
}
