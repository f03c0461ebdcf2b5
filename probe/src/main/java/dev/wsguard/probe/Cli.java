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
        Connector connector;
        try {
            options = Options.parse(args);
            if (options.help) {
                out.println(ProbeText.of("help"));
                return 0;
            }
            target = Target.parse(options.url);
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
        Report report = new Probe(options, connector).run(target);
        if (options.json) {
            out.println(JsonReport.render(report));
        } else {
            out.print(TextReport.render(report, TextReport.colour(console, env)));
        }
        out.flush();
        return report.exitCode();
    }
}
