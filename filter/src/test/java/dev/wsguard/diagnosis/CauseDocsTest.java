package dev.wsguard.diagnosis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.wsguard.handshake.ProxyFingerprint;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The documents keep up with the enums: every {@link Cause} has its row in docs/troubleshooting.md's causes table (in
 * the enum's order, and no row for a constant that is gone), and every {@link ProxyFingerprint} its section in
 * docs/proxies.md. A constant added, renamed or removed without its documentation fails here.
 */
class CauseDocsTest {

    private static final String TROUBLESHOOTING = "docs/troubleshooting.md";
    private static final String PROXIES = "docs/proxies.md";
    private static final String CAUSES_HEADING = "## The causes";

    /** A row of the causes table: its first cell, a constant's name in backticks. */
    private static final Pattern CAUSE_ROW = Pattern.compile("(?m)^\\| `([A-Z0-9_]+)` \\|");

    @Test
    void everyCauseHasItsRowInTheCausesTableInEnumOrder() throws IOException {
        String table = causesSection(read(TROUBLESHOOTING));
        List<String> rows = new ArrayList<>();
        Matcher m = CAUSE_ROW.matcher(table);
        while (m.find()) {
            rows.add(m.group(1));
        }
        for (Cause c : Cause.values()) {
            assertTrue(table.contains("| `" + c.name() + "` |"),
                    () -> c + " has no row (| `" + c.name() + "` |) in the causes table of " + TROUBLESHOOTING);
        }
        List<String> expected = new ArrayList<>();
        for (Cause c : Cause.values()) {
            expected.add(c.name());
        }
        assertEquals(expected, rows, "the rows of the causes table in " + TROUBLESHOOTING
                + ", one per Cause constant, in the enum's order");
    }

    @Test
    void everyProxyFingerprintIsDescribedInTheProxiesDocument() throws IOException {
        String proxies = read(PROXIES);
        for (ProxyFingerprint p : ProxyFingerprint.values()) {
            // In backticks, so that NGINX is not found inside INGRESS_NGINX.
            assertTrue(proxies.contains("`" + p.name() + "`"), () -> p + " is not named (`" + p.name() + "`) in "
                    + PROXIES);
        }
    }

    /** From the causes heading to the next heading of the same level. */
    private static String causesSection(String document) {
        int start = document.indexOf("\n" + CAUSES_HEADING + "\n");
        if (start < 0) {
            fail(TROUBLESHOOTING + " has no section '" + CAUSES_HEADING + "'");
        }
        int end = document.indexOf("\n## ", start + CAUSES_HEADING.length() + 1);
        return end < 0 ? document.substring(start) : document.substring(start, end);
    }

    /** A document of the repository, found from the working directory upwards (Maven runs tests in the module). */
    private static String read(String document) throws IOException {
        Path start = Path.of("").toAbsolutePath();
        for (Path dir = start; dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(TROUBLESHOOTING);
            if (Files.isRegularFile(candidate)) {
                Path file = dir.resolve(document);
                if (!Files.isRegularFile(file)) {
                    fail(file + " is missing (the repository root is " + dir + ")");
                }
                return Files.readString(file, StandardCharsets.UTF_8);
            }
        }
        return fail("no " + TROUBLESHOOTING + " in " + start + " or any directory above it: run the tests inside the"
                + " repository");
    }
}
