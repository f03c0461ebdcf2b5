package dev.wsguard.startup;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * Walks {@code WEB-INF/classes} and the jars of {@code WEB-INF/lib} once at startup, looking for
 * what the container will silently ignore: {@code javax.websocket} endpoints in a jakarta webapp
 * (WSG11) and WebSocket API jars packaged inside the webapp (WSG12). Bounded in classes, bytes per
 * class and time: on a huge webapp it stops and says the scan is incomplete, it never holds up a
 * deployment for long.
 */
final class WebappScanner {

    /** Where the scanner reads from: a ServletContext in production, a map in tests. */
    interface Resources {
        /** Like {@code ServletContext.getResourcePaths}: direct children, directories ending in '/'. */
        Set<String> list(String directory);

        /** The resource's bytes, or null. */
        InputStream open(String path) throws IOException;
    }

    /** How much the scan may do. */
    static final class Budget {
        final long nanos;
        final int maxClasses;
        final int maxClassBytes;

        Budget(long nanos, int maxClasses, int maxClassBytes) {
            this.nanos = nanos;
            this.maxClasses = maxClasses;
            this.maxClassBytes = maxClassBytes;
        }

        /** Five seconds, 200,000 classes, 4 MiB per class file: far beyond any real webapp's startup cost. */
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
        final List<JavaxEndpoint> javaxEndpoints = new ArrayList<>();
        final List<ApiJar> apiJars = new ArrayList<>();
        int classes;
        int jars;
        int unreadable;
        long nanos;
        String incomplete;

        List<JavaxEndpoint> javaxEndpoints() {
            return Collections.unmodifiableList(javaxEndpoints);
        }

        List<ApiJar> apiJars() {
            return Collections.unmodifiableList(apiJars);
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
                    classFile(p, "WEB-INF/classes");
                }
            }
        }
        for (String p : sorted(resources.list(LIB))) {
            if (exhausted()) {
                return;
            }
            if (p.endsWith(".jar")) {
                jar(p);
            }
        }
    }

    private static Set<String> sorted(Set<String> paths) {
        return paths == null ? Collections.emptySet() : new TreeSet<>(paths);
    }

    private boolean exhausted() {
        if (findings.incomplete != null) {
            return true;
        }
        if (Thread.currentThread().isInterrupted()) {
            findings.incomplete = "interrupted: the filter was destroyed";
        } else if (clock.getAsLong() - start > budget.nanos) {
            findings.incomplete = "time budget of " + (budget.nanos / 1_000_000) + " ms reached";
        } else if (findings.classes >= budget.maxClasses) {
            findings.incomplete = "class budget of " + budget.maxClasses + " reached";
        }
        return findings.incomplete != null;
    }

    private void classFile(String path, String location) {
        try (InputStream in = resources.open(path)) {
            if (in != null) {
                examine(readBounded(in), location);
            }
        } catch (IOException | RuntimeException e) {
            findings.unreadable++;
        }
    }

    private void jar(String path) {
        String location = path.substring(1);
        boolean apiSeen = false;
        try (InputStream in = resources.open(path)) {
            if (in == null) {
                return;
            }
            findings.jars++;
            ZipInputStream zip = new ZipInputStream(in);
            for (ZipEntry e = zip.getNextEntry(); e != null && !exhausted(); e = zip.getNextEntry()) {
                String name = e.getName();
                if (!name.endsWith(".class")) {
                    continue;
                }
                if (!apiSeen && (name.startsWith("jakarta/websocket/") || name.startsWith("javax/websocket/"))) {
                    apiSeen = true;
                    findings.apiJars.add(new ApiJar(location, name.startsWith("javax/") ? "javax" : "jakarta"));
                }
                examine(readBounded(zip), location);
            }
        } catch (IOException | RuntimeException e) {
            findings.unreadable++;
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

    /** Reads the stream into the shared buffer; false if it holds more than a class file may. */
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
