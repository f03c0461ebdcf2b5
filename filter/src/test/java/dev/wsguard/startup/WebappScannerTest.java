package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;

class WebappScannerTest {

    private static final Map<String, byte[]> CLASSES = InMemoryCompiler.compile(Map.of(
            "javax.websocket.server.ServerEndpoint", InMemoryCompiler.JAVAX_SERVER_ENDPOINT,
            "javax.websocket.Endpoint", InMemoryCompiler.JAVAX_ENDPOINT,
            "app.Legacy", "package app; @javax.websocket.server.ServerEndpoint(\"/legacy\") public class Legacy {}",
            "lib.Old", "package lib; public class Old extends javax.websocket.Endpoint {}",
            "app.Plain", "package app; public class Plain {}",
            "javax.websocket.server.ServerApplicationConfig",
            "package javax.websocket.server; public interface ServerApplicationConfig {}",
            "app.Config", "package app; public class Config implements javax.websocket.server.ServerApplicationConfig {}"));

    /** A webapp made of resource paths. */
    private static final class Webapp implements WebappScanner.Resources {
        final Map<String, byte[]> files = new LinkedHashMap<>();

        Webapp put(String path, byte[] bytes) {
            files.put(path, bytes);
            return this;
        }

        @Override
        public Set<String> list(String directory) {
            Set<String> children = new TreeSet<>();
            for (String p : files.keySet()) {
                if (p.startsWith(directory) && p.length() > directory.length()) {
                    String rest = p.substring(directory.length());
                    int slash = rest.indexOf('/');
                    children.add(directory + (slash < 0 ? rest : rest.substring(0, slash + 1)));
                }
            }
            return children.isEmpty() ? null : children;
        }

        @Override
        public InputStream open(String path) {
            byte[] b = files.get(path);
            return b == null ? null : new ByteArrayInputStream(b);
        }
    }

