package dev.wsguard.suite.report;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import com.google.gson.JsonParseException;
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
 * docs/compatibility.md from them. Each file carries the build that wrote it ({@link #BUILD_PROPERTY}), so
 * that results a previous build left in {@code target/} never pass for this one's.
 */
public final class ResultsFile {

    /** Where a module writes its files, relative to its build directory. */
    public static final String DIRECTORY = "compat";

    /**
     * The system property naming the build: every module's Surefire sets it to Maven's
     * {@code maven.build.timestamp}, the start of the reactor session (to the millisecond), the same in every
     * module of one {@code mvn} run and different in the next.
     */
    public static final String BUILD_PROPERTY = "wsguard.build.stamp";

    /** What a file holds: the build that wrote it and its results. */
    private record Stamped(String build, List<CaseResult> results) {
    }

    /**
     * What a directory of result files holds for one build.
     *
     * @param results the results written by that build
     * @param stale the files written by another build (or by an older format), each with the build it names
     */
    public record Loaded(List<CaseResult> results, List<String> stale) {
    }

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
                GSON.toJson(new Stamped(currentBuild(), sorted), out);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** This JVM's build ({@link #BUILD_PROPERTY}), or {@code unstamped} where no build set it (an IDE run). */
    public static String currentBuild() {
        String build = System.getProperty(BUILD_PROPERTY, "").trim();
        return build.isEmpty() || build.startsWith("${") ? "unstamped" : build;
    }

    /** The results in a directory of result files that {@code build} wrote; the others are listed as stale. */
    public static Loaded readAll(Path directory, String build) throws IOException {
        List<CaseResult> all = new ArrayList<>();
        List<String> stale = new ArrayList<>();
        if (!Files.isDirectory(directory)) {
            return new Loaded(all, stale);
        }
        List<Path> files;
        try (var list = Files.list(directory)) {
            files = list.filter(p -> p.toString().endsWith(".json")).sorted().toList();
        }
        for (Path file : files) {
            Stamped stamped;
            try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
                stamped = GSON.fromJson(in, Stamped.class);
            } catch (JsonParseException olderFormat) {
                stamped = null;
            }
            if (stamped == null || !build.equals(stamped.build())) {
                stale.add(file + " (build " + (stamped == null ? "unknown: an older format" : stamped.build()) + ")");
            } else if (stamped.results() != null) {
                all.addAll(stamped.results());
            }
        }
        return new Loaded(all, stale);
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
