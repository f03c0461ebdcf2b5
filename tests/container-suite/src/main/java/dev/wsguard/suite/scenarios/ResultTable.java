package dev.wsguard.suite.scenarios;

import dev.wsguard.testkit.http.RawResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects one line per test case and writes them as a markdown table, sorted by row, container and
 * mode, so a run's observations can be pasted into a note as they are.
 */
public final class ResultTable {

    /** Headers that tell who answered and how; the rest (Date, Content-Length...) is noise in a table. */
    private static final List<String> HEADERS_OF_NOTE = List.of("WSGuard-Code", "Upgrade", "Connection",
            "Sec-WebSocket-Version", "Content-Type", "Location", "WWW-Authenticate");

    private final List<String> columns;
    private final List<Line> lines = new ArrayList<>();

    private record Line(String sortKey, List<String> cells) {
    }

    public ResultTable(String... columns) {
        this.columns = List.of(columns);
    }

    public synchronized void add(String sortKey, String... cells) {
        if (cells.length != columns.size()) {
            throw new IllegalArgumentException(cells.length + " cells for " + columns.size() + " columns");
        }
        lines.add(new Line(sortKey, List.of(cells)));
    }

    /** Whether a header is one that tells who answered and how. */
    public static boolean isHeaderOfNote(String name) {
        return HEADERS_OF_NOTE.stream().anyMatch(n -> n.equalsIgnoreCase(name));
    }

    /** {@code Name: value} of the headers of note, in response order. */
    public static String headersOfNote(RawResponse response) {
        return response.headers().stream()
                .filter(h -> HEADERS_OF_NOTE.stream().anyMatch(n -> n.equalsIgnoreCase(h.name())))
                .map(Object::toString)
                .collect(Collectors.joining("<br>"));
    }

    /** Sort key that keeps S2 before S10 and variants (S8a, S8b) together. */
    public static String rowSortKey(String rowId) {
        String digits = rowId.replaceAll("\\D", "");
        String rest = rowId.replaceAll("^S\\d+", "");
        return String.format("%04d%-8s", digits.isEmpty() ? 0 : Integer.parseInt(digits), rest);
    }

    public synchronized void write(Path file, String title, String introduction) {
        StringBuilder md = new StringBuilder();
        md.append("# ").append(title).append("\n\n").append(introduction).append("\n\n");
        md.append("| ").append(String.join(" | ", columns)).append(" |\n");
        md.append("|").append(" --- |".repeat(columns.size())).append("\n");
        lines.stream().sorted(Comparator.comparing(Line::sortKey)).forEach(line -> md.append("| ")
                .append(line.cells().stream().map(ResultTable::cell).collect(Collectors.joining(" | ")))
                .append(" |\n"));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, md.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String cell(String text) {
        if (text == null || text.isEmpty()) {
            return "";
        }
        return text.replace("|", "\\|").replace("\r", "").replace("\n", " ");
    }
}
