package dev.wsguard.embedded.glassfish;

import dev.wsguard.testkit.fixtures.ReachProbeFilter;
import dev.wsguard.testkit.server.AppSetup;
import dev.wsguard.testkit.server.ContainerSettings;
import dev.wsguard.testkit.server.ContainerUnderTest;
import dev.wsguard.testkit.server.Deployment;
import dev.wsguard.testkit.server.FilterSpec;
import dev.wsguard.testkit.server.Loopback;
import dev.wsguard.testkit.server.RunningServer;
import dev.wsguard.testkit.server.WorkDirs;
import dev.wsguard.testkit.log.GuardLogCapture;
import dev.wsguard.suite.scenarios.Guard;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Field;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.OutputKeys;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import org.glassfish.embeddable.GlassFish;
import org.glassfish.embeddable.GlassFishProperties;
import org.glassfish.embeddable.GlassFishRuntime;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * Embedded GlassFish 7 ({@code glassfish-embedded-all}), where Tyrus is the WebSocket implementation. It is
 * far too heavy to start per case: one GlassFish runs for the module's whole test run (every test class and
 * adapter shares it: GlassFish boots once per JVM), its HTTP listener on 127.0.0.1 port 0, and every distinct
 * deployment the contracts ask for is a WAR deployed once, at a context path of its own ({@code /app-log},
 * {@code /secured-enforce}, {@code /spa-none}...). Requests the catalogue writes for {@code /app} go there instead
 * ({@link RunningServer#contextPath()}). It stops when the JVM ends. Its request-head limit and URI rules belong
 * to its HTTP listener, so a deployment cannot change them ({@link #supports(ContainerSettings)}).
 *
 * <p>The setups the real sample WAR has (STANDARD, SECURED) deploy the sample itself, its web.xml changed in
 * one place only:
 * <ul>
 *   <li>wsguard's init-params from the suite ({@code mode}, {@code plain-requests}...) added to its filter;
 *       the suite's {@code endpoints} param is not, since the sample declares its own ({@code /ticker}) and
 *       wsguard's initializer scans the rest, as in any WAR;</li>
 *   <li>without wsguard: its filter and mapping removed, and its jar taken out of WEB-INF/lib;</li>
 *   <li>the reach probe: wsguard's filter declaration given the probe's class, wsguard's jar taken out.</li>
 * </ul>
 * The sample's setup is an {@code /echo} endpoint (and {@code /chat/{room}}, {@code /ticker}), a catch-all
 * servlet at {@code /} answering 200 text/plain, an SPA fallback at {@code /app/*}, and a login filter on
 * {@code /secure/*} that redirects. For SECURED the catalogue's {@code /secure/echo} endpoint class is added to
 * its WEB-INF/classes, the one thing the sample lacks. Every other setup is the catalogue's own WAR of it
 * ({@link AppSetupWar}), wsguard's jar taken from the sample; so is a deployment with filters or servlets of its own
 * (the reliability contracts'), at {@code /app-with-<its filters and servlets>-<mode>...}.
 *
 * <p>wsguard's log window survives between cases here (one filter instance per deployment); the sample sets
 * it to one second, so does {@link AppSetupWar}, and {@link RunningServer#beforeRequest} waits it out for a
 * path that was just hit.
 */
public final class GlassFishContainer implements ContainerUnderTest {

    /** The sample WAR's path, set by the pom from the war dependency. */
    public static final String SAMPLE_WAR_PROPERTY = "wsguard.it.sample-war";

    private static final String LISTENER =
            "embedded-glassfish-config.server.network-config.network-listeners.network-listener.http-listener.";

    /** The sample's log-window (1 s) and a margin. */
    private static final Duration LOG_WINDOW_WAIT = Duration.ofMillis(1_150);

    private static final Duration STARTUP_LINE_TIMEOUT = Duration.ofSeconds(20);

    // The one GlassFish of this JVM and what it has deployed, shared by every adapter.
    private static final Map<String, Shared> deployed = new LinkedHashMap<>();
    private static final Map<String, Long> lastHit = new ConcurrentHashMap<>();
    private static Path work;
    private static Path guardJar;
    private static GlassFish glassfish;
    private static int port;

    /**
     * The glassfish-embedded-all jar actually loaded, by its file name: embedded GlassFish reports "GlassFish
     * 0.0.0" through getServerInfo(), and the jar carries no version of its own.
     */
    @Override
    public String version() {
        try {
            String name = Paths.get(GlassFish.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .getFileName().toString();
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("^glassfish-embedded-all-(.+)\\.jar$").matcher(name);
            return m.matches() ? m.group(1) : "unknown (" + name + ")";
        } catch (Exception e) {
            return "unknown (" + e + ")";
        }
    }

    /** The Tyrus GlassFish bundles (its pom.properties inside the jar). */
    @Override
    public String details() {
        try (InputStream in = GlassFish.class.getClassLoader()
                .getResourceAsStream("META-INF/maven/org.glassfish.tyrus/tyrus-core/pom.properties")) {
            java.util.Properties p = new java.util.Properties();
            if (in != null) {
                p.load(in);
            }
            return "Tyrus " + p.getProperty("version", "(version unknown)") + " inside";
        } catch (IOException e) {
            return "Tyrus (version unknown: " + e + ")";
        }
    }

    @Override
    public boolean supports(ContainerSettings settings) {
        return settings.isDefault();
    }

    @Override
    public RunningServer start(Deployment deployment) throws Exception {
        if (!supports(deployment.settings())) {
            throw new IllegalArgumentException("GlassFish's " + deployment.settings() + " belong to its HTTP listener,"
                    + " shared by every deployment");
        }
        synchronized (GlassFishContainer.class) {
            if (glassfish == null) {
                boot();
            }
            Variant variant = Variant.of(deployment);
            Shared shared = deployed.get(variant.contextPath);
            if (shared == null) {
                shared = deploy(variant, deployment);
                deployed.put(variant.contextPath, shared);
            }
            return shared;
        }
    }

    /**
     * Deploys an exploded WAR the catalogue does not describe (this module's own evidence) at {@code contextPath},
     * on the running GlassFish (booted if it is not yet); returns the HTTP port.
     */
    public int deployWar(Path dir, String contextPath) throws Exception {
        synchronized (GlassFishContainer.class) {
            if (glassfish == null) {
                boot();
            }
            glassfish.getDeployer().deploy(dir.toFile(), "--contextroot", contextPath.substring(1),
                    "--name", "wsguard-it-extra" + contextPath.replace('/', '-'));
            return port;
        }
    }

    private static void boot() throws Exception {
        work = WorkDirs.create("glassfish");
        GlassFishProperties properties = new GlassFishProperties();
        // Port 0 needs the listener enabled explicitly: setPort(name, 0) leaves it "disabled per domain.xml".
        properties.setProperty(LISTENER + "port", "0");
        properties.setProperty(LISTENER + "address", Loopback.HOST);
        properties.setProperty(LISTENER + "enabled", "true");
        glassfish = GlassFishRuntime.bootstrap().newGlassFish(properties);
        try {
            glassfish.start();
            port = boundPort(glassfish);
            Runtime.getRuntime().addShutdownHook(new Thread(GlassFishContainer::stopServer, "glassfish-stop"));
        } catch (Exception | Error e) {
            stopServer();
            throw e;
        }
    }

    /**
     * The port the HTTP listener bound. GlassFish keeps the configured 0; Grizzly's transport knows the real
     * one (its server connection's local address). Reflection into GlassFish internals, test-only.
     */
    private static int boundPort(GlassFish glassfish) throws Exception {
        Object grizzly = glassfish.getService(Class.forName("com.sun.enterprise.v3.services.impl.GrizzlyService"));
        List<Integer> ports = new ArrayList<>();
        for (Object proxy : (Collection<?>) field(grizzly, "proxies")) {
            Object listener = field(proxy, "grizzlyListener");
            Object transport = listener.getClass().getMethod("getTransport").invoke(listener);
            for (Object connection : (Collection<?>) field(transport, "serverConnections")) {
                Object address = connection.getClass().getMethod("getLocalAddress").invoke(connection);
                if (address instanceof InetSocketAddress socket && socket.getAddress().isLoopbackAddress()) {
                    ports.add(socket.getPort());
                }
            }
        }
        if (ports.size() != 1) {
            throw new IllegalStateException("expected one HTTP listener on 127.0.0.1, found ports " + ports);
        }
        return ports.get(0);
    }

    private static Object field(Object target, String name) throws ReflectiveOperationException {
        for (Class<?> c = target.getClass(); c != null; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f.get(target);
            } catch (NoSuchFieldException next) {
                // Up the hierarchy.
            }
        }
        throw new NoSuchFieldException(target.getClass().getName() + "." + name);
    }

    private static Shared deploy(Variant variant, Deployment deployment) throws Exception {
        Path dir = work.resolve("war" + variant.contextPath.replace('/', '-'));
        if (variant.sample) {
            explode(sampleWar(), dir);
            variant.rewrite(dir);
        } else {
            AppSetupWar.write(deployment, guardJar(), dir);
        }
        List<String> startup;
        try (GuardLogCapture log = GuardLogCapture.attach()) {
            glassfish.getDeployer().deploy(dir.toFile(), "--contextroot", variant.contextPath.substring(1),
                    "--name", "wsguard-it" + variant.contextPath.replace('/', '-'));
            if (variant.guarded) {
                // The startup report ends in WSG00; it follows the deployment on wsguard's own thread.
                log.awaitCode("WSG00", STARTUP_LINE_TIMEOUT);
            }
            startup = log.messages();
        }
        return new Shared(variant.contextPath, variant.guarded, startup);
    }

    /**
     * wsguard's jar exactly as the sample WAR packages it (its WEB-INF/lib copy), extracted once: the catalogue's
     * own WARs carry the same jar, and this module's class path holds none.
     */
    private static Path guardJar() throws IOException {
        if (guardJar == null) {
            try (ZipFile zip = new ZipFile(sampleWar().toFile())) {
                List<? extends ZipEntry> jars = java.util.Collections.list(zip.entries()).stream()
                        .filter(e -> e.getName().matches("WEB-INF/lib/wsguard-filter[^/]*\\.jar")).toList();
                if (jars.size() != 1) {
                    throw new IllegalStateException("expected one wsguard-filter jar in the sample WAR, found " + jars);
                }
                Path target = Files.createDirectories(work.resolve("guard-jar"))
                        .resolve(Paths.get(jars.get(0).getName()).getFileName().toString());
                try (InputStream in = zip.getInputStream(jars.get(0))) {
                    Files.copy(in, target);
                }
                guardJar = target;
            }
        }
        return guardJar;
    }

    static Path sampleWar() {
        String path = System.getProperty(SAMPLE_WAR_PROPERTY, "");
        if (path.isBlank() || path.startsWith("${")) {
            throw new IllegalStateException(SAMPLE_WAR_PROPERTY + " is not set: run through Maven, after the sample"
                    + " WAR is packaged (mvn verify from the root)");
        }
        Path war = Paths.get(path);
        if (!Files.isRegularFile(war)) {
            throw new IllegalStateException(SAMPLE_WAR_PROPERTY + "=" + path + " is not a file");
        }
        return war;
    }

    private static void explode(Path war, Path dir) throws IOException {
        try (ZipFile zip = new ZipFile(war.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                Path target = dir.resolve(entry.getName()).normalize();
                if (!target.startsWith(dir)) {
                    throw new IOException("entry outside the WAR directory: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(target);
                } else {
                    Files.createDirectories(target.getParent());
                    try (InputStream in = zip.getInputStream(entry)) {
                        Files.copy(in, target);
                    }
                }
            }
        }
    }

    /** Nothing to stop here: the module's one GlassFish serves every test class, and stops when the JVM ends. */
    @Override
    public void close() {
    }

    private static synchronized void stopServer() {
        try {
            if (glassfish != null) {
                glassfish.stop();
            }
        } catch (Exception ignored) {
            // Best effort; dispose follows.
        }
        try {
            if (glassfish != null) {
                glassfish.dispose();
            }
        } catch (Exception ignored) {
            // As above.
        }
        glassfish = null;
        guardJar = null;
        deployed.clear();
        WorkDirs.deleteQuietly(work);
    }

    /**
     * What the suite asked for, at a context path of its own: a variant of the sample WAR for the setups the
     * sample has ({@code sample}), else the catalogue's own WAR of the setup ({@link AppSetupWar}).
     */
    private record Variant(String contextPath, boolean sample, AppSetup app, boolean guarded, String filterClass,
                           Map<String, String> params) {

        /** The endpoint paths the sample WAR maps itself. */
        private static final java.util.Set<String> SAMPLE_ENDPOINTS = java.util.Set.of("/echo", "/chat/{room}", "/ticker");

        static Variant of(Deployment deployment) {
            AppSetup app = deployment.app();
            boolean sample = app == AppSetup.STANDARD || app == AppSetup.SECURED;
            String prefix = "/" + switch (app) {
                case STANDARD -> "app";
                case SECURED -> "secured";
                case SPA_FALLBACK -> "spa";
                case DEFAULT_SERVLET_ONLY -> "default-only";
                case NO_WEBSOCKET -> "no-websocket";
                case SECURED_BASIC -> "secured-basic";
                case JAVAX_ENDPOINT_JAR -> "javax-jar";
                case ORIGIN_CHECKED -> "origin-checked";
            };
            if (!deployment.isAppSetupOnly()) {
                // The catalogue's own WAR, at a path named after what the deployment adds to the setup.
                FilterSpec guard = AppSetupWar.guard(deployment);
                StringBuilder added = new StringBuilder(prefix).append("-with");
                deployment.filters().forEach(f -> added.append('-').append(f.name()));
                deployment.servlets().forEach(servlet -> added.append('-').append(servlet.name()));
                Map<String, String> params = guard == null ? Map.of() : new TreeMap<>(guard.initParams());
                return new Variant(guard == null ? added.toString() : guardedPath(added.toString(), params, false),
                        false, app, guard != null, guard == null ? null : Guard.FILTER_CLASS, params);
            }
            FilterSpec first = deployment.firstFilter().orElse(null);
            if (first == null) {
                return new Variant(prefix + "-none", sample, app, false, null, Map.of());
            }
            if (first.className().equals(ReachProbeFilter.class.getName())) {
                return new Variant(prefix + "-probe", sample, app, false, first.className(), first.initParams());
            }
            if (!first.className().equals(Guard.FILTER_CLASS)) {
                throw new IllegalArgumentException("the GlassFish suite deploys wsguard or the probe first, not "
                        + first.className());
            }
            Map<String, String> params = new TreeMap<>(first.initParams());
            if (sample) {
                // The sample declares its own (/ticker) and wsguard's initializer scans the rest, as in any WAR.
                params.remove("endpoints");
            }
            return new Variant(guardedPath(prefix, params, sample), sample, app, true, Guard.FILTER_CLASS, params);
        }

        /** {@code <base>-<mode>}, then each other param as {@code -<name>-<value>} ({@code endpoints} aside). */
        private static String guardedPath(String base, Map<String, String> params, boolean sample) {
            StringBuilder path = new StringBuilder(base).append('-').append(params.getOrDefault("mode", "log"));
            if (!sample && !params.containsKey("endpoints")) {
                path.append("-unnamed-endpoints");
            }
            params.forEach((name, value) -> {
                if (!name.equals("mode") && !name.equals("endpoints")) {
                    path.append('-').append(name).append('-').append(value);
                }
            });
            return path.toString();
        }

        /** Changes the exploded sample's web.xml (and WEB-INF/lib) into this variant. */
        void rewrite(Path war) throws Exception {
            Path webXml = war.resolve("WEB-INF/web.xml");
            DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
            factory.setNamespaceAware(true);
            Document doc = factory.newDocumentBuilder().parse(webXml.toFile());
            Element filter = guardFilter(doc);
            if (filterClass == null) {
                filter.getParentNode().removeChild(filter);
                Element mapping = guardFilterMapping(doc);
                mapping.getParentNode().removeChild(mapping);
            } else if (!guarded) {
                child(filter, "filter-class").setTextContent(filterClass);
                for (Element param : children(filter, "init-param")) {
                    filter.removeChild(param);
                }
                addParams(doc, filter, params);
                copyClass(war, ReachProbeFilter.class);
            } else {
                // The suite's value wins over the sample's, as an init-param wins over a context-param.
                for (Element param : children(filter, "init-param")) {
                    if (params.containsKey(child(param, "param-name").getTextContent().trim())) {
                        filter.removeChild(param);
                    }
                }
                addParams(doc, filter, params);
            }
            // SECURED has /secure/echo behind the login filter; the sample maps no endpoint there.
            for (Class<?> endpoint : app.endpointClasses()) {
                if (!SAMPLE_ENDPOINTS.contains(endpoint.getAnnotation(ServerEndpoint.class).value())) {
                    copyClass(war, endpoint);
                }
            }
            if (!guarded) {
                try (var libs = Files.list(war.resolve("WEB-INF/lib"))) {
                    for (Path jar : libs.filter(p -> p.getFileName().toString().startsWith("wsguard-filter")).toList()) {
                        Files.delete(jar);
                    }
                }
            }
            var transformer = TransformerFactory.newInstance().newTransformer();
            transformer.setOutputProperty(OutputKeys.ENCODING, "UTF-8");
            transformer.transform(new DOMSource(doc), new StreamResult(webXml.toFile()));
        }

        private static void addParams(Document doc, Element filter, Map<String, String> params) {
            Node before = child(filter, "async-supported");
            before = before == null ? null : before.getNextSibling();
            for (Map.Entry<String, String> e : params.entrySet()) {
                Element param = doc.createElementNS(filter.getNamespaceURI(), "init-param");
                Element name = doc.createElementNS(filter.getNamespaceURI(), "param-name");
                name.setTextContent(e.getKey());
                Element value = doc.createElementNS(filter.getNamespaceURI(), "param-value");
                value.setTextContent(e.getValue());
                param.appendChild(name);
                param.appendChild(value);
                filter.insertBefore(param, before);
            }
        }

        private static void copyClass(Path war, Class<?> type) throws IOException {
            String resource = type.getName().replace('.', '/') + ".class";
            Path target = war.resolve("WEB-INF/classes").resolve(resource);
            Files.createDirectories(target.getParent());
            try (InputStream in = type.getClassLoader().getResourceAsStream(resource)) {
                if (in == null) {
                    throw new IOException("no class file for " + type.getName());
                }
                Files.copy(in, target);
            }
        }

        private static Element guardFilter(Document doc) {
            return named(doc, "filter", "filter-name");
        }

        private static Element guardFilterMapping(Document doc) {
            return named(doc, "filter-mapping", "filter-name");
        }

        private static Element named(Document doc, String element, String nameElement) {
            NodeList all = doc.getElementsByTagNameNS("*", element);
            for (int i = 0; i < all.getLength(); i++) {
                Element e = (Element) all.item(i);
                Element name = child(e, nameElement);
                if (name != null && Guard.FILTER_NAME.equals(name.getTextContent().trim())) {
                    return e;
                }
            }
            throw new IllegalStateException("the sample's web.xml has no <" + element + "> named " + Guard.FILTER_NAME);
        }

        private static Element child(Element parent, String name) {
            List<Element> found = children(parent, name);
            return found.isEmpty() ? null : found.get(0);
        }

        private static List<Element> children(Element parent, String name) {
            List<Element> found = new ArrayList<>();
            for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
                if (n instanceof Element e && name.equals(e.getLocalName())) {
                    found.add(e);
                }
            }
            return found;
        }
    }

    /** One variant, deployed; shared by every case that asks for it. */
    private static final class Shared implements RunningServer {

        private final String contextPath;
        private final boolean guarded;
        private final List<String> startup;

        Shared(String contextPath, boolean guarded, List<String> startup) {
            this.contextPath = contextPath;
            this.guarded = guarded;
            this.startup = List.copyOf(startup);
        }

        @Override
        public int port() {
            return port;
        }

        @Override
        public String contextPath() {
            return contextPath;
        }

        @Override
        public List<String> startupLog() {
            return startup;
        }

        @Override
        public void beforeRequest(String target) throws InterruptedException {
            if (!guarded) {
                return;
            }
            String key = contextPath + " " + target.replaceFirst("[?#].*$", "");
            Long last = lastHit.get(key);
            if (last != null) {
                long waitNanos = last + LOG_WINDOW_WAIT.toNanos() - System.nanoTime();
                if (waitNanos > 0) {
                    Thread.sleep(waitNanos / 1_000_000L + 1);
                }
            }
            lastHit.put(key, System.nanoTime());
        }

        @Override
        public void close() {
            // Shared: the deployment stays until the container is closed.
        }
    }

    /** For failure messages. */
    @Override
    public String toString() {
        return "GlassFish on port " + port + ", deployed " + deployed.keySet();
    }
}
