package dev.wsguard.startup;

import static dev.wsguard.text.Sanitizer.field;

import dev.wsguard.config.Mode;
import dev.wsguard.containers.Compatibility;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.FrameworkState;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.ScanState;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;

/**
 * The once-per-context deployment checks as log lines: WSG09 (parameters), WSG10 (no WebSocket
 * container), WSG11 (javax endpoints), WSG12 (API jars), WSG13 (implementations that cannot work
 * here), ending in the WSG00 summary. Pure: it only reads {@link StartupFacts}.
 */
public final class StartupReport {

    /** The attribute under which a Jakarta WebSocket container publishes itself (Jakarta WebSocket 2.1, 6.4). */
    public static final String JAKARTA_SERVER_CONTAINER = "jakarta.websocket.server.ServerContainer";
    /** The same for the old javax namespace. */
    public static final String JAVAX_SERVER_CONTAINER = "javax.websocket.server.ServerContainer";

    private static final int LISTED = 10;

    private StartupReport() {
    }

    public static List<StartupLine> lines(StartupFacts f) {
        List<StartupLine> lines = new ArrayList<>();
        for (String warning : f.config().warnings()) {
            lines.add(line(DiagnosisCode.WSG09, Level.WARNING, warning));
        }
        Deployment d = f.deployment();
        String where = "context " + field(d.contextName()) + " (" + field(f.serverInfo(), 96) + ")";
        if (f.config().mode() == Mode.OFF) {
            lines.add(line(DiagnosisCode.WSG00, Level.INFO, "wsguard " + f.version() + " on " + where
                    + ": mode=off, every request passes through unchanged."));
            return lines;
        }
        EndpointRegistry registry = d.endpoints();
        if (f.jakartaContainer() == null) {
            lines.add(noContainer(f, where, registry));
        }
        if (!f.webapp().javaxEndpoints().isEmpty() || f.javaxContainer() != null) {
            lines.add(javax(f, where));
        } else if (!f.javaxApiCopies().isEmpty() && !javaxApiPackaged(f)) {
            lines.add(javaxApiOnly(f, where));
        }
        for (ApiJar jar : f.webapp().apiJars()) {
            lines.add(line(DiagnosisCode.WSG12, Level.WARNING, "WebSocket API jar " + field(jar.path())
                    + " is packaged inside the webapp (" + where + "): "
                    + (jar.namespace().equals("javax")
                            ? "a javax.websocket API is of no use on a jakarta container, whose endpoints are"
                                    + " deployed only through jakarta.websocket, and its presence hides that"
                                    + " javax-built code never works"
                            : "the container brings its own jakarta.websocket API, so this copy is "
                                    + ContainerProfile.packagedApiFate())
                    + ". Fix: declare " + jar.namespace() + ".websocket-api with <scope>provided</scope> (Gradle:"
                    + " compileOnly) so it stays out of WEB-INF/lib."));
        }
        if (f.jakartaApiCopies().size() > 1) {
            lines.add(line(DiagnosisCode.WSG12, Level.WARNING, "Two copies of the jakarta.websocket API are visible to "
                    + where + ": " + urls(f.jakartaApiCopies()) + ". Fix: keep only the container's copy (mark the"
                    + " API <scope>provided</scope> and remove other copies from WEB-INF/lib and shared lib"
                    + " folders)."));
        }
        for (String problem : Compatibility.problems(d.container(), d.environment(), f.serverInfo(),
                f.registrations())) {
            lines.add(line(DiagnosisCode.WSG13, Level.SEVERE, "In " + where + ", " + field(problem, 1024) + "."));
        }
        lines.add(summary(f, where, registry));
        return lines;
    }

    private static StartupLine noContainer(StartupFacts f, String where, EndpointRegistry registry) {
        int endpoints = registry.size();
        Level level = endpoints > 0 || !f.webapp().javaxEndpoints().isEmpty() ? Level.SEVERE : Level.WARNING;
        StringBuilder b = new StringBuilder(256).append("No ").append(JAKARTA_SERVER_CONTAINER).append(" in ")
                .append(where).append(": WebSocket support is not enabled here, so no endpoint can answer a handshake"
                        + " and every upgrade reaches ordinary resources (WSG01/WSG02)");
        if (endpoints > 0) {
            b.append("; ").append(endpoints).append(endpoints == 1 ? " endpoint is" : " endpoints are")
                    .append(" declared: ").append(list(registry.all()));
            if (hasFrameworkEndpoint(registry)) {
                // Spring's handlers still take their paths and then have nothing to upgrade with.
                b.append("; the framework's handlers still take handshakes to their paths and can only fail them"
                        + " (WSG07)");
            }
        }
        if (f.javaxContainer() != null) {
            b.append("; a javax.websocket container (").append(field(f.javaxContainer(), 128))
                    .append(") is present instead: this container speaks the old namespace");
        }
        b.append(". Fix: ").append(f.deployment().enableWebSocketFix()).append('.');
        return line(DiagnosisCode.WSG10, level, b.toString());
    }

