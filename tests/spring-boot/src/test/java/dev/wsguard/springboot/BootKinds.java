package dev.wsguard.springboot;

import dev.wsguard.suite.report.BootKind;
import org.springframework.boot.SpringBootVersion;

/** Which Boot module a running application is: its Boot version and the container its servlet context names. */
final class BootKinds {

    private BootKinds() {
    }

    /** The module's entry, from the Boot version loaded and the container product ({@link #containerProduct}). */
    static BootKind of(BootApp app) {
        String product = containerProduct(app);
        return BootKind.of(SpringBootVersion.getVersion(), product).orElseThrow(() -> new AssertionError(
                "no BootKind for Spring Boot " + SpringBootVersion.getVersion() + " with " + product));
    }

    /** {@code Tomcat}, {@code Jetty} or {@code Undertow}, from the server info ({@code Apache Tomcat/10.1.48}...). */
    static String containerProduct(BootApp app) {
        String info = app.servletContext().getServerInfo();
        String first = info.split("[/ -]+", 2)[0];
        String product = first.equals("Apache") ? "Tomcat" : first;
        return product.isEmpty() ? product : Character.toUpperCase(product.charAt(0)) + product.substring(1).toLowerCase();
    }

    /** The container version the server info names ({@code 10.1.48}, {@code 12.0.29}, {@code 2.3.20.Final}). */
    static String containerVersion(BootApp app) {
        return app.servletContext().getServerInfo().replaceFirst("^.*?(\\d+\\.\\d+\\.\\d+\\S*)$", "$1");
    }
}
