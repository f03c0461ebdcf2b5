package dev.wsguard.startup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    /** A webapp made of resource paths, some of them backed by files on disk. */
    private static final class Webapp implements ScanResources {
        final Map<String, byte[]> files = new LinkedHashMap<>();
        final Map<String, File> onDisk = new LinkedHashMap<>();
        final Map<String, Supplier<InputStream>> streams = new LinkedHashMap<>();
        boolean realPaths;

        Webapp put(String path, byte[] bytes) {
            files.put(path, bytes);
            return this;
        }

        /** A resource on disk; {@link #file} reveals it only when realPaths is on, as getRealPath would. */
        Webapp put(String path, File file) {
            files.put(path, null);
            onDisk.put(path, file);
            return this;
        }

        Webapp put(String path, Supplier<InputStream> stream) {
            files.put(path, null);
            streams.put(path, stream);
            return this;
        }

        @Override
        public File file(String path) {
            return realPaths ? onDisk.get(path) : null;
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
        public InputStream open(String path) throws IOException {
            if (onDisk.containsKey(path)) {
                return Files.newInputStream(onDisk.get(path).toPath());
            }
            if (streams.containsKey(path)) {
                return streams.get(path).get();
            }
            byte[] b = files.get(path);
            return b == null ? null : new ByteArrayInputStream(b);
        }
    }

    /** A budget with the standard per-jar and total byte caps. */
    private static ScanBudget budget(long nanos, int maxClasses, int maxClassBytes) {
        return new ScanBudget(nanos, maxClasses, maxClassBytes, 128 * MIB, 1024 * MIB);
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
        ScanFindings f = WebappScanner.scan(w, ScanBudget.standard(), System::nanoTime);
        assertEquals(2, f.javaxEndpoints().size());
        assertEquals("app.Legacy", f.javaxEndpoints().get(0).className());
        assertEquals("/legacy", f.javaxEndpoints().get(0).path());
        assertEquals("WEB-INF/classes", f.javaxEndpoints().get(0).location());
        assertEquals("lib.Old", f.javaxEndpoints().get(1).className());
        assertNull(f.javaxEndpoints().get(1).path());
        assertEquals("WEB-INF/lib/old.jar", f.javaxEndpoints().get(1).location());
        assertEquals(2, f.apiJars().size());
        assertEquals("jakarta", f.apiJars().get(0).namespace());
        assertEquals("WEB-INF/lib/jakarta.websocket-api-2.1.1.jar", f.apiJars().get(0).path());
        assertEquals("javax", f.apiJars().get(1).namespace());
        assertEquals(5, f.classes());
        assertEquals(3, f.jars());
        assertNull(f.cutShort());
    }

    @Test
    void aJavaxServerApplicationConfigIsFoundThoughItsEndpointsAreProgrammatic() {
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Config.class", CLASSES.get("app.Config"));
        ScanFindings f = WebappScanner.scan(w, ScanBudget.standard(), System::nanoTime);
        assertEquals(1, f.javaxEndpoints().size());
        assertEquals("app.Config", f.javaxEndpoints().get(0).className());
        assertTrue(f.javaxEndpoints().get(0).isApplicationConfig());
    }

    @Test
    void brokenFilesAreSkippedNotFatal() throws IOException {
        byte[] markedGarbage = "garbage mentioning javax/websocket/server/ServerEndpoint".getBytes();
        byte[] legacy = CLASSES.get("app.Legacy");
        Webapp w = new Webapp()
                .put("/WEB-INF/classes/bad.class", new byte[] {0, 1, 2})
                .put("/WEB-INF/classes/marked.class", markedGarbage)
                .put("/WEB-INF/classes/truncated.class", java.util.Arrays.copyOf(legacy, justAfter(legacy,
                        "javax/websocket/server/ServerEndpoint")))
                .put("/WEB-INF/lib/bad.jar", new byte[] {'P', 'K', 9, 9, 9});
        ScanFindings f = WebappScanner.scan(w, ScanBudget.standard(), System::nanoTime);
        assertEquals(3, f.classes(), "every class file was read, the two that mention javax.websocket but do not"
                + " parse too");
        assertEquals(1, f.jars());
        assertNull(f.cutShort(), "skipped, the broken files cut nothing short");
        assertTrue(f.javaxEndpoints().isEmpty());
    }

    /** A cut just past the first occurrence of the text: the marker survives, the class file does not. */
    private static int justAfter(byte[] bytes, String text) {
        String latin = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
        return latin.indexOf(text) + text.length() + 1;
    }

    @Test
    void anInterruptedScanStopsAndSaysSo() {
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Legacy.class", CLASSES.get("app.Legacy"));
        Thread.currentThread().interrupt();
        try {
            ScanFindings f = WebappScanner.scan(w, ScanBudget.standard(), System::nanoTime);
            assertEquals("interrupted: the filter was destroyed", f.cutShort());
            assertEquals(0, f.classes());
        } finally {
            Thread.interrupted();
        }
    }

    @Test
    void oversizedClassFilesAreSkipped() {
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Legacy.class", CLASSES.get("app.Legacy"));
        ScanFindings f = WebappScanner.scan(w, budget(Long.MAX_VALUE, 10, 16),
                System::nanoTime);
        assertTrue(f.javaxEndpoints().isEmpty());
        assertEquals(0, f.classes(), "too large for a class file: skipped, not read");
    }

    @Test
    void theBudgetsStopTheScanAndSaySo() {
        Webapp w = new Webapp();
        for (int i = 0; i < 50; i++) {
            w.put("/WEB-INF/classes/p/C" + i + ".class", CLASSES.get("app.Plain"));
        }
        ScanFindings byCount = WebappScanner.scan(w, budget(Long.MAX_VALUE, 10, 1 << 20),
                System::nanoTime);
        assertEquals(10, byCount.classes());
        assertTrue(byCount.cutShort().startsWith("class budget of 10 reached in WEB-INF/classes/p/C"),
                byCount.cutShort());
        assertTrue(byCount.cutShort().endsWith(" after 10 classes in 0 jars ("
                + ScanProgress.size(10L * CLASSES.get("app.Plain").length) + " read)"), byCount.cutShort());
        AtomicLong clock = new AtomicLong();
        ScanFindings byTime = WebappScanner.scan(w, budget(5, 1000, 1 << 20),
                () -> clock.getAndAdd(1));
        assertNotNull(byTime.cutShort());
        assertTrue(byTime.cutShort().startsWith("time budget"), byTime.cutShort());
        assertTrue(byTime.classes() < 50);
    }

    private static final long MIB = 1L << 20;

    /**
     * A jar whose first entry is 64 MiB of zeros (a few hundred KiB deflated, the shape of a zip bomb), followed
     * by a javax endpoint, written to disk once for every test that needs it.
     */
    @TempDir
    static Path tmp;

    private static File zerosJar() throws IOException {
        File f = tmp.resolve("zeros.jar").toFile();
        if (!f.isFile()) {
            try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(f.toPath()))) {
                zip.putNextEntry(new ZipEntry("data/zeros.bin"));
                byte[] zeros = new byte[(int) MIB];
                for (int i = 0; i < 64; i++) {
                    zip.write(zeros);
                }
                zip.closeEntry();
                zip.putNextEntry(new ZipEntry("lib/Old.class"));
                zip.write(CLASSES.get("lib.Old"));
                zip.closeEntry();
            }
        }
        return f;
    }

    @Test
    void aJarOnDiskIsReadThroughItsCentralDirectoryWithoutInflatingOtherEntries() throws IOException {
        Webapp w = new Webapp().put("/WEB-INF/lib/zeros.jar", zerosJar());
        w.realPaths = true;
        // A total byte cap of 64 KiB: had the scan read the 64 MiB entry, the cap would cut it short.
        ScanFindings f = WebappScanner.scan(w, new ScanBudget(5_000_000_000L, 1000, 1 << 20, 128 * MIB, 64 * 1024),
                System::nanoTime);
        assertNull(f.cutShort(), "only the class entry was read, not the 64 MiB");
        assertEquals(1, f.javaxEndpoints().size(), "the class after the big entry is still found");
        assertEquals(1, f.classes());
    }

    @Test
    void aStreamedJarStopsAtThePerJarCapAndSaysWhere() throws IOException {
        Webapp w = new Webapp().put("/WEB-INF/lib/zeros.jar", zerosJar())
                .put("/WEB-INF/lib/z-after.jar", jar(Map.of("lib/Old.class", CLASSES.get("lib.Old"))));
        long budget = 5_000_000_000L;
        long started = System.nanoTime();
        // A total byte cap just past the per-jar one: had the scan inflated on past the jar's cap, it would cut
        // the whole scan short.
        ScanFindings f = WebappScanner.scan(w, new ScanBudget(budget, 1000, 1 << 20, 8 * MIB,
                8 * MIB + 64 * 1024), System::nanoTime);
        assertTrue(System.nanoTime() - started < budget, "within its time budget");
        assertEquals("byte cap of 8 MiB per jar reached in WEB-INF/lib/zeros.jar (the rest of that jar was not"
                + " scanned)", f.cutShort(), "the per-jar cap skips the rest of that jar only, and stops inflating");
        assertEquals(1, f.javaxEndpoints().size(), "the next jar is still scanned");
        assertEquals("WEB-INF/lib/z-after.jar", f.javaxEndpoints().get(0).location());
    }

    @Test
    void aScanCutShortNamesEveryBoundThatCutIt() throws IOException {
        // The per-jar cap cuts the first jar short; the time runs out as the second one is opened.
        java.util.concurrent.atomic.AtomicBoolean late = new java.util.concurrent.atomic.AtomicBoolean();
        byte[] after = jar(Map.of("lib/Old.class", CLASSES.get("lib.Old")));
        Webapp w = new Webapp().put("/WEB-INF/lib/zeros.jar", zerosJar())
                .put("/WEB-INF/lib/zz-after.jar", () -> {
                    late.set(true);
                    return new ByteArrayInputStream(after);
                });
        ScanFindings f = WebappScanner.scan(w, new ScanBudget(5_000_000_000L, 1000, 1 << 20, 8 * MIB, 1024 * MIB),
                () -> late.get() ? 6_000_000_000L : 0L);
        assertEquals("time budget of 5000 ms reached in WEB-INF/lib/zz-after.jar after 0 classes in 2 jars (8 MiB"
                + " read); byte cap of 8 MiB per jar reached in WEB-INF/lib/zeros.jar (the rest of that jar was not"
                + " scanned)", f.cutShort());
    }

    @Test
    void theDeadlineIsCheckedWhileAStreamedEntryIsInflated() throws IOException {
        Webapp w = new Webapp().put("/WEB-INF/lib/zeros.jar", zerosJar());
        AtomicLong clock = new AtomicLong();
        // Every look at the clock costs a millisecond: a scan that looked only between entries would inflate all
        // 64 MiB before noticing its 50 ms were gone.
        // A total byte cap of 4 MiB: had the scan inflated that much before looking at the clock, the cap would
        // have stopped it first.
        ScanFindings f = WebappScanner.scan(w, new ScanBudget(50_000_000L, 1000, 1 << 20, 128 * MIB, 4 * MIB),
                () -> clock.getAndAdd(1_000_000L));
        assertTrue(f.cutShort().startsWith("time budget of 50 ms reached in WEB-INF/lib/zeros.jar after 0 classes"
                + " in 1 jars ("), "stopped early inside the entry: " + f.cutShort());
    }

    @Test
    void theDeadlineIsCheckedInsideTheReadOfOneSlowClassFile() {
        AtomicInteger reads = new AtomicInteger();
        AtomicLong clock = new AtomicLong();
        Webapp w = new Webapp().put("/WEB-INF/classes/app/Slow.class", () -> new InputStream() {
            @Override
            public int read() {
                return 'x';
            }

            @Override
            public int read(byte[] b, int off, int len) {
                reads.incrementAndGet();
                int n = Math.min(len, 512);
                java.util.Arrays.fill(b, off, off + n, (byte) 'x');
                return n;
            }
        });
        ScanFindings f = WebappScanner.scan(w, budget(100_000_000L, 1000, 4 << 20),
                () -> clock.getAndAdd(1_000_000L));
        assertTrue(f.cutShort().startsWith("time budget of 100 ms reached in WEB-INF/classes/app/Slow.class"),
                f.cutShort());
        assertTrue(reads.get() < 200, "stopped after about 100 reads, not at the 4 MiB class cap: " + reads.get());
        assertEquals(0, f.classes(), "a file cut short by the deadline is not counted as read");
    }

    @Test
    void theTotalByteCapStopsTheWholeScan() throws IOException {
        Webapp w = new Webapp();
        for (int i = 0; i < 20; i++) {
            w.put("/WEB-INF/lib/j" + (char) ('a' + i) + ".jar", jar(Map.of("p/C.class", CLASSES.get("app.Plain"))));
        }
        int size = CLASSES.get("app.Plain").length;
        ScanFindings f = WebappScanner.scan(w, new ScanBudget(Long.MAX_VALUE, 1000, 1 << 20,
                MIB, 5L * size), System::nanoTime);
        assertTrue(f.cutShort().startsWith("byte cap of 1 KiB in total reached in WEB-INF/lib/j"), f.cutShort());
        assertTrue(f.classes() < 20 && f.classes() >= 4, "stopped after about five classes: " + f.classes());
    }
}