    private static boolean hasFrameworkEndpoint(EndpointRegistry registry) {
        for (KnownEndpoint e : registry.all()) {
            if (e.source() == EndpointSource.FRAMEWORK) {
                return true;
            }
        }
        return false;
    }

    private static StartupLine javax(StartupFacts f, String where) {
        StringBuilder b = new StringBuilder(256);
        List<JavaxEndpoint> found = f.webapp().javaxEndpoints();
        if (!found.isEmpty()) {
            b.append(found.size() == 1 ? "javax.websocket endpoint " : found.size() + " javax.websocket endpoints ");
            int n = Math.min(found.size(), LISTED);
            for (int i = 0; i < n; i++) {
                JavaxEndpoint e = found.get(i);
                b.append(i == 0 ? "" : ", ").append(field(e.className(), 160)).append(" (");
                if (e.path() != null) {
                    b.append("@ServerEndpoint(\"").append(field(e.path(), 160)).append("\"), ");
                } else if (e.isApplicationConfig()) {
                    b.append("implements javax.websocket.server.ServerApplicationConfig, ");
                } else {
                    b.append("extends javax.websocket.Endpoint, ");
                }
                b.append(field(e.location(), 160)).append(')');
            }
            if (found.size() > n) {
                b.append(" and ").append(found.size() - n).append(" more");
            }
            b.append(" found in a jakarta webapp (").append(where).append("): this container deploys only"
                    + " jakarta.websocket endpoints, so handshakes to ")
                    .append(found.get(0).path() != null ? field(found.get(0).path(), 160) : "them")
                    .append(" reach ordinary resources (WSG01/WSG02)");
            b.append(f.javaxApiCopies().isEmpty() ? "; no javax.websocket API is even on the class path"
                    : "; a javax.websocket API is on the class path (" + urls(f.javaxApiCopies()) + ")");
        } else {
            b.append("A javax.websocket container (").append(field(f.javaxContainer(), 160)).append(") is published in ")
                    .append(where).append(", beside or instead of a jakarta one");
        }
        b.append(". Fix: port the endpoints to jakarta.websocket (rename the javax.websocket imports, or run the"
                + " Eclipse Transformer on the jar), and remove javax.websocket-api from the webapp.");
        return line(DiagnosisCode.WSG11, Level.SEVERE, b.toString());
    }

    /** A javax API jar in WEB-INF/lib is WSG12's to report; one line per mistake. */
    private static boolean javaxApiPackaged(StartupFacts f) {
        for (ApiJar jar : f.webapp().apiJars()) {
            if (jar.namespace().equals("javax")) {
                return true;
            }
        }
        return false;
    }

    /**
     * A javax API visible to a jakarta webapp, with no javax endpoint found (yet): code compiled against it
     * compiles and deploys without a word, and its endpoints are silently never deployed.
     */
    private static StartupLine javaxApiOnly(StartupFacts f, String where) {
        return line(DiagnosisCode.WSG11, Level.WARNING, "A javax.websocket API is on the class path of " + where
                + " (" + urls(f.javaxApiCopies()) + "), a jakarta webapp: this container deploys only jakarta.websocket"
                + " endpoints, so any endpoint written against javax.websocket is never deployed and its handshakes"
                + " reach ordinary resources (WSG01/WSG02). Fix: remove the javax.websocket API from the class path"
                + " and write endpoints against jakarta.websocket.");
    }

