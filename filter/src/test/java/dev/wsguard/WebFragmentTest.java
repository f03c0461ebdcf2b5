package dev.wsguard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.Reader;
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

        @Override
        public LSInput resolveResource(String type, String namespace, String publicId, String systemId,
                String baseUri) {
            if (XMLConstants.XML_NS_URI.equals(namespace)) {
                return new Input(publicId, systemId, new StringReader(XML_NS_SCHEMA), null);
            }
            String name = systemId == null ? null : systemId.substring(systemId.lastIndexOf('/') + 1);
            InputStream in = name == null ? null : WebFragmentTest.class.getResourceAsStream(SCHEMAS + name);
            if (in == null) {
                return null;
            }
            URL url = WebFragmentTest.class.getResource(SCHEMAS + name);
            return new Input(publicId, url.toString(), null, in);
        }
    }

    private static final class Input implements LSInput {
        private final String publicId;
        private final String systemId;
        private final Reader reader;
        private final InputStream stream;

        Input(String publicId, String systemId, Reader reader, InputStream stream) {
            this.publicId = publicId;
            this.systemId = systemId;
            this.reader = reader;
            this.stream = stream;
        }

        @Override
        public Reader getCharacterStream() {
            return reader;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
        }

        @Override
        public InputStream getByteStream() {
            return stream;
        }

        @Override
        public void setByteStream(InputStream byteStream) {
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public void setSystemId(String systemId) {
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public void setPublicId(String publicId) {
        }

        @Override
        public String getBaseURI() {
            return systemId;
        }

        @Override
        public void setBaseURI(String baseUri) {
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
        }
    }
}
