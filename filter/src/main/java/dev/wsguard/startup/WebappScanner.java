package dev.wsguard.startup;

import java.io.File;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Walks {@code WEB-INF/classes} and the jars of {@code WEB-INF/lib} once at startup, looking for
 * what the container will silently ignore: {@code javax.websocket} endpoints in a jakarta webapp
 * (WSG11) and WebSocket API jars packaged inside the webapp (WSG12). Bounded in time (checked inside
 * every read, not only between files), in classes, in bytes per class, per jar and in total: on a
 * huge or hostile webapp it stops, and the findings say which bound cut it short and how far it got.
 * Where a jar is a file on disk, only its class entries are read (through the zip's central
 * directory); only a jar that is not a file is streamed, and then its other entries are inflated to
 * be skipped, within the same bounds.
 */
final class WebappScanner {

    /** Where the scanner reads from: a ServletContext in production, a map in tests. */
    interface Resources {
        /** Like {@code ServletContext.getResourcePaths}: direct children, directories ending in '/'. */
        Set<String> list(String directory);

        /** The resource's bytes, or null. */
        InputStream open(String path) throws IOException;

        /**
         * The resource as a file on disk, when there is one (like {@code ServletContext.getRealPath}), so a
         * jar can be read through its central directory; null to stream it.
         */
        default File file(String path) {
            return null;
        }
    }

    /** How much the scan may do. */
    static final class Budget {
        static final long MIB = 1L << 20;

        final long nanos;
        final int maxClasses;
        final int maxClassBytes;
        /** Bytes read from one jar (class entries; in a streamed jar, every entry); past it the jar's rest is skipped. */
        final long maxJarBytes;
        /** Bytes read in all; past it the scan stops. */
        final long maxTotalBytes;

        Budget(long nanos, int maxClasses, int maxClassBytes) {
            this(nanos, maxClasses, maxClassBytes, 128 * MIB, 1024 * MIB);
        }

        Budget(long nanos, int maxClasses, int maxClassBytes, long maxJarBytes, long maxTotalBytes) {
            this.nanos = nanos;
            this.maxClasses = maxClasses;
            this.maxClassBytes = maxClassBytes;
            this.maxJarBytes = maxJarBytes;
            this.maxTotalBytes = maxTotalBytes;
        }

        /**
         * Five seconds, 200,000 classes, 4 MiB per class file, 128 MiB per jar, 1 GiB in all: far beyond any
         * real webapp's startup cost, and short of what a zip bomb would make the scan inflate.
         */
        static Budget standard() {
            return new Budget(5_000_000_000L, 200_000, 4 << 20);
        }
    }

    /** A javax.websocket endpoint found in the webapp. */
    static final class JavaxEndpoint {
        final String className;
        final String path;
        final String location;
        /** A javax ServerApplicationConfig: it deploys programmatic endpoints the scan cannot see one by one. */
        final boolean applicationConfig;

        JavaxEndpoint(String className, String path, String location) {
            this(className, path, location, false);
        }

        JavaxEndpoint(String className, String path, String location, boolean applicationConfig) {
            this.className = className;
            this.path = path;
            this.location = location;
            this.applicationConfig = applicationConfig;
        }
    }

    /** A WebSocket API jar packaged in WEB-INF/lib. */
    static final class ApiJar {
        final String path;
        final String namespace;

        ApiJar(String path, String namespace) {
            this.path = path;
            this.namespace = namespace;
        }
    }

    /** What the scan found and what it cost. */
    static final class Findings {
        /** Jars named one by one when the per-jar cap cut them short; the rest are only counted. */
        private static final int LISTED_JARS = 3;

        final List<JavaxEndpoint> javaxEndpoints = new ArrayList<>();
        final List<ApiJar> apiJars = new ArrayList<>();
        final List<String> truncatedJars = new ArrayList<>();
        int classes;
        int jars;
        int unreadable;
        int truncatedJarCount;
        long bytesRead;
        long nanos;
        /** Which bound stopped the whole scan, where and how far it had got; null if it ran to its end. */
        String incomplete;
        /** The per-jar cap, when it cut a jar short. */
        long jarCap;

