package dev.wsguard.startup;

import static dev.wsguard.text.Sanitizer.field;

import dev.wsguard.config.GuardConfig;
import dev.wsguard.config.Mode;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.KnownEndpoint;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;

/**
 * The once-per-context deployment checks, ending in the {@code WSG00} summary. Pure: the filter
 * gathers the facts from the ServletContext and logs the lines.
 */
public final class StartupReport {

    /** The attribute under which a Jakarta WebSocket container publishes itself (Jakarta WebSocket 2.1, 6.4). */
    public static final String JAKARTA_SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    /** The same for the old javax namespace. */
    public static final String JAVAX_SERVER_CONTAINER = "javax.websocket.server.ServerContainer";

    private static final int LISTED = 10;

    private StartupReport() {
    }

    /**
     * The lines to log at startup.
     *
     * @param jakartaContainer class name of the context's {@code jakarta.websocket.server.ServerContainer}, or null
     * @param javaxContainer   class name of a {@code javax.websocket.server.ServerContainer}, or null
     */
    public static List<StartupLine> lines(GuardConfig config, Deployment deployment, String serverInfo,
            String jakartaContainer, String javaxContainer, String version) {
        List<StartupLine> lines = new ArrayList<>();
        for (String warning : config.warnings()) {
            lines.add(new StartupLine(DiagnosisCode.WSG09, Level.WARNING, DiagnosisCode.WSG09 + " " + warning));
        }
        String where = "context " + field(deployment.contextName()) + " (" + field(serverInfo, 96) + ")";
        if (config.mode() == Mode.OFF) {
            lines.add(new StartupLine(DiagnosisCode.WSG00, Level.INFO, DiagnosisCode.WSG00 + " wsguard " + version
                    + " on " + where + ": mode=off, every request passes through unchanged."));
            return lines;
        }
        int endpoints = deployment.endpoints().size();
        if (jakartaContainer == null) {
            Level level = endpoints > 0 ? Level.SEVERE : Level.WARNING;
            StringBuilder b = new StringBuilder(256).append(DiagnosisCode.WSG10).append(" No ")
                    .append(JAKARTA_SERVER_CONTAINER).append(" in ").append(where)
                    .append(": WebSocket support is not enabled here, so no endpoint can answer a handshake and every"
                            + " upgrade reaches ordinary resources (WSG01/WSG02)");
            if (endpoints > 0) {
                b.append("; ").append(endpoints).append(endpoints == 1 ? " endpoint is" : " endpoints are")
                        .append(" declared: ").append(list(deployment.endpoints().all()));
            }
            if (javaxContainer != null) {
                b.append("; a javax.websocket container (").append(field(javaxContainer, 128))
                        .append(") is present instead: this container speaks the old namespace");
            }
            b.append(". Fix: ").append(deployment.container().enableWebSocketFix()).append('.');
            lines.add(new StartupLine(DiagnosisCode.WSG10, level, b.toString()));
        }
        StringBuilder s = new StringBuilder(256).append(DiagnosisCode.WSG00).append(" wsguard ").append(version)
                .append(" guards ").append(where).append(": ").append(config.summary())
                .append("; WebSocket container: ")
                .append(jakartaContainer != null ? field(jakartaContainer, 128) + " (jakarta)" : "none (see WSG10)")
                .append("; endpoints known: ");
        if (endpoints == 0) {
            s.append("none (declare them with init-param endpoints)");
        } else {
            s.append(endpoints).append(" (").append(list(deployment.endpoints().all())).append(')');
        }
        s.append('.');
        lines.add(new StartupLine(DiagnosisCode.WSG00, Level.INFO, s.toString()));
        return lines;
    }

    private static String list(List<KnownEndpoint> endpoints) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(endpoints.size(), LISTED);
        for (int i = 0; i < n; i++) {
            KnownEndpoint e = endpoints.get(i);
            b.append(i == 0 ? "" : ", ").append(field(e.path(), 96)).append(" from ").append(e.source().label());
        }
        if (endpoints.size() > n) {
            b.append(" and ").append(endpoints.size() - n).append(" more");
        }
        return b.toString();
    }
}