    private static byte[] jar(Map<String, byte[]> entries) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        }
        return out.toByteArray();
    }

    @Test
    void findsJavaxEndpointsInClassesAndJarsAndApiJars() throws IOException {
        Webapp w = new Webapp()
                .put("/WEB-INF/classes/app/Legacy.class", CLASSES.get("app.Legacy"))
                .put("/WEB-INF/classes/app/Plain.class", CLASSES.get("app.Plain"))
                .put("/WEB-INF/classes/readme.txt", new byte[] {1})
                .put("/WEB-INF/lib/old.jar", jar(Map.of("lib/Old.class", CLASSES.get("lib.Old"))))
                .put("/WEB-INF/lib/javax.websocket-api-1.1.jar", jar(Map.of("javax/websocket/server/ServerEndpoint.class",
                        CLASSES.get("javax.websocket.server.ServerEndpoint"))))
                .put("/WEB-INF/lib/jakarta.websocket-api-2.1.1.jar", jar(Map.of("META-INF/MANIFEST.MF", new byte[0],
                        "jakarta/websocket/Session.class", CLASSES.get("app.Plain"))));
        WebappScanner.Findings f = WebappScanner.scan(w, WebappScanner.Budget.standard(), System::nanoTime);
        assertEquals(2, f.javaxEndpoints().size());
        assertEquals("app.Legacy", f.javaxEndpoints().get(0).className);
        assertEquals("/legacy", f.javaxEndpoints().get(0).path);
        assertEquals("WEB-INF/classes", f.javaxEndpoints().get(0).location);
        assertEquals("lib.Old", f.javaxEndpoints().get(1).className);
        assertNull(f.javaxEndpoints().get(1).path);
        assertEquals("WEB-INF/lib/old.jar", f.javaxEndpoints().get(1).location);
        assertEquals(2, f.apiJars().size());
        assertEquals("jakarta", f.apiJars().get(0).namespace);
        assertEquals("WEB-INF/lib/jakarta.websocket-api-2.1.1.jar", f.apiJars().get(0).path);
        assertEquals("javax", f.apiJars().get(1).namespace);
        assertEquals(5, f.classes);
        assertEquals(3, f.jars);
        assertNull(f.incomplete);
    }

    @Test
    void aJavaxServerApplicationConfigIsFoundThoughItsEndpointsAreProgrammatic() {
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Config.class", CLASSES.get("app.Config"));
        WebappScanner.Findings f = WebappScanner.scan(w, WebappScanner.Budget.standard(), System::nanoTime);
        assertEquals(1, f.javaxEndpoints().size());
        assertEquals("app.Config", f.javaxEndpoints().get(0).className);
        assertTrue(f.javaxEndpoints().get(0).applicationConfig);
    }

    @Test
    void brokenFilesAreCountedNotFatal() throws IOException {
        byte[] markedGarbage = "garbage mentioning javax/websocket/server/ServerEndpoint".getBytes();
        byte[] legacy = CLASSES.get("app.Legacy");
        Webapp w = new Webapp()
                .put("/WEB-INF/classes/bad.class", new byte[] {0, 1, 2})
                .put("/WEB-INF/classes/marked.class", markedGarbage)
                .put("/WEB-INF/classes/truncated.class", java.util.Arrays.copyOf(legacy, justAfter(legacy,
                        "javax/websocket/server/ServerEndpoint")))
                .put("/WEB-INF/lib/bad.jar", new byte[] {'P', 'K', 9, 9, 9});
        WebappScanner.Findings f = WebappScanner.scan(w, WebappScanner.Budget.standard(), System::nanoTime);
        assertEquals(2, f.unreadable, "the two files that claim to mention javax.websocket but do not parse");
        assertTrue(f.javaxEndpoints().isEmpty());
    }

    /** A cut just past the first occurrence of the text: the marker survives, the class file does not. */
    private static int justAfter(byte[] bytes, String text) {
        String latin = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return latin.indexOf(text) + text.length() + 1;
    }

    @Test
    void byteSearchFindsTheNeedleAnywhereAndOnlyThere() {
        byte[] hay = "abcjavax/websocket/x".getBytes();
        assertTrue(WebappScanner.contains(hay, hay.length, "javax/websocket/".getBytes()));
        assertEquals(false, WebappScanner.contains(hay, hay.length - 2, "javax/websocket/".getBytes()));
        assertEquals(false, WebappScanner.contains(hay, hay.length, "javax/websockets".getBytes()));
    }

    @Test
    void anInterruptedScanStopsAndSaysSo() {
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Legacy.class", CLASSES.get("app.Legacy"));
        Thread.currentThread().interrupt();
        try {
            WebappScanner.Findings f = WebappScanner.scan(w, WebappScanner.Budget.standard(), System::nanoTime);
            assertEquals("interrupted: the filter was destroyed", f.incomplete);
            assertEquals(0, f.classes);
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void oversizedClassFilesAreSkipped() {
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Legacy.class", CLASSES.get("app.Legacy"));
        WebappScanner.Findings f = WebappScanner.scan(w, new WebappScanner.Budget(Long.MAX_VALUE, 10, 16),
                System::nanoTime);
        assertTrue(f.javaxEndpoints().isEmpty());
        assertEquals(1, f.unreadable);
    }

    @Test
    void theBudgetsStopTheScanAndSaySo() {
        Webapp w = new Webapp();
        for (int i = 0; i < 50; i++) {
            w.put("/WEB-INF/classes/p/C" + i + ".class", CLASSES.get("app.Plain"));
        }
        WebappScanner.Findings byCount = WebappScanner.scan(w, new WebappScanner.Budget(Long.MAX_VALUE, 10, 1 << 20),
                System::nanoTime);
        assertEquals(10, byCount.classes);
        assertEquals("class budget of 10 reached", byCount.incomplete);
        AtomicLong clock = new AtomicLong();
        WebappScanner.Findings byTime = WebappScanner.scan(w, new WebappScanner.Budget(5, 1000, 1 << 20),
                () -> clock.getAndAdd(1));
        assertNotNull(byTime.incomplete);
        assertTrue(byTime.incomplete.startsWith("time budget"), byTime.incomplete);
        assertTrue(byTime.classes < 50);
    }
}