        List<JavaxEndpoint> javaxEndpoints() {
            return Collections.unmodifiableList(javaxEndpoints);
        }

        List<ApiJar> apiJars() {
            return Collections.unmodifiableList(apiJars);
        }

        /** Everything that cut the scan short, as one clause for WSG00, or null when nothing did. */
        String cutShort() {
            if (incomplete == null && truncatedJarCount == 0) {
                return null;
            }
            StringBuilder b = new StringBuilder();
            if (incomplete != null) {
                b.append(incomplete);
            }
            if (truncatedJarCount > 0) {
                b.append(b.length() == 0 ? "" : "; ").append("byte cap of ").append(size(jarCap))
                        .append(" per jar reached in ").append(String.join(", ", truncatedJars));
                if (truncatedJarCount > truncatedJars.size()) {
                    b.append(" and ").append(truncatedJarCount - truncatedJars.size()).append(" more");
                }
                b.append(" (the rest of ").append(truncatedJarCount == 1 ? "that jar" : "those jars")
                        .append(" was not scanned)");
            }
            return b.toString();
        }

        void truncated(String jar, long cap) {
            jarCap = cap;
            if (truncatedJars.size() < LISTED_JARS) {
                truncatedJars.add(jar);
            }
            truncatedJarCount++;
        }
    }

    /** A bound reached inside a read: unwinds out of the file or jar being read. */
    private static final class BoundReached extends IOException {
        private static final long serialVersionUID = 1L;

        BoundReached() {
            super("a scan bound was reached");
        }
    }

    static final String CLASSES = "/WEB-INF/classes/";
    static final String LIB = "/WEB-INF/lib/";

    private static final String JAVAX_SERVER_ENDPOINT = "Ljavax/websocket/server/ServerEndpoint;";
    private static final String JAVAX_ENDPOINT = "javax/websocket/Endpoint";
    /** How javax programmatic endpoints get deployed, whatever class they extend on the way to Endpoint. */
    private static final String JAVAX_APPLICATION_CONFIG = "javax/websocket/server/ServerApplicationConfig";
    private static final List<byte[]> MARKERS = Arrays.asList(ClassFileReader.marker(JAVAX_SERVER_ENDPOINT),
            ClassFileReader.marker(JAVAX_ENDPOINT), ClassFileReader.marker(JAVAX_APPLICATION_CONFIG));
    /** Common to both markers: a class without these bytes anywhere cannot be a javax endpoint. */
    private static final byte[] PREFILTER = ClassFileReader.marker("javax/websocket/");
    private static final int MAX_DEPTH = 64;

    private final Resources resources;
    private final Budget budget;
    private final LongSupplier clock;
    private final Findings findings = new Findings();
    private final long start;
    /** One buffer for every class file: a webapp has thousands, and each would otherwise allocate. */
    private byte[] buffer = new byte[16 * 1024];
    private int length;
    /** Where the scan is, for "how far it got". */
    private String current = CLASSES;
    private long jarBytes;
    private boolean inJar;
    private boolean jarCapReached;

