package dev.wsguard.startup;

import java.io.IOException;

/** A scan bound reached inside a read: unwinds out of the file or jar being read. */
final class ScanBoundReached extends IOException {

    private static final long serialVersionUID = 1L;

    ScanBoundReached() {
        super("a scan bound was reached");
    }
}
