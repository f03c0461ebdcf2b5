package dev.wsguard.benchmarks.load;

import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerKind;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.suite.scenarios.Guard;
import dev.wsguard.suite.scenarios.GuardMode;

/**
 * One server of the load benchmark, in a JVM of its own (so that {@link LoadBench} can pin it to a core and
 * read its CPU time): the scenario suite's standard app ({@code /app/echo}, a plain-text servlet at
 * {@code /app/}) on one container, without wsguard or with it in front in {@code enforce} mode.
 *
 * <p>Prints {@code READY <port>} once it serves, then answers commands read from standard input, one per
 * line: {@code heap} (used heap after a full collection, in bytes), {@code lines} (wsguard's log records so
 * far, by code), {@code quit} ({@link ServerCommands}). It ends by itself at end of input and after
 * {@link ServerCommands#MAX_LIFETIME_MINUTES}.
 *
 * <p>Arguments: a {@link ContainerKind} label ({@code jetty-12.1}, {@code tomcat-11}) and
 * {@link Variant#label()} ({@code without-wsguard}, {@code with-wsguard}).
 */
public final class LoadServer {

    private LoadServer() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: LoadServer <container label> <without-wsguard|with-wsguard>");
        }
        ContainerKind kind = kind(args[0]);
        Variant variant = Variant.of(args[1]);
        ServerCommands.startWatchdog("LoadServer");

        ServerCommands.LineCounter lines = ServerCommands.LineCounter.attach();
        Deployment deployment = variant == Variant.WITH_WSGUARD
                ? Guard.deployment(AppSetup.STANDARD, GuardMode.ENFORCE)
                : Deployment.of(AppSetup.STANDARD);
        try (ContainerUnderTest container = kind.newAdapter();
             RunningServer server = container.start(deployment)) {
            ServerCommands.serve(server.port(), lines, System.out);
        } finally {
            System.out.flush();
        }
    }

    private static ContainerKind kind(String label) {
        for (ContainerKind kind : ContainerKind.values()) {
            if (kind.label().equals(label)) {
                return kind;
            }
        }
        throw new IllegalArgumentException("unknown container " + label);
    }
}
