package dev.wsguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import dev.wsguard.suite.report.CaseResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The parts of the document's check that do not need a whole run: the JDK line, skipped cases. */
class CompatibilityDocumentTest {

    private static CaseResult ran(String item) {
        return new CaseResult("CLIENT", "jetty-12.1", item, "JDK / without wsguard", "connected", List.of(), List.of(),
                true, "", Map.of("client", "java.net.http WebSocket (the JDK's own)", "path", "/app/echo", "scenario", item));
    }

    @Test
    void anotherJdkRendersTheSameComparedText() {
        String on17 = new CompatibilityDocument(List.of(ran("RIGHT_URL")), "17.0.16+8 (Debian)").render();
        String on21 = new CompatibilityDocument(List.of(ran("RIGHT_URL")), "21.0.4+7 (Eclipse Adoptium)").render();
        assertNotEquals(on17, on21, "the JDK is shown");
        assertEquals(CompatibilityDocument.withoutRunEnvironment(on17), CompatibilityDocument.withoutRunEnvironment(on21));
    }

    @Test
    void skippedCasesAreNamedWithTheirReason() {
        CompatibilityDocument doc = new CompatibilityDocument(List.of(ran("RIGHT_URL"),
                CaseResult.skipped("CLIENT", "tomcat-11", "NGINX_NAIVE", "JDK / wsguard enforce", "nginx is not installed"
                        + " (Debian: apt-get install nginx-light; or set WSGUARD_NGINX)", Map.of())), "17");
        assertEquals("1 case because nginx is not installed (Debian: apt-get install nginx-light; or set WSGUARD_NGINX)"
                + " (tomcat-11 NGINX_NAIVE JDK / wsguard enforce)", doc.skipped());
        assertEquals("", new CompatibilityDocument(List.of(ran("RIGHT_URL")), "17").skipped());
    }
}
