package dev.wsguard.benchmarks.load;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs Debian's {@code wrk} on one core against one URL and reads its summary. One thread and a fixed
 * number of keep-alive connections: enough to keep a one-core server busy.
 */
final class Wrk {

    /** {@code 123456 requests in 3.00s, 12.34MB read}. */
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in ([\\d.]+)(us|ms|s|m)");
    /** {@code     99%    1.23ms} in the {@code --latency} distribution. */
    private static final Pattern P99 = Pattern.compile("^\\s+99%\\s+([\\d.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern FAILURES = Pattern.compile("(Non-2xx or 3xx responses|Socket errors):.*");

    private final int core;
    private final int connections;

    Wrk(int core, int connections) {
        this.core = core;
        this.connections = connections;
    }

    /** What one run measured. */
    record Run(long requests, double seconds, double p99Millis) {
        double perSecond() {
            return requests / seconds;
        }
    }

    /** Runs wrk for {@code seconds} against {@code url}; fails if any request failed or was not 2xx/3xx. */
    Run run(String url, int seconds) throws IOException, InterruptedException {
        List<String> command = List.of("taskset", "-c", Integer.toString(core), "wrk", "-t1",
                "-c" + connections, "-d" + seconds + "s", "--latency", url);
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String out;
        try (InputStream in = process.getInputStream()) {
            out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        if (!process.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("wrk did not end: " + out);
        }
        if (process.exitValue() != 0) {
            throw new IllegalStateException("wrk failed (exit " + process.exitValue() + "): " + out);
        }
        Matcher failures = FAILURES.matcher(out);
        if (failures.find()) {
            throw new IllegalStateException("wrk saw failed requests against " + url + ": " + failures.group());
        }
        Matcher requests = REQUESTS.matcher(out);
        Matcher p99 = P99.matcher(out);
        if (!requests.find() || !p99.find()) {
            throw new IllegalStateException("unexpected wrk output: " + out);
        }
        double runSeconds = millis(Double.parseDouble(requests.group(2)), requests.group(3)) / 1000.0;
        return new Run(Long.parseLong(requests.group(1)), runSeconds,
                millis(Double.parseDouble(p99.group(1)), p99.group(2)));
    }

    private static double millis(double value, String unit) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "us":
                return value / 1000.0;
            case "ms":
                return value;
            case "s":
                return value * 1000.0;
            case "m":
                return value * 60_000.0;
            default:
                throw new IllegalArgumentException("unit " + unit);
        }
    }

    /** {@code wrk}'s version line, for the report; "wrk" when it prints none. */
    static String version() {
        try {
            Process process = new ProcessBuilder("wrk", "-v").redirectErrorStream(true).start();
            String out;
            try (InputStream in = process.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            process.waitFor(10, TimeUnit.SECONDS);
            Matcher m = Pattern.compile("wrk (\\S+)").matcher(out);
            return m.find() ? "wrk " + m.group(1) : "wrk";
        } catch (IOException e) {
            throw new IllegalStateException("wrk is not installed (apt-get install wrk)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "wrk";
        }
    }
}
