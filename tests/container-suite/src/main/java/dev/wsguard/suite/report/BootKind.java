package dev.wsguard.suite.report;

import java.util.Arrays;
import java.util.Optional;

/**
 * Every (Spring Boot, embedded container) module of tests/spring-boot whose results docs/compatibility.md shows, with
 * the versions its Boot BOM manages. Here rather than in those modules so that the report knows which results must
 * be there; the Boot tests find their own entry from the versions they loaded ({@link #of}).
 */
public enum BootKind {

    BOOT_3_5_TOMCAT("3.5.7", "Tomcat", "10.1.48", "tests/spring-boot/boot-3.5/tomcat"),
    BOOT_3_5_JETTY("3.5.7", "Jetty", "12.0.29", "tests/spring-boot/boot-3.5/jetty"),
    BOOT_3_5_UNDERTOW("3.5.7", "Undertow", "2.3.20.Final", "tests/spring-boot/boot-3.5/undertow"),
    BOOT_4_0_TOMCAT("4.0.7", "Tomcat", "11.0.22", "tests/spring-boot/boot-4.0/tomcat"),
    BOOT_4_0_JETTY("4.0.7", "Jetty", "12.1.10", "tests/spring-boot/boot-4.0/jetty");

    /** What the compatibility document's Containers table says for every Boot module under "How". */
    public static final String HOW = "Spring Boot starter";

    private final String bootVersion;
    private final String container;
    private final String containerVersion;
    private final String module;

    BootKind(String bootVersion, String container, String containerVersion, String module) {
        this.bootVersion = bootVersion;
        this.container = container;
        this.containerVersion = containerVersion;
        this.module = module;
    }

    /** The entry for a Boot line and a container product ({@code Tomcat}), if the tests have one. */
    public static Optional<BootKind> of(String bootVersion, String container) {
        return Arrays.stream(values())
                .filter(k -> k.bootVersion.equals(bootVersion) && k.container.equals(container)).findFirst();
    }

    /** The entry with this label, if any. */
    public static Optional<BootKind> ofLabel(String label) {
        return Arrays.stream(values()).filter(k -> k.label().equals(label)).findFirst();
    }

    /** {@code boot-3.5-tomcat}: the container field of its results, and its result files' prefix. */
    public String label() {
        return "boot-" + bootVersion.substring(0, bootVersion.lastIndexOf('.')) + "-" + container.toLowerCase(java.util.Locale.ROOT);
    }

    public String bootVersion() {
        return bootVersion;
    }

    /** {@code Tomcat}, {@code Jetty}, {@code Undertow}. */
    public String container() {
        return container;
    }

    /** The container version the Boot BOM manages, which the module must run. */
    public String containerVersion() {
        return containerVersion;
    }

    public String module() {
        return module;
    }

    /** {@code Spring Boot 3.5.7 (Tomcat)}. */
    public String displayName() {
        return "Spring Boot " + bootVersion + " (" + container + ")";
    }

    @Override
    public String toString() {
        return label();
    }
}