    private static StartupLine summary(StartupFacts f, String where, EndpointRegistry registry) {
        StringBuilder s = new StringBuilder(320).append("wsguard ").append(f.version()).append(" guards ").append(where)
                .append(": ").append(f.config().summary()).append("; WebSocket container: ")
                .append(f.jakartaContainer() != null ? field(f.jakartaContainer(), 128) + " (jakarta)" : "none (see WSG10)")
                .append("; endpoints known: ");
        if (registry.isEmpty()) {
            s.append("none");
        } else {
            s.append(registry.size()).append(" (").append(bySource(registry.all())).append(')');
        }
        s.append("; endpoint scan: ");
        // Endpoints a framework told are as good as a scan: it deploys them itself.
        boolean told = registry.framework() == FrameworkState.TOLD;
        boolean unavailable = registry.scan() != ScanState.RAN && !told;
        if (unavailable) {
            // Without wsguard's initializer nothing knows the endpoints that are declared but not deployed. Where
            // the container's mappings cannot be read either, per-request lines will not guess.
            s.append("endpoint registry unavailable: ");
        }
        if (registry.scan() == ScanState.RAN) {
            s.append(f.scanStatus() != null ? field(f.scanStatus(), 256) : "ran");
        } else {
            s.append(registry.scan().description());
            if (registry.scan() == ScanState.FAILED && f.scanStatus() != null) {
                s.append(" (").append(field(f.scanStatus(), 256)).append(')');
            }
        }
        if (registry.framework() != FrameworkState.NONE) {
            s.append("; framework endpoints: ").append(registry.framework().description());
            if (registry.framework() == FrameworkState.NOT_TOLD) {
                s.append(" (waited ").append(f.frameworkWaitNanos() / 1_000_000).append(" ms)");
            }
        }
        s.append("; container mappings: ").append(registry.containerListed()
                ? unavailable ? "read (deployed endpoints are still known from them)" : "read" : "not readable");
        s.append("; startup checks: ").append(f.webapp().classes()).append(" classes in ").append(f.webapp().jars())
                .append(" jars scanned in ").append(f.nanos() / 1_000_000).append(" ms");
        String cutShort = f.webapp().cutShort();
        if (cutShort != null) {
            s.append(" (scan incomplete: ").append(field(cutShort, 512)).append(')');
        }
        s.append('.');
        // With the container's mappings read, only an ordering the user wrote is worth a fix; an embedded server
        // that runs no initializers from jars loses nothing that is deployed.
        if (unavailable && registry.scan().fix() != null
                && (registry.scan() == ScanState.ORDERED_OUT || !registry.containerListed())) {
            s.append(" Fix: ").append(registry.scan().fix()).append('.');
        }
        return line(DiagnosisCode.WSG00, Level.INFO, s.toString());
    }

    /** "/echo, /chat/{room} from annotation scan; /prog from container mappings; /ws from SockJS endpoint" */
    private static String bySource(List<KnownEndpoint> endpoints) {
        Map<String, List<String>> grouped = new LinkedHashMap<>();
        int listed = 0;
        for (KnownEndpoint e : endpoints) {
            if (listed++ >= LISTED) {
                break;
            }
            grouped.computeIfAbsent(e.label(), k -> new ArrayList<>()).add(field(e.path(), 96));
        }
        StringBuilder b = new StringBuilder();
        for (Map.Entry<String, List<String>> g : grouped.entrySet()) {
            b.append(b.length() == 0 ? "" : "; ").append(String.join(", ", g.getValue())).append(" from ")
                    .append(g.getKey());
        }
        if (endpoints.size() > LISTED) {
            b.append("; and ").append(endpoints.size() - LISTED).append(" more");
        }
        return b.toString();
    }

    private static String list(List<KnownEndpoint> endpoints) {
        StringBuilder b = new StringBuilder();
        int n = Math.min(endpoints.size(), LISTED);
        for (int i = 0; i < n; i++) {
            KnownEndpoint e = endpoints.get(i);
            b.append(i == 0 ? "" : ", ").append(field(e.path(), 96)).append(" from ").append(e.label());
        }
        if (endpoints.size() > n) {
            b.append(" and ").append(endpoints.size() - n).append(" more");
        }
        return b.toString();
    }

    private static String urls(List<String> urls) {
        List<String> shown = new ArrayList<>();
        for (String u : urls.subList(0, Math.min(urls.size(), 4))) {
            shown.add(tail(u, 160));
        }
        return String.join(", ", shown);
    }

    /** A location cut from the left, so that the jar's own name survives a deep build directory. */
    private static String tail(String location, int max) {
        String s = location == null ? "" : location;
        return s.length() <= max ? field(s, max) : "..." + field(s.substring(s.length() - (max - 3)), max);
    }

    private static StartupLine line(DiagnosisCode code, Level level, String text) {
        return new StartupLine(code, level, code + " " + text);
    }
}