    private WebappScanner(Resources resources, Budget budget, LongSupplier clock) {
        this.resources = resources;
        this.budget = budget;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    static Findings scan(Resources resources, Budget budget, LongSupplier clock) {
        WebappScanner s = new WebappScanner(resources, budget, clock);
        s.run();
        s.findings.nanos = clock.getAsLong() - s.start;
        return s.findings;
    }

    private void run() {
        Deque<String[]> dirs = new ArrayDeque<>();
        dirs.add(new String[] {CLASSES, "0"});
        while (!dirs.isEmpty() && !exhausted()) {
            String[] d = dirs.poll();
            int depth = Integer.parseInt(d[1]);
            for (String p : sorted(resources.list(d[0]))) {
                if (exhausted()) {
                    return;
                }
                if (p.endsWith("/")) {
                    if (depth < MAX_DEPTH) {
                        dirs.add(new String[] {p, Integer.toString(depth + 1)});
                    }
                } else if (p.endsWith(".class")) {
                    current = p.substring(1);
                    classFile(p, "WEB-INF/classes");
                }
            }
        }
        for (String p : sorted(resources.list(LIB))) {
            if (exhausted()) {
                return;
            }
            if (p.endsWith(".jar")) {
                current = p.substring(1);
                jar(p);
            }
        }
    }

    private static Set<String> sorted(Set<String> paths) {
        return paths == null ? Collections.emptySet() : new TreeSet<>(paths);
    }

    /** Whether a bound that ends the whole scan is reached; if so, the findings say which, where, and how far. */
    private boolean exhausted() {
        if (findings.incomplete != null) {
            return true;
        }
        String bound = null;
        if (Thread.currentThread().isInterrupted()) {
            findings.incomplete = "interrupted: the filter was destroyed";
            return true;
        } else if (clock.getAsLong() - start > budget.nanos) {
            bound = "time budget of " + (budget.nanos / 1_000_000) + " ms";
        } else if (findings.classes >= budget.maxClasses) {
            bound = "class budget of " + budget.maxClasses;
        } else if (findings.bytesRead >= budget.maxTotalBytes) {
            bound = "byte cap of " + size(budget.maxTotalBytes) + " in total";
        }
        if (bound != null) {
            findings.incomplete = bound + " reached in " + current + " after " + findings.classes + " classes in "
                    + findings.jars + " jars (" + size(findings.bytesRead) + " read)";
        }
        return findings.incomplete != null;
    }

    static String size(long bytes) {
        return bytes >= Budget.MIB ? bytes / Budget.MIB + " MiB" : (bytes + 1023) / 1024 + " KiB";
    }

    /** Counts bytes read, and unwinds the read when a bound is reached: the deadline is checked here too. */
    private void consumed(long n) throws BoundReached {
        findings.bytesRead += n;
        jarBytes += n;
        checkBounds();
        if (inJar && jarBytes > budget.maxJarBytes && !jarCapReached) {
            jarCapReached = true;
            findings.truncated(current, budget.maxJarBytes);
            throw new BoundReached();
        }
    }

    private void classFile(String path, String location) {
        try (InputStream in = resources.open(path)) {
            if (in != null) {
                examine(readBounded(in), location);
            }
        } catch (BoundReached e) {
            // The findings name the bound; the file is neither counted nor unreadable.
        } catch (IOException | RuntimeException e) {
            findings.unreadable++;
        }
    }

    private void jar(String path) {
        jarBytes = 0;
        jarCapReached = false;
        inJar = true;
        try {
            File file = fileOf(path);
            if (file != null) {
                jarFile(file, path.substring(1));
            } else {
                jarStream(path, path.substring(1));
            }
        } finally {
            inJar = false;
        }
    }

    private File fileOf(String path) {
        try {
            File f = resources.file(path);
            return f != null && f.isFile() ? f : null;
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** Reads a jar on disk through its central directory: entries that are not classes are never read. */
    private void jarFile(File file, String location) {
        try (ZipFile zip = new ZipFile(file)) {
            findings.jars++;
            boolean apiSeen = false;
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements() && !exhausted();) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".class")) {
                    continue;
                }
                apiSeen = apiJar(e.getName(), location, apiSeen);
                if (e.getSize() > budget.maxClassBytes) {
                    findings.unreadable++;
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    examine(readBounded(in), location);
                }
            }
        } catch (BoundReached e) {
            // Named in the findings.
        } catch (IOException | RuntimeException e) {
            findings.unreadable++;
        }
    }

    /**
     * Streams a jar that is not a file on disk. Skipping an entry means inflating it, so every entry is read
     * here, counted and timed, rather than skipped unseen inside ZipInputStream.
     */
    private void jarStream(String path, String location) {
        try (InputStream raw = resources.open(path)) {
            if (raw == null) {
                return;
            }
            findings.jars++;
            boolean apiSeen = false;
            ZipInputStream zip = new ZipInputStream(new Timed(raw));
            for (ZipEntry e = zip.getNextEntry(); e != null && !exhausted(); e = zip.getNextEntry()) {
                boolean whole = false;
                if (e.getName().endsWith(".class")) {
                    apiSeen = apiJar(e.getName(), location, apiSeen);
                    whole = readBounded(zip);
                    examine(whole, location);
                }
                if (!whole) {
                    drain(zip);
                }
            }
        } catch (BoundReached e) {
            // Named in the findings.
        } catch (IOException | RuntimeException e) {
            findings.unreadable++;
        }
    }

    /** Reads the rest of a streamed entry, counting it, so the bounds hold while skipping it. */
    private void drain(InputStream in) throws IOException {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            consumed(n);
        }
    }

    /** Records a packaged WebSocket API jar the first time one of its classes shows; returns whether seen. */
    private boolean apiJar(String entry, String location, boolean seen) {
        if (!seen && (entry.startsWith("jakarta/websocket/") || entry.startsWith("javax/websocket/"))) {
            findings.apiJars.add(new ApiJar(location, entry.startsWith("javax/") ? "javax" : "jakarta"));
            return true;
        }
        return seen;
    }

    /** Checks the deadline on every read of a streamed jar, including those ZipInputStream makes on its own. */
    private final class Timed extends FilterInputStream {
        Timed(InputStream in) {
            super(in);
        }

        @Override
        public int read() throws IOException {
            checkBounds();
            return super.read();
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            checkBounds();
            return super.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            checkBounds();
            return super.skip(n);
        }
    }

    private void checkBounds() throws BoundReached {
        if (exhausted()) {
            throw new BoundReached();
        }
    }

    private void examine(boolean read, String location) {
        if (!read) {
            findings.unreadable++;
            return;
        }
        findings.classes++;
        if (!contains(buffer, length, PREFILTER)) {
            return;
        }
        ClassFileReader.ClassInfo info;
        try {
            info = ClassFileReader.read(Arrays.copyOf(buffer, length), MARKERS);
        } catch (IllegalArgumentException e) {
            findings.unreadable++;
            return;
        }
        if (info == null) {
            return;
        }
        Map<String, String> annotation = info.annotations().get(JAVAX_SERVER_ENDPOINT);
        if (annotation != null) {
            findings.javaxEndpoints.add(new JavaxEndpoint(info.className(), annotation.get("value"), location));
        } else if (JAVAX_ENDPOINT.equals(info.superName())) {
            findings.javaxEndpoints.add(new JavaxEndpoint(info.className(), null, location));
        } else if (info.interfaces().contains(JAVAX_APPLICATION_CONFIG)) {
            findings.javaxEndpoints.add(new JavaxEndpoint(info.className(), null, location, true));
        }
    }

    /**
     * Reads the stream into the shared buffer; false if it holds more than a class file may. Each read
     * is counted and checks the bounds, so one slow or endless file cannot hold the scan past its deadline.
     */
    private boolean readBounded(InputStream in) throws IOException {
        length = 0;
        while (true) {
            if (length == buffer.length) {
                if (buffer.length >= budget.maxClassBytes) {
                    return false;
                }
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, budget.maxClassBytes));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return length <= budget.maxClassBytes;
            }
            length += n;
            consumed(n);
            if (length > budget.maxClassBytes) {
                return false;
            }
        }
    }

    /** Whether {@code needle} occurs in {@code bytes[0, length)}. */
    static boolean contains(byte[] bytes, int length, byte[] needle) {
        byte first = needle[0];
        int last = length - needle.length;
        for (int i = 0; i <= last; i++) {
            if (bytes[i] != first) {
                continue;
            }
            int k = 1;
            while (k < needle.length && bytes[i + k] == needle[k]) {
                k++;
            }
            if (k == needle.length) {
                return true;
            }
        }
        return false;
    }
}
