package dev.wsguard.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the JSON that JMH wrote for {@link DeployScanBenchmark} and prints, per variant, the median
 * and mean deployment time and the sample count, then the ratio of the medians (with / without
 * wsguard) and their difference: the figure for the release note.
 */
public final class ScanCostReport {

    private ScanCostReport() {
    }

    public static void main(String[] args) throws IOException {
        Path file = Paths.get(args.length > 0 ? args[0] : "target/jmh-result.json");
        Object root = new Json(Files.readString(file, StandardCharsets.UTF_8)).parse();
        Map<String, double[]> byVariant = new LinkedHashMap<>(); // median, mean, error, samples
        int classes = 0;
        String war = "generated";
        for (Object entry : (List<?>) root) {
            Map<?, ?> run = (Map<?, ?>) entry;
            if (!String.valueOf(run.get("benchmark")).endsWith("DeployScanBenchmark.deploy")) {
                continue;
            }
            Map<?, ?> params = (Map<?, ?>) run.get("params");
            classes = Integer.parseInt(String.valueOf(params.get("classes")));
            if (params.get("war") != null) {
                war = String.valueOf(params.get("war"));
            }
            Map<?, ?> metric = (Map<?, ?>) run.get("primaryMetric");
            Map<?, ?> percentiles = (Map<?, ?>) metric.get("scorePercentiles");
            int samples = 0;
            for (Object fork : (List<?>) metric.get("rawData")) {
                samples += ((List<?>) fork).size();
            }
            byVariant.put(String.valueOf(params.get("variant")), new double[] {
                number(percentiles.get("50.0")), number(metric.get("score")), number(metric.get("scoreError")), samples});
        }
        double[] without = byVariant.get("without-wsguard");
        double[] with = byVariant.get("with-wsguard");
        if (without == null || with == null) {
            throw new IllegalStateException(file + " lacks a variant: " + byVariant.keySet());
        }
        String what = war.equals("library-jars") ? "real library jars (see benchmarks/pom.xml)" : classes + " generated classes";
        System.out.printf(Locale.ROOT, "%nDeploying a WAR with %s on Jetty 12.1 (ee10, annotations, WebSocket on),"
                + " SingleShotTime:%n", what);
        line("without wsguard", without);
        line("with wsguard", with);
        System.out.printf(Locale.ROOT, "  ratio of medians (with / without): %.3f; difference: %+.1f ms%n",
                with[0] / without[0], with[0] - without[0]);
    }

    private static void line(String label, double[] v) {
        System.out.printf(Locale.ROOT, "  %-16s median %8.1f ms   mean %8.1f ± %.1f ms (99.9%%)   %d samples%n",
                label + ":", v[0], v[1], v[2], (int) v[3]);
    }

    private static double number(Object o) {
        if (o instanceof Number n) {
            return n.doubleValue();
        }
        return Double.NaN; // JMH writes "NaN" as a string
    }

    /** Just enough JSON for JMH's result file: objects, arrays, strings, numbers, literals. */
    private static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = s;
        }

        Object parse() {
            Object v = value();
            space();
            if (i != s.length()) {
                throw error("trailing data");
            }
            return v;
        }

        private Object value() {
            space();
            if (i >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(i);
            switch (c) {
                case '{':
                    return object();
                case '[':
                    return array();
                case '"':
                    return string();
                case 't':
                    return literal("true", Boolean.TRUE);
                case 'f':
                    return literal("false", Boolean.FALSE);
                case 'n':
                    return literal("null", null);
                default:
                    return number();
            }
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++;
            space();
            if (peek('}')) {
                i++;
                return map;
            }
            while (true) {
                space();
                String key = string();
                space();
                expect(':');
                map.put(key, value());
                space();
                if (peek(',')) {
                    i++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            i++;
            space();
            if (peek(']')) {
                i++;
                return list;
            }
            while (true) {
                list.add(value());
                space();
                if (peek(',')) {
                    i++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            expect('"');
            StringBuilder b = new StringBuilder();
            while (i < s.length()) {
                char c = s.charAt(i++);
                if (c == '"') {
                    return b.toString();
                }
                if (c == '\\') {
                    char e = s.charAt(i++);
                    switch (e) {
                        case 'n': b.append('\n'); break;
                        case 't': b.append('\t'); break;
                        case 'r': b.append('\r'); break;
                        case 'b': b.append('\b'); break;
                        case 'f': b.append('\f'); break;
                        case 'u': b.append((char) Integer.parseInt(s.substring(i, i + 4), 16)); i += 4; break;
                        default: b.append(e);
                    }
                } else {
                    b.append(c);
                }
            }
            throw error("unterminated string");
        }

        private Object number() {
            int start = i;
            while (i < s.length() && "+-0123456789.eE".indexOf(s.charAt(i)) >= 0) {
                i++;
            }
            if (start == i) {
                throw error("unexpected character '" + s.charAt(i) + "'");
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return value;
        }

        private void space() {
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }

        private boolean peek(char c) {
            return i < s.length() && s.charAt(i) == c;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
            i++;
        }

        private IllegalStateException error(String what) {
            return new IllegalStateException("JMH result JSON, offset " + i + ": " + what);
        }
    }
}
