package dev.wsguard.distribution;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the build put things (failsafe system properties set in the pom). A missing one fails the
 * test with the reason: these tests never skip.
 */
final class Distribution {

    private Distribution() {
    }

    /** The unpacked jetty-home, as a user downloads it. */
    static Path jettyHome() {
        Path home = existing("wsguard.dist.jetty-home");
        if (!Files.isRegularFile(home.resolve("start.jar"))) {
            throw new IllegalStateException("no start.jar in " + home + ": did dependency:unpack (pre-integration-test) run?");
        }
        return home;
    }

    /** The version of {@link #jettyHome()}: its directory is named jetty-home-VERSION. */
    static String jettyHomeVersion() {
        return jettyHome().getFileName().toString().substring("jetty-home-".length());
    }

    // Jetty 12.1 (and wsguard-jetty, the request log its distribution module installs): see JettyHome.

    /** The unpacked jetty-home 12.1, beside {@link #jettyHome()} (12.0). */
    static Path jettyHome121() {
        return existing("wsguard.dist.jetty-home-12.1");
    }

    /** wsguard-jetty's jar (jetty-hook/): the request log that module wsguard-request-log installs. */
    static Path jettyHookJar() {
        return existing("wsguard.dist.jetty-hook-jar");
    }

    /** The committed jetty-config/ that users copy. */
    static Path jettyConfig() {
        return existing("wsguard.dist.jetty-config");
    }

    static Path filterJar() {
        return existing("wsguard.dist.filter-jar");
    }

    /** The sample WAR as built: it declares wsguard itself (jar, filter, wsguard.mode=log context-param). */
    static Path sampleWar() {
        return existing("wsguard.dist.sample-war");
    }

    /** The sample-webapp build's attached WAR with classifier no-wsguard: the same app, no wsguard anywhere. */
    static Path noWsguardWar() {
        return existing("wsguard.dist.no-wsguard-war");
    }

    /** Scratch space under target/: one directory per set-up, kept after the run for reading. */
    static Path work() {
        String value = required("wsguard.dist.work");
        return Path.of(value);
    }

    // Tomcat

    /**
     * The unpacked Tomcat distribution of this line ("11", "10.1"), as a user downloads it: CATALINA_HOME.
     */
    static Path tomcatHome(String line) {
        Path home = existing("wsguard.dist.tomcat-" + line + "-home");
        if (!Files.isRegularFile(home.resolve("bin").resolve("catalina.sh"))) {
            throw new IllegalStateException("no bin/catalina.sh in " + home + ": did dependency:unpack (pre-integration-test) run?");
        }
        return home;
    }

    /** The version of {@link #tomcatHome}: its directory is named apache-tomcat-VERSION. */
    static String tomcatVersion(String line) {
        return tomcatHome(line).getFileName().toString().substring("apache-tomcat-".length());
    }

    /** The committed tomcat-config/ (its README and the conf/web.xml snippet users paste). */
    static Path tomcatConfig() {
        return existing("wsguard.dist.tomcat-config");
    }

    /** The java that runs these tests runs the server too. */
    static Path java() {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        if (!Files.isExecutable(java)) {
            throw new IllegalStateException("no java executable at " + java);
        }
        return java;
    }

    // ---- Payara Server ------------------------------------------------------------------------------

    /** The unpacked Payara Server (payara6/, holding bin/asadmin and glassfish/domains/domain1), as a user downloads it. */
    static Path payaraHome() {
        Path home = existing("wsguard.dist.payara-home");
        if (!Files.isRegularFile(home.resolve("bin/asadmin"))) {
            throw new IllegalStateException("no bin/asadmin in " + home + ": did dependency:unpack (pre-integration-test) run?");
        }
        return home;
    }

    // ---- WildFly ----

    /** The unpacked WildFly distribution (wildfly-dist from Maven Central), as a user downloads it. */
    static Path wildflyHome() {
        Path home = existing("wsguard.dist.wildfly-home");
        if (!Files.isRegularFile(home.resolve("bin/standalone.sh")) || !Files.isRegularFile(home.resolve("jboss-modules.jar"))) {
            throw new IllegalStateException("no bin/standalone.sh in " + home + ": did dependency:unpack (pre-integration-test) run?");
        }
        return home;
    }

    /** The version of {@link #payaraHome()}, as the pom names the zip. */
    static String payaraVersion() {
        return required("wsguard.dist.payara-version");
    }

    /** The version of {@link #wildflyHome()}: its directory is named wildfly-VERSION. */
    static String wildflyVersion() {
        return wildflyHome().getFileName().toString().substring("wildfly-".length());
    }

    /** docs/wildfly.md: the WildFly set-ups install the module.xml and ee configuration it shows. */
    static Path wildflyDoc() {
        return existing("wsguard.dist.wildfly-doc");
    }

    private static Path existing(String property) {
        Path path = Path.of(required(property));
        if (!Files.exists(path)) {
            throw new IllegalStateException(property + " names " + path + ", which does not exist");
        }
        return path;
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank() || value.startsWith("${")) {
            throw new IllegalStateException("system property " + property + " is not set; run these tests with"
                    + " 'mvn verify' (failsafe sets it), see tests/distributions/pom.xml");
        }
        return value;
    }
}
