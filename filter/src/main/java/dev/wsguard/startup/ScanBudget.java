package dev.wsguard.startup;

/** How much the webapp scan may do: time, classes, and bytes per class, per jar and in total. */
final class ScanBudget {

    static final long MIB = 1L << 20;

    private final long nanos;
    private final int maxClasses;
    private final int maxClassBytes;
    private final long maxJarBytes;
    private final long maxTotalBytes;

    /**
     * @param maxJarBytes   bytes read from one jar (class entries; in a streamed jar, every entry); past it the
     *                      jar's rest is skipped
     * @param maxTotalBytes bytes read in all; past it the scan stops
     */
    ScanBudget(long nanos, int maxClasses, int maxClassBytes, long maxJarBytes, long maxTotalBytes) {
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
    static ScanBudget standard() {
        return new ScanBudget(5_000_000_000L, 200_000, 4 << 20, 128 * MIB, 1024 * MIB);
    }

    long nanos() {
        return nanos;
    }

    int maxClasses() {
        return maxClasses;
    }

    int maxClassBytes() {
        return maxClassBytes;
    }

    long maxJarBytes() {
        return maxJarBytes;
    }

    long maxTotalBytes() {
        return maxTotalBytes;
    }
}
