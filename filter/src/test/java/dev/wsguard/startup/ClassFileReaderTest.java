package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ClassFileReaderTest {

    private static final List<byte[]> JAVAX = List.of(ClassFileReader.marker("Ljavax/websocket/server/ServerEndpoint;"));

    private static final Map<String, byte[]> CLASSES = InMemoryCompiler.compile(Map.of(
            "javax.websocket.server.ServerEndpoint", InMemoryCompiler.JAVAX_SERVER_ENDPOINT,
            "javax.websocket.Endpoint", InMemoryCompiler.JAVAX_ENDPOINT,
            "demo.Legacy", "package demo; @Deprecated @javax.websocket.server.ServerEndpoint(value = \"/legacy\","
                    + " subprotocols = {\"a\", \"b\"}) public class Legacy implements java.io.Serializable,"
                    + " Runnable { static final long L = 1L; static final double D = 2.0; String s = \"x\";"
                    + " public void run() {} }",
            "demo.Programmatic", "package demo; public class Programmatic extends javax.websocket.Endpoint {}",
            "demo.Plain", "package demo; public class Plain { int x; void m() {} }"));

    @Test
    void readsNameSuperInterfacesAndAnnotationValues() {
        ClassFileReader.ClassInfo info = ClassFileReader.read(CLASSES.get("demo.Legacy"), JAVAX);
        assertNotNull(info);
        assertEquals("demo.Legacy", info.className());
        assertEquals("java/lang/Object", info.superName());
        assertEquals(List.of("java/io/Serializable", "java/lang/Runnable"), info.interfaces());
        assertEquals("/legacy", info.annotations().get("Ljavax/websocket/server/ServerEndpoint;").get("value"));
    }

    @Test
    void classesWithoutAMarkerAreSkippedCheaply() {
        assertNull(ClassFileReader.read(CLASSES.get("demo.Plain"), JAVAX));
        assertEquals("demo.Plain", ClassFileReader.read(CLASSES.get("demo.Plain"), List.of()).className());
    }

    @Test
    void superclassMarkerFindsProgrammaticEndpoints() {
        ClassFileReader.ClassInfo info = ClassFileReader.read(CLASSES.get("demo.Programmatic"),
                List.of(ClassFileReader.marker("javax/websocket/Endpoint")));
        assertEquals("javax/websocket/Endpoint", info.superName());
    }

    @Test
    void garbageAndTruncationAreRejectedNotThrownAround() {
        assertThrows(IllegalArgumentException.class, () -> ClassFileReader.read(new byte[] {1, 2, 3, 4, 5, 6}, JAVAX));
        byte[] legacy = CLASSES.get("demo.Legacy");
        for (int cut = 0; cut < legacy.length; cut += 7) {
            byte[] truncated = Arrays.copyOf(legacy, cut);
            try {
                ClassFileReader.read(truncated, JAVAX);
            } catch (IllegalArgumentException expected) {
                // the only way a bad class file may end
            }
        }
    }
}
