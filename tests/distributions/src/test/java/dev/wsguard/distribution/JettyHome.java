package dev.wsguard.distribution;

import dev.wsguard.testkit.server.ContainerKind;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * One unpacked jetty-home, as users download it: 12.0 (module {@code wsguard}) or 12.1 (modules {@code wsguard-ee10},
 * {@code wsguard-ee11}), with the version its directory is named after.
 */
record JettyHome(Path dir, String version) {

    static JettyHome jetty120() {
        return of(Distribution.jettyHome());
    }

    static JettyHome jetty121() {
        return of(Distribution.jettyHome121());
    }

    private static JettyHome of(Path dir) {
        if (!Files.isRegularFile(dir.resolve("start.jar"))) {
            throw new IllegalStateException("no start.jar in " + dir + ": did dependency:unpack (pre-integration-test) run?");
        }
        String name = dir.getFileName().toString();
        if (!name.startsWith("jetty-home-")) {
            throw new IllegalStateException(dir + " is not named jetty-home-VERSION");
        }
        return new JettyHome(dir, name.substring("jetty-home-".length()));
    }

    Path startJar() {
        return dir.resolve("start.jar");
    }

    /** 12.1 deploys through environments/ (wsguard-ee10, wsguard-ee11); 12.0 through its deploy module (wsguard). */
    boolean is121() {
        return version.startsWith("12.1.");
    }

    /** The embedded build of the same Jetty line, whose answers the scenario catalogue gives. */
    ContainerKind expectations() {
        return is121() ? ContainerKind.JETTY_12_1 : ContainerKind.JETTY_12_0;
    }

    /** As the compatibility document shows it: {@code Jetty 12.1.5}. */
    String label() {
        return "Jetty " + version;
    }
}
