package dev.wsguard.startup;

import static dev.wsguard.text.Sanitizer.field;

import dev.wsguard.config.Mode;
import dev.wsguard.containers.Compatibility;
import dev.wsguard.containers.ContainerProfile;
import dev.wsguard.diagnosis.Cause;
import dev.wsguard.diagnosis.Deployment;
import dev.wsguard.diagnosis.DiagnosisCode;
import dev.wsguard.endpoints.EndpointRegistry;
import dev.wsguard.endpoints.EndpointSource;
import dev.wsguard.endpoints.FrameworkState;
import dev.wsguard.endpoints.KnownEndpoint;
import dev.wsguard.endpoints.ScanState;
import dev.wsguard.text.Namespace;
import dev.wsguard.text.Wording;
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

    /** The attribute under which a Jakarta WebSocket container publishes itself (Jakarta WebSocket 2.1, 6.4; javax too). */
    public static final String JAKARTA_SERVER_CONTAINER = Namespace.home("websocket.server.ServerContainer");
    /** The same for the other namespace (javax here; jakarta in wsguard-filter-javax). */
    public static final String JAVAX_SERVER_CONTAINER = Namespace.other("websocket.server.ServerContainer");

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
        if (f.jakartaContainer() == null && !nothingToServe(f)) {
            lines.add(noContainer(f, where, registry));
        }
        if (!f.webapp().javaxEndpoints().isEmpty() || f.javaxContainer() != null) {
            lines.add(javax(f, where));
        } else if (!f.javaxApiCopies().isEmpty() && !javaxApiPackaged(f)) {
            lines.add(javaxApiOnly(f, where));
        }
        for (ApiJar jar : f.webapp().apiJars()) {
            Cause c = Cause.API_JAR_IN_WEBAPP;
            String why = jar.namespace().equals(Namespace.OTHER) ? Wording.of(c, "javax")
                    : Wording.fill(c, "jakarta", "fate", ContainerProfile.packagedApiFate());
            lines.add(line(c, DiagnosisCode.WSG12, Level.WARNING, Wording.fill(c, null, "jar", field(jar.path()),
                    "where", where, "why", why) + " " + Wording.fill(c, "fix", "namespace", jar.namespace())));
        }
        if (f.jakartaApiCopies().size() > 1) {
            Cause c = Cause.API_VISIBLE_TWICE;
            lines.add(line(c, DiagnosisCode.WSG12, Level.WARNING, Wording.fill(c, null, "where", where, "urls",
                    urls(f.jakartaApiCopies())) + " " + Wording.of(c, "fix")));
        }
        for (String problem : Compatibility.problems(d.container(), d.environment(), f.serverInfo(),
                f.registrations())) {
            lines.add(line(Cause.IMPLEMENTATION_CANNOT_WORK, DiagnosisCode.WSG13, Level.SEVERE,
                    Wording.fill(Cause.IMPLEMENTATION_CANNOT_WORK, null, "where", where, "problem",
                            field(problem, 1024))));
        }
        lines.add(summary(f, where, registry));
        return lines;
    }

    private static StartupLine noContainer(StartupFacts f, String where, EndpointRegistry registry) {
        Cause c = Cause.NO_WEBSOCKET_CONTAINER;
        int endpoints = registry.size();
        Level level = endpoints > 0 || !f.webapp().javaxEndpoints().isEmpty() ? Level.SEVERE : Level.WARNING;
        StringBuilder declared = new StringBuilder();
        if (endpoints > 0) {
            declared.append(Wording.fill(c, endpoints == 1 ? "declaredOne" : "declaredMany", "count",
                    String.valueOf(endpoints), "list", list(registry.all())));
            if (hasFrameworkEndpoint(registry)) {
                // Spring's handlers still take their paths and then have nothing to upgrade with.
                declared.append(Wording.of(c, "framework"));
            }
        }
        String javax = f.javaxContainer() == null ? ""
                : Wording.fill(c, "javaxContainer", "container", field(f.javaxContainer(), 128));
        return line(c, DiagnosisCode.WSG10, level, Wording.fill(c, null, "where", where, "declared",
                declared.toString(), "javax", javax) + " " + Wording.fill(c, "fix", "fix",
                f.deployment().enableWebSocketFix()));
    }

    /**
     * A context without a ServerContainer that has nothing to serve on a container that then publishes none (Tyrus in
     * GlassFish and Payara, {@link Deployment#nothingToServe()}), and no javax endpoint or container either (WSG11's):
     * WebSocket support may well be there, so no WSG10; WSG00 says why there is no container.
     */
    private static boolean nothingToServe(StartupFacts f) {
        return f.deployment().nothingToServe() && f.webapp().javaxEndpoints().isEmpty() && f.javaxContainer() == null;
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
        Cause endpointsFound = Cause.JAVAX_ENDPOINTS_IN_JAKARTA_WEBAPP;
        String fix = Wording.of(endpointsFound, "fix");
        List<JavaxEndpoint> found = f.webapp().javaxEndpoints();
        if (found.isEmpty()) {
            Cause c = Cause.JAVAX_CONTAINER_PUBLISHED;
            // The same fix: what publishes a javax container is javax code in the webapp.
            return line(c, DiagnosisCode.WSG11, Level.SEVERE, Wording.fill(c, null, "container",
                    field(f.javaxContainer(), 160), "where", where) + " " + fix);
        }
        StringBuilder list = new StringBuilder();
        int n = Math.min(found.size(), LISTED);
        for (int i = 0; i < n; i++) {
            JavaxEndpoint e = found.get(i);
            String kind = e.path() != null ? Wording.fill(endpointsFound, "annotated", "path", field(e.path(), 160))
                    : Wording.of(endpointsFound, e.isApplicationConfig() ? "applicationConfig" : "subclass");
            list.append(i == 0 ? "" : ", ").append(field(e.className(), 160)).append(" (").append(kind).append(", ")
                    .append(field(e.location(), 160)).append(')');
        }
        if (found.size() > n) {
            list.append(" and ").append(found.size() - n).append(" more");
        }
        String endpoints = Wording.fill(endpointsFound, found.size() == 1 ? "one" : "many", "count",
                String.valueOf(found.size()), "list", list.toString());
        String api = f.javaxApiCopies().isEmpty() ? Wording.of(endpointsFound, "noApi")
                : Wording.fill(endpointsFound, "api", "urls", urls(f.javaxApiCopies()));
        String path = found.get(0).path() != null ? field(found.get(0).path(), 160)
                : Wording.of(endpointsFound, "them");
        return line(endpointsFound, DiagnosisCode.WSG11, Level.SEVERE, Wording.fill(endpointsFound, null,
                "endpoints", endpoints, "where", where, "path", path, "api", api) + " " + fix);
    }

    /** A javax API jar in WEB-INF/lib is WSG12's to report; one line per mistake. */
    private static boolean javaxApiPackaged(StartupFacts f) {
        for (ApiJar jar : f.webapp().apiJars()) {
            if (jar.namespace().equals(Namespace.OTHER)) {
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
        Cause c = Cause.JAVAX_API_ON_CLASS_PATH;
        return line(c, DiagnosisCode.WSG11, Level.WARNING, Wording.fill(c, null, "where", where, "urls",
                urls(f.javaxApiCopies())) + " " + Wording.of(c, "fix"));
    }

    private static StartupLine summary(StartupFacts f, String where, EndpointRegistry registry) {
        StringBuilder s = new StringBuilder(320).append("wsguard ").append(f.version()).append(" guards ").append(where)
                .append(": ").append(f.config().summary()).append("; WebSocket container: ")
                .append(f.jakartaContainer() != null ? field(f.jakartaContainer(), 128) + " (" + Namespace.HOME + ")"
                        : nothingToServe(f) ? "none, as " + f.deployment().container().displayName() + " publishes"
                        + " none in a context without endpoints (nothing to serve)" : "none (see WSG10)")
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
        return new StartupLine(code, level, code + " " + text, null);
    }

    private static StartupLine line(Cause cause, DiagnosisCode code, Level level, String text) {
        return new StartupLine(code, level, code + " " + text, cause);
    }
}
