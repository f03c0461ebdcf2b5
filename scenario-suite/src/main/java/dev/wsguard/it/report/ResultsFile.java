package dev.wsguard.it.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.reflect.TypeToken;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;

/**
 * Collects {@link CaseResult}s during a test class and writes them as one JSON file under the module's
 * {@code target/compat/}; the compatibility-report module reads every module's files and writes
 * docs/compatibility.md from them.
 */
public final class ResultsFile {

    /** Where a module writes its files, relative to its build directory. */
    public static final String DIRECTORY = "compat";

    private static final Gson GSON = new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

    private final String name;
    private final List<CaseResult> results = Collections.synchronizedList(new ArrayList<>());

    /** @param name the file's name without extension ({@code jetty-12.0-suite}) */
    public ResultsFile(String name) {
        this.name = name;
    }

    public void add(CaseResult result) {
        results.add(result);
    }

    /** Writes {@code <target>/compat/<name>.json}, the results in a stable order. */
    public void write(Path target) {
        List<CaseResult> sorted = new ArrayList<>(results);
        sorted.sort(Comparator.comparing(CaseResult::section).thenComparing(CaseResult::container)
                .thenComparing(r -> sortKey(r.item())).thenComparing(CaseResult::variant));
        Path file = target.resolve(DIRECTORY).resolve(name + ".json");
        try {
            Files.createDirectories(file.getParent());
            try (Writer out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                GSON.toJson(sorted, out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every result in a directory of result files. */
    public static List<CaseResult> readAll(Path directory) throws IOException {
        List<CaseResult> all = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return all;
        }
        List<Path> files;
        try (var list = Files.list(directory)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                List<CaseResult> some = GSON.fromJson(in, new TypeToken<List<CaseResult>>() { }.getType());
                if (some != null) {
                    all.addAll(some);
                }
            }
        }
        return all;
    }

    /** Keeps S2 before S10 and variants (S8a, S8b) together; other items sort as text. */
    public static String sortKey(String item) {
        if (item != null && item.matches("S\\d+[a-z]*")) {
            String digits = item.replaceAll("\\D", "");
            return String.format("%04d%s", Integer.parseInt(digits), item.replaceAll("^S\\d+", ""));
        }
        return item == null ? "" : item;
    }
}
