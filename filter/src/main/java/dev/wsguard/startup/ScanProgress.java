package dev.wsguard.startup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * How far the webapp scan got, against its {@link ScanBudget}: classes and jars read, bytes counted, and which
 * bound cut it short, where, and when. The bounds are checked inside every read, not only between files, so one
 * slow or endless file cannot hold the scan past its deadline.
 */
final class ScanProgress {

    /** Jars named one by one when the per-jar cap cut them short; the rest are only counted. */
    private static final int LISTED_JARS = 3;

    private final ScanBudget budget;
    private final LongSupplier clock;
    private final long start;
    private int classes;
    private int jars;
    private long bytesRead;
    /** Where the scan is, for "how far it got". */
    private String where = WebappScanner.CLASSES;
    private boolean inJar;
    private long jarBytes;
    private boolean jarCapReached;
    /** Which bound stopped the whole scan, where and how far it had got; null while it runs on. */
    private String incomplete;
    private final List<String> truncatedJars = new ArrayList<>();
    private int truncatedJarCount;

    ScanProgress(ScanBudget budget, LongSupplier clock) {
        this.budget = budget;
        this.clock = clock;
        this.start = clock.getAsLong();
    }

    /** The file or jar the scan reads now (without its leading '/'). */
    void at(String location) {
        this.where = location;
    }

    void classRead() {
        classes++;
    }

    /** A jar's entries are read from now on, under the per-jar cap. */
    void jarOpened() {
        jars++;
    }

    /** Starts counting a jar's bytes against the per-jar cap. */
    void enterJar() {
        jarBytes = 0;
        jarCapReached = false;
        inJar = true;
    }

    void leaveJar() {
        inJar = false;
    }

    int classes() {
        return classes;
    }

    int jars() {
        return jars;
    }

    /** Whether a bound that ends the whole scan is reached; if so, it is recorded with where and how far. */
    boolean exhausted() {
        if (incomplete != null) {
            return true;
        }
        String bound = null;
        if (Thread.currentThread().isInterrupted()) {
            incomplete = "interrupted: the filter was destroyed";
            return true;
        } else if (clock.getAsLong() - start > budget.nanos()) {
            bound = "time budget of " + (budget.nanos() / 1_000_000) + " ms";
        } else if (classes >= budget.maxClasses()) {
            bound = "class budget of " + budget.maxClasses();
        } else if (bytesRead >= budget.maxTotalBytes()) {
            bound = "byte cap of " + size(budget.maxTotalBytes()) + " in total";
        }
        if (bound != null) {
            incomplete = bound + " reached in " + where + " after " + classes + " classes in " + jars + " jars ("
                    + size(bytesRead) + " read)";
        }
        return incomplete != null;
    }

    /** Unwinds the read in progress when a bound that ends the scan is reached. */
    void checkBounds() throws ScanBoundReached {
        if (exhausted()) {
            throw new ScanBoundReached();
        }
    }

    /** Counts bytes read, and unwinds the read when a bound is reached: the deadline is checked here too. */
    void consumed(long n) throws ScanBoundReached {
        bytesRead += n;
        jarBytes += n;
        checkBounds();
        if (inJar && jarBytes > budget.maxJarBytes() && !jarCapReached) {
            jarCapReached = true;
            if (truncatedJars.size() < LISTED_JARS) {
                truncatedJars.add(where);
            }
            truncatedJarCount++;
            throw new ScanBoundReached();
        }
    }

    /** The stream, checking the bounds on every read, including those a ZipInputStream makes on its own. */
    InputStream watched(InputStream in) {
        return new FilterInputStream(in) {
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
        };
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
            b.append(b.length() == 0 ? "" : "; ").append("byte cap of ").append(size(budget.maxJarBytes()))
                    .append(" per jar reached in ").append(String.join(", ", truncatedJars));
            if (truncatedJarCount > truncatedJars.size()) {
                b.append(" and ").append(truncatedJarCount - truncatedJars.size()).append(" more");
            }
            b.append(" (the rest of ").append(truncatedJarCount == 1 ? "that jar" : "those jars")
                    .append(" was not scanned)");
        }
        return b.toString();
    }

    static String size(long bytes) {
        return bytes >= ScanBudget.MIB ? bytes / ScanBudget.MIB + " MiB" : (bytes + 1023) / 1024 + " KiB";
    }
}
