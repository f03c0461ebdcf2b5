package dev.wsguard.testkit.server;

import dev.wsguard.testkit.fixtures.EchoEndpoint;
import dev.wsguard.testkit.fixtures.LoginRequiredFilter;
import dev.wsguard.testkit.fixtures.OriginCheckedEndpoint;
import dev.wsguard.testkit.fixtures.PlainTextServlet;
import dev.wsguard.testkit.fixtures.SecureEchoEndpoint;
import dev.wsguard.testkit.fixtures.SpaFallbackServlet;
import dev.wsguard.testkit.fixtures.javax.LegacyEndpoint;
import dev.wsguard.testkit.war.WarBuilder;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web applications of the catalogue, described independently of any container. A container
 * fixture turns one into a context at {@link #CONTEXT_PATH}.
 */
public enum AppSetup {

    /** {@code /echo} endpoint and a plain-text servlet at {@code /}. */
    STANDARD(List.of(EchoEndpoint.class), true, List.of(plainAtRoot()), false, List.of(), Map.of()),

    /** {@code /echo} endpoint and a single-page-app fallback at {@code /*}. */
    SPA_FALLBACK(List.of(EchoEndpoint.class), true,
            List.of(new ServletSpec("spa", SpaFallbackServlet::new, "/*")), false, List.of(), Map.of()),

    /** {@code /echo} endpoint and only the container's own default servlet over an empty directory. */
    DEFAULT_SERVLET_ONLY(List.of(EchoEndpoint.class), true, List.of(), true, List.of(), Map.of()),

    /** The app has an {@code /echo} endpoint class, but WebSocket support is never initialised. */
    NO_WEBSOCKET(List.of(EchoEndpoint.class), false, List.of(plainAtRoot()), false, List.of(), Map.of()),

    /** As STANDARD plus {@code /secure/echo}; a login filter on {@code /secure/*} redirects with 302. */
    SECURED(List.of(EchoEndpoint.class, SecureEchoEndpoint.class), true, List.of(plainAtRoot()), false,
            List.of(loginFilter(LoginRequiredFilter.ANSWER_REDIRECT)), Map.of()),

    /**
     * As STANDARD plus {@code /guarded}, whose configurator's {@code checkOrigin} lets in one origin only
     * ({@code OriginCheckedEndpoint}): the container answers 403 to a page of any other.
     */
    ORIGIN_CHECKED(List.of(EchoEndpoint.class, OriginCheckedEndpoint.class), true, List.of(plainAtRoot()), false,
            List.of(), Map.of()),

    /** As SECURED, but the login filter answers 401 with a Basic challenge. */
    SECURED_BASIC(List.of(EchoEndpoint.class, SecureEchoEndpoint.class), true, List.of(plainAtRoot()), false,
            List.of(loginFilter(LoginRequiredFilter.ANSWER_CHALLENGE)), Map.of()),

    /**
     * As STANDARD, plus {@code WEB-INF/lib/legacy-endpoints-1.0.jar} holding a {@code javax.websocket} endpoint
     * ({@code /legacy}) that no jakarta container deploys (S17). Only wsguard's class-file scan of the context's
     * resources finds it, so the container must serve {@code WEB-INF/lib} from a real resource base.
     */
    JAVAX_ENDPOINT_JAR(List.of(EchoEndpoint.class), true, List.of(plainAtRoot()), false, List.of(),
            Map.of(AppSetup.LEGACY_JAR, List.of(LegacyEndpoint.CLASS_NAME)));

    public static final String CONTEXT_PATH = "/app";

    /** The jar of javax endpoints in JAVAX_ENDPOINT_JAR's WEB-INF/lib, named as a user's build would name it. */
    public static final String LEGACY_JAR = "legacy-endpoints-1.0.jar";

    private final List<Class<?>> endpointClasses;
    private final boolean webSocketSupport;
    private final List<ServletSpec> servlets;
    private final boolean containerDefaultServlet;
    private final List<FilterSpec> appFilters;
    private final Map<String, List<String>> webInfLibJars;

    AppSetup(List<Class<?>> endpointClasses, boolean webSocketSupport, List<ServletSpec> servlets,
             boolean containerDefaultServlet, List<FilterSpec> appFilters, Map<String, List<String>> webInfLibJars) {
        this.endpointClasses = endpointClasses;
        this.webSocketSupport = webSocketSupport;
        this.servlets = servlets;
        this.containerDefaultServlet = containerDefaultServlet;
        this.appFilters = appFilters;
        this.webInfLibJars = webInfLibJars;
    }

    private static ServletSpec plainAtRoot() {
        return new ServletSpec("plain", PlainTextServlet::new, "/");
    }

    private static FilterSpec loginFilter(String answer) {
        return new FilterSpec("login-required", LoginRequiredFilter.class,
                Map.of(LoginRequiredFilter.ANSWER_PARAM, answer), "/secure/*");
    }

    /** Annotated endpoint classes the app contains (deployed only if {@link #webSocketSupport()}). */
    public List<Class<?>> endpointClasses() {
        return endpointClasses;
    }

    /** Whether the container's Jakarta WebSocket support is initialised for the context. */
    public boolean webSocketSupport() {
        return webSocketSupport;
    }

    public List<ServletSpec> servlets() {
        return servlets;
    }

    /** Whether the container's own default servlet is mapped to {@code /}. */
    public boolean containerDefaultServlet() {
        return containerDefaultServlet;
    }

    /** Application filters, registered after the first filter of a {@link Deployment}. */
    public List<FilterSpec> appFilters() {
        return appFilters;
    }

    /** Jars the app has in {@code WEB-INF/lib}: file name to the binary names of the classes in it. */
    public Map<String, List<String>> webInfLibJars() {
        return webInfLibJars;
    }

    /**
     * Writes what the app keeps under its resource base ({@link #webInfLibJars()}, made from the class files on the
     * class path without loading them) into {@code base}, the directory a container serves the context's resources
     * from. Every adapter calls it, so {@code ServletContext.getResourcePaths("/WEB-INF/lib/")} lists the same jars
     * everywhere.
     */
    public void writeResourceBase(Path base) throws IOException {
        for (Map.Entry<String, List<String>> jar : webInfLibJars.entrySet()) {
            Map<String, byte[]> classes = new LinkedHashMap<>();
            jar.getValue().forEach(name -> classes.putAll(WarBuilder.classFiles(name)));
            WarBuilder.writeJar(Files.createDirectories(base.resolve("WEB-INF/lib")).resolve(jar.getKey()), classes);
        }
    }

    /**
     * The endpoint paths as wsguard's {@code endpoints} init-param wants them ({@code /echo, /secure/echo}),
     * read from the annotations so they cannot drift from the endpoint classes.
     */
    public String endpointPathsParam() {
        return endpointClasses.stream()
                .map(type -> type.getAnnotation(ServerEndpoint.class).value())
                .collect(Collectors.joining(", "));
    }
}
