package dev.wsguard.startup;

import java.util.Collections;
import java.util.List;

/** What the webapp scan found, and how much of the webapp it read. */
final class ScanFindings {

    private static final ScanFindings NONE = new ScanFindings(Collections.emptyList(), Collections.emptyList(), 0, 0,
            null);

    private final List<JavaxEndpoint> javaxEndpoints;
    private final List<ApiJar> apiJars;
    private final int classes;
    private final int jars;
    private final String cutShort;

    /**
     * @param cutShort everything that cut the scan short, as one clause for WSG00, or null when nothing did
     */
    ScanFindings(List<JavaxEndpoint> javaxEndpoints, List<ApiJar> apiJars, int classes, int jars, String cutShort) {
        this.javaxEndpoints = List.copyOf(javaxEndpoints);
        this.apiJars = List.copyOf(apiJars);
        this.classes = classes;
        this.jars = jars;
        this.cutShort = cutShort;
    }

    /** Before the scan ran (or where it never runs): nothing found, nothing read. */
    static ScanFindings none() {
        return NONE;
    }

    /** In the order found: WEB-INF/classes first, then the jars by name. */
    List<JavaxEndpoint> javaxEndpoints() {
        return javaxEndpoints;
    }

    List<ApiJar> apiJars() {
        return apiJars;
    }

    /** Class files read whole. */
    int classes() {
        return classes;
    }

    /** Jars opened. */
    int jars() {
        return jars;
    }

    /** Everything that cut the scan short, as one clause for WSG00, or null when nothing did. */
    String cutShort() {
        return cutShort;
    }
}
