package dev.wsguard.probe;

/** {@code java -jar wsguard-probe.jar [options] URL}: probe/README.md. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = Cli.run(args, System.out, System.err, System.getenv(), System.console() != null);
        System.exit(code);
    }
}
