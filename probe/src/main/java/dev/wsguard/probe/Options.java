package dev.wsguard.probe;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The command line, parsed: one URL and the options probe/README.md lists. */
final class Options {

    static final int DEFAULT_TIMEOUT_SECONDS = 5;
    /** A longer run is no probe; a typo (--timeout 5000) should not hang a script for hours. */
    static final int MAX_TIMEOUT_SECONDS = 300;
    /** Headers a user adds by hand; more is a script gone wrong, and each costs request bytes. */
    static final int MAX_CUSTOM_HEADERS = 32;
    /** A text frame the probe sends fits in one frame with a 16-bit length. */
    static final int MAX_SEND_CHARS = 16_000;

    final String url;
    final String origin;
    final List<String[]> headers;
    final long timeoutMillis;
    final String send;
    final boolean json;
    final boolean insecure;
    final Path caCert;
    final boolean help;
    /** {@code --direct URL2}: the backend's own URL, probed with the same handshake and compared; null without. */
    final String direct;

    private Options(String url, String origin, List<String[]> headers, long timeoutMillis, String send, boolean json,
            boolean insecure, Path caCert, boolean help, String direct) {
        this.url = url;
        this.origin = origin;
        this.headers = List.copyOf(headers);
        this.timeoutMillis = timeoutMillis;
        this.send = send;
        this.json = json;
        this.insecure = insecure;
        this.caCert = caCert;
        this.help = help;
        this.direct = direct;
    }

    static Options parse(String... args) throws UsageException {
        String url = null;
        String origin = null;
        List<String[]> headers = new ArrayList<>();
        long timeout = DEFAULT_TIMEOUT_SECONDS * 1000L;
        String send = null;
        boolean json = false;
        boolean insecure = false;
        Path caCert = null;
        boolean help = false;
        String direct = null;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            String name = arg;
            String inline = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 2) {
                name = arg.substring(0, eq);
                inline = arg.substring(eq + 1);
            }
            switch (name) {
                case "-h":
                case "--help":
                    help = true;
                    break;
                case "--json":
                    json = true;
                    break;
                case "--insecure":
                case "-k":
                    insecure = true;
                    break;
                case "--origin":
                    origin = inline != null ? inline : value(args, ++i, name);
                    checkValue(origin, name);
                    break;
                case "-H":
                case "--header":
                    if (headers.size() >= MAX_CUSTOM_HEADERS) {
                        throw new UsageException("at most " + MAX_CUSTOM_HEADERS + " -H headers");
                    }
                    headers.add(header(inline != null ? inline : value(args, ++i, name)));
                    break;
                case "--timeout":
                    timeout = timeout(inline != null ? inline : value(args, ++i, name));
                    break;
                case "--send":
                    send = inline != null ? inline : value(args, ++i, name);
                    if (send.length() > MAX_SEND_CHARS) {
                        throw new UsageException("--send takes at most " + MAX_SEND_CHARS + " characters");
                    }
                    break;
                case "--direct":
                    if (direct != null) {
                        throw new UsageException("one --direct URL only");
                    }
                    direct = inline != null ? inline : value(args, ++i, name);
                    break;
                case "--cacert":
                    caCert = Path.of(inline != null ? inline : value(args, ++i, name));
                    break;
                default:
                    if (arg.startsWith("-") && arg.length() > 1) {
                        throw new UsageException("unknown option " + arg);
                    }
                    if (url != null) {
                        throw new UsageException("one URL only (got " + url + " and " + arg + ")");
                    }
                    url = arg;
            }
        }
        if (!help && url == null) {
            throw new UsageException("no URL given");
        }
        if (insecure && caCert != null) {
            throw new UsageException("--insecure and --cacert exclude each other");
        }
        return new Options(url, origin, headers, timeout, send, json, insecure, caCert, help, direct);
    }

    private static String value(String[] args, int i, String option) throws UsageException {
        if (i >= args.length) {
            throw new UsageException(option + " needs a value");
        }
        return args[i];
    }

    private static long timeout(String value) throws UsageException {
        double seconds;
        try {
            seconds = Double.parseDouble(value.trim());
        } catch (NumberFormatException e) {
            throw new UsageException("--timeout takes seconds, e.g. 5 or 0.5: " + value);
        }
        if (!(seconds > 0) || seconds > MAX_TIMEOUT_SECONDS) {
            throw new UsageException("--timeout must be more than 0 and at most " + MAX_TIMEOUT_SECONDS + " seconds");
        }
        return Math.max(1, Math.round(seconds * 1000));
    }

    /** {@code Name: value}: a token name (RFC 9110) and a value without line breaks, or no request could carry it. */
    static String[] header(String spec) throws UsageException {
        int colon = spec.indexOf(':');
        if (colon <= 0) {
            throw new UsageException("-H takes 'Name: value': " + spec);
        }
        String name = spec.substring(0, colon).trim();
        String value = spec.substring(colon + 1).trim();
        if (name.isEmpty()) {
            throw new UsageException("-H takes 'Name: value': " + spec);
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c <= 0x20 || c >= 0x7f || "\"(),/:;<=>?@[\\]{}".indexOf(c) >= 0) {
                throw new UsageException("not a header name: " + name);
            }
        }
        checkValue(value, "-H " + name);
        return new String[] {name, value};
    }

    private static void checkValue(String value, String option) throws UsageException {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '\r' || c == '\n' || c == 0 || c > 0xff) {
                throw new UsageException(option + ": the value must be one line of Latin-1 text");
            }
        }
    }
}
