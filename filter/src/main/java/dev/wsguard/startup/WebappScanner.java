package dev.wsguard.startup;

import dev.wsguard.text.Namespace;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Deque;
import java.util.Enumeration;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.LongSupplier;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipInputStream;

/**
 * Walks {@code WEB-INF/classes} and the jars of {@code WEB-INF/lib} once at startup, looking for
 * what the container will silently ignore: {@code javax.websocket} endpoints in a jakarta webapp
 * (WSG11) and WebSocket API jars packaged inside the webapp (WSG12). Bounded by a {@link ScanBudget}
 * ({@link ScanProgress} says which bound cut it short and how far it got). Where a jar is a file on
 * disk, only its class entries are read (through the zip's central directory); only a jar that is not
 * a file is streamed, and then its other entries are inflated to be skipped, within the same bounds.
 * Files that cannot be read, or are too large for a class file, are skipped: the container cannot load
 * them either.
 */
final class WebappScanner {

    static final String CLASSES = "/WEB-INF/classes/";
    static final String LIB = "/WEB-INF/lib/";

    private static final int MAX_DEPTH = 64;

    /** A directory of WEB-INF/classes waiting to be listed, and how deep it lies. */
    private static final class Directory {
        final String path;
        final int depth;

        Directory(String path, int depth) {
            this.path = path;
            this.depth = depth;
        }
    }

    private final ScanResources resources;
    private final ScanBudget budget;
    private final ScanProgress progress;
    private final List<JavaxEndpoint> javaxEndpoints = new ArrayList<>();
    private final List<ApiJar> apiJars = new ArrayList<>();
    /** One buffer for every class file: a webapp has thousands, and each would otherwise allocate. */
    private byte[] buffer = new byte[16 * 1024];
    private int length;

    private WebappScanner(ScanResources resources, ScanBudget budget, LongSupplier clock) {
        this.resources = resources;
        this.budget = budget;
        this.progress = new ScanProgress(budget, clock);
    }

    static ScanFindings scan(ScanResources resources, ScanBudget budget, LongSupplier clock) {
        WebappScanner s = new WebappScanner(resources, budget, clock);
        s.run();
        return new ScanFindings(s.javaxEndpoints, s.apiJars, s.progress.classes(), s.progress.jars(),
                s.progress.cutShort());
    }

    private void run() {
        Deque<Directory> dirs = new ArrayDeque<>();
        dirs.add(new Directory(CLASSES, 0));
        while (!dirs.isEmpty() && !progress.exhausted()) {
            Directory d = dirs.poll();
            for (String p : sorted(resources.list(d.path))) {
                if (progress.exhausted()) {
                    return;
                }
                if (p.endsWith("/")) {
                    if (d.depth < MAX_DEPTH) {
                        dirs.add(new Directory(p, d.depth + 1));
                    }
                } else if (p.endsWith(".class")) {
                    progress.at(p.substring(1));
                    classFile(p, "WEB-INF/classes");
                }
            }
        }
        for (String p : sorted(resources.list(LIB))) {
            if (progress.exhausted()) {
                return;
            }
            if (p.endsWith(".jar")) {
                progress.at(p.substring(1));
                jar(p);
            }
        }
    }

    private static Set<String> sorted(Set<String> paths) {
        return paths == null ? Collections.emptySet() : new TreeSet<>(paths);
    }

    private void classFile(String path, String location) {
        try (InputStream in = resources.open(path)) {
            if (in != null) {
                examine(readBounded(in), location);
            }
        } catch (IOException | RuntimeException e) {
            // Cut short by a bound (the progress names it), or unreadable: skipped either way.
        }
    }

    private void jar(String path) {
        progress.enterJar();
        try {
            File file = fileOf(path);
            if (file != null) {
                jarFile(file, path.substring(1));
            } else {
                jarStream(path, path.substring(1));
            }
        } finally {
            progress.leaveJar();
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
            progress.jarOpened();
            boolean apiSeen = false;
            for (Enumeration<? extends ZipEntry> entries = zip.entries();
                    entries.hasMoreElements() && !progress.exhausted();) {
                ZipEntry e = entries.nextElement();
                if (e.isDirectory() || !e.getName().endsWith(".class")) {
                    continue;
                }
                apiSeen = apiJar(e.getName(), location, apiSeen);
                if (e.getSize() > budget.maxClassBytes()) {
                    continue;
                }
                try (InputStream in = zip.getInputStream(e)) {
                    examine(readBounded(in), location);
                }
            }
        } catch (IOException | RuntimeException e) {
            // Cut short by a bound (the progress names it), or not a readable jar: the rest of it is skipped.
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
            progress.jarOpened();
            boolean apiSeen = false;
            ZipInputStream zip = new ZipInputStream(progress.watched(raw));
            for (ZipEntry e = zip.getNextEntry(); e != null && !progress.exhausted(); e = zip.getNextEntry()) {
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
        } catch (IOException | RuntimeException e) {
            // Cut short by a bound (the progress names it), or not a readable jar: the rest of it is skipped.
        }
    }

    /** Reads the rest of a streamed entry, counting it, so the bounds hold while skipping it. */
    private void drain(InputStream in) throws IOException {
        for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
            progress.consumed(n);
        }
    }

    /** Records a packaged WebSocket API jar the first time one of its classes shows; returns whether seen. */
    private boolean apiJar(String entry, String location, boolean seen) {
        boolean javax = entry.startsWith(JavaxClasses.PACKAGE);
        if (!seen && (javax || entry.startsWith(Namespace.homePath("websocket/")))) {
            apiJars.add(new ApiJar(location, javax ? Namespace.OTHER : Namespace.HOME));
            return true;
        }
        return seen;
    }

    /** Looks at a class file read whole into the buffer; one too large for a class file is skipped. */
    private void examine(boolean whole, String location) {
        if (!whole) {
            return;
        }
        progress.classRead();
        try {
            JavaxEndpoint endpoint = JavaxClasses.endpointIn(buffer, length, location);
            if (endpoint != null) {
                javaxEndpoints.add(endpoint);
            }
        } catch (IllegalArgumentException notAClassFile) {
            // It mentions javax.websocket but does not parse: the container cannot load it either.
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
                if (buffer.length >= budget.maxClassBytes()) {
                    return false;
                }
                buffer = Arrays.copyOf(buffer, Math.min(buffer.length * 2, budget.maxClassBytes()));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return length <= budget.maxClassBytes();
            }
            length += n;
            progress.consumed(n);
            if (length > budget.maxClassBytes()) {
                return false;
            }
        }
    }
}
