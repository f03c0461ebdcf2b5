package dev.wsguard.compat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.wsguard.suite.report.CaseResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The parts of the document's check that do not need a whole run: the JDK line, skipped cases, distributions, javax
 * containers.
 */
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

    private static CaseResult onDistribution(String distribution, String item, String setup, String outcome, boolean passed) {
        return new CaseResult("DISTRIBUTION", distribution, item, setup + ", log", outcome, List.of("WSG01"), List.of(),
                passed, "", Map.of("setup", setup, "mode", "log"));
    }

    @Test
    void distributionsAreSummarizedThenListedCaseByCaseInCatalogueOrder() {
        String doc = new CompatibilityDocument(List.of(
                onDistribution("Tomcat 11.0.24", "S10 /sample/x", "tomcat-11", "200", true),
                onDistribution("Tomcat 11.0.24", "S2 /sample/echo2", "tomcat-11", "200", true),
                onDistribution("Jetty 12.0.30", "S2 /sample/echo2", "a-web-xml-only", "201", false)), "17").render();
        int start = doc.indexOf("## Real server distributions");
        String section = doc.substring(start, doc.indexOf("\n## ", start));
        assertTrue(section.contains("| Jetty 12.0.30 | a-web-xml-only | 0 of 1 |\n| Tomcat 11.0.24 | tomcat-11 | 2 of 2 |"),
                section);
        assertTrue(section.contains("| S2 /sample/echo2 | tomcat-11, log | 200 | WSG01 |\n| S10 /sample/x |"), section);
        assertTrue(section.contains("| 201 ✗ |"), () -> "a failed case is marked: " + section);
    }

    private static CaseResult onJavax(String container, String item, String variant, String outcome, List<String> codes,
                                      boolean passed, String note) {
        return new CaseResult("JAVAX", container, item, variant, outcome, codes, List.of(), passed, note,
                Map.of("title", "title of " + item, "held to", "Tomcat 10.1.48"));
    }

    @Test
    void javaxContainersAreSummarizedThenListedRowByRowWithBothModes() {
        List<CaseResult> results = List.of(
                onJavax("Tomcat 9.0.124", "S10b", "log", "400", List.of("WSG00", "WSG04"), true, "Tomcat 9 answers 400"),
                onJavax("Tomcat 9.0.124", "S10b", "enforce", "400", List.of("WSG04"), true, "Tomcat 9 answers 400"),
                onJavax("Tomcat 9.0.124", "S2", "log", "200", List.of("WSG01"), true, ""),
                onJavax("Tomcat 9.0.124", "S2", "enforce", "426 WSGuard-Code: WSG01", List.of("WSG01"), false, ""),
                onJavax("Tomcat 9.0.124", "S17", "not run", "not run", List.of(), true, "no javax form"),
                onJavax("Tomcat 9.0.124", "valid upgrade to /app/echo", "log", "HTTP/1.1 101, echo of 13 chars and"
                        + " 300 chars, close answered", List.of(), true, ""));
        CompatibilityDocument document = new CompatibilityDocument(results, "17");
        String doc = document.render();
        int start = doc.indexOf("## javax containers (wsguard-filter-javax)");
        assertTrue(start > 0, doc);
        String section = doc.substring(start, doc.indexOf("\n## ", start));
        // S17 is not a case that ran: 4 row cases and 1 valid upgrade, of which the enforce S2 failed.
        assertTrue(section.contains("| Tomcat 9.0.124 | Tomcat 10.1.48 | 4 of 5 |"), section);
        // Catalogue order (S2 before S10b), both modes in one row, WSG00 left out, wsguard's own answer in bold.
        assertTrue(section.contains("| S2 | title of S2 | 200 WSG01 | **426** ✗ WSG01 |\n"
                + "| S10b¹ | title of S10b | 400 WSG04 | 400 WSG04 |\n"), section);
        assertTrue(section.contains("¹ **S10b**: Tomcat 9 answers 400."), section);
        assertTrue(section.contains("Not run: **S17** (title of S17): no javax form."), section);
        assertTrue(section.contains("log 101, echo ✓") && section.contains("enforce ?"), section);
        List<String> missing = document.missing();
        assertTrue(missing.stream().noneMatch(m -> m.contains("Tomcat9CatalogueTest")), missing::toString);
        assertTrue(missing.stream().anyMatch(m -> m.contains("Jetty 12.0 ee8 (tests/javax, JettyEe8CatalogueTest)")),
                () -> "no Jetty 12.0 ee8 results, so they are reported missing: " + missing);
        assertTrue(missing.stream().anyMatch(m -> m.contains("Jetty 12.1 ee8 (tests/javax-jetty-12.1")),
                () -> "no Jetty 12.1 ee8 results, so they are reported missing: " + missing);
    }
}
