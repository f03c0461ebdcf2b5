package dev.wsguard.probe;

import java.io.PrintStream;
import java.util.Map;

/** The command: arguments in, a report and an exit code out, with the streams and environment injected for tests. */
final class Cli {

    private Cli() {
    }

    /**
     * Runs the probe as {@code java -jar} would and returns the exit code.
     *
     * @param console whether stdout is a terminal ({@code System.console() != null}); colour needs it
     */
    static int run(String[] args, PrintStream out, PrintStream err, Map<String, String> env, boolean console) {
        Options options;
        Target target;
        Target direct = null;
        Connector connector;
        try {
            options = Options.parse(args);
            if (options.help) {
                out.println(ProbeText.of("help"));
                return 0;
            }
            target = Target.parse(options.url);
            if (options.direct != null) {
                try {
                    direct = Target.parse(options.direct);
                } catch (UsageException e) {
                    throw new UsageException("--direct: " + e.getMessage());
                }
            }
            connector = Connector.of(options);
            HandshakeSpec spec = HandshakeSpec.of(target, Accept.newKey(new java.security.SecureRandom()),
                    options.origin, options.headers);
            if (!spec.isValid()) {
                throw new UsageException("the headers given make the handshake invalid: "
                        + spec.classify().problem().requirement());
            }
        } catch (UsageException e) {
            err.println(ProbeText.fill("usage.error", "message", Report.clean(e.getMessage())));
            return Verdict.USAGE.exitCode();
        }
        Report report = run(options, connector, target, direct);
        if (options.json) {
            out.println(JsonReport.render(report));
        } else {
            out.print(TextReport.render(report, TextReport.colour(console, env)));
        }
        out.flush();
        return report.exitCode();
    }

    /**
     * The probe, and with {@code --direct} the backend's probe and the comparison, all under one deadline: the proxied
     * hop gets at most two thirds of it, so a proxy that hangs leaves the backend its turn. The exit code stays the
     * proxied hop's.
     */
    static Report run(Options options, Connector connector, Target target, Target direct) {
        if (direct == null) {
            return new Probe(options, connector).run(target);
        }
        Deadline whole = Deadline.inMillis(options.timeoutMillis);
        Deadline first = whole.capped(Math.max(1, options.timeoutMillis * 2 / 3));
        Report report = new Probe(options, connector, first, true).run(target);
        Report backend = new Probe(options, connector, whole, false).run(direct);
        report.direct = backend;
        report.comparison = Comparison.compare(report, target, backend);
        return report;
    }
}
